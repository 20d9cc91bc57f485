//! Build script: reads the catalog data in `codes/` (one file per entry under `codes/<kind>/`,
//! and the tables the readers use under `codes/maps/`), validates every file, and writes
//! `$OUT_DIR/catalog.rs` (a sorted `static ENTRIES: &[Entry]` and the tables). All problems are
//! collected and reported in one run, with paths, so a broken catalog can never ship and the
//! wasm carries no TOML parser.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::{env, fs};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WinHttp {
    name: String,
    code: String,
    meaning: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Code {
    name: String,
    kind: String,
    #[serde(default)]
    status: Option<u16>,
    #[serde(default)]
    hresult: Option<String>,
    title: String,
    summary: String,
    explanation: String,
    causes: Vec<String>,
    fixes: Vec<String>,
    source: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    event: bool,
    #[serde(default = "default_severity")]
    severity: String,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    winhttp: Option<WinHttp>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    retired: bool,
    #[serde(default)]
    management: Option<String>,
    #[serde(default)]
    amp_code: Option<String>,
    #[serde(default)]
    category: Option<String>,
}

/// `codes/maps/storage.toml`: Azure Storage error codes and the origin entry reporting each.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StorageMap {
    storage: BTreeMap<String, String>,
}

/// `codes/maps/player.toml`: Azure Media Player's techs, by the value of bits 31-28.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlayerMap {
    techs: Vec<String>,
}

fn default_severity() -> String {
    "error".into()
}

const KINDS: [(&str, &str); 4] = [("origin", "Origin"), ("live", "Live"), ("http", "Http"), ("player", "Player")];

/// `0x` and `n` upper-case hex digits.
fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n + 2 && s.starts_with("0x") && s[2..].bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

fn is_hex8(s: &str) -> bool {
    is_hex(s, 8)
}

/// A player entry's 28-bit code, once `validate` has accepted it (0 otherwise: never sorted wrong,
/// never written, since a problem stops the build).
fn amp_value(c: &Code) -> u32 {
    c.amp_code.as_deref().and_then(|h| h.get(2..)).and_then(|h| u32::from_str_radix(h, 16).ok()).unwrap_or(0)
}

/// Reads `codes/maps/<file>` as `T`, or records why not.
fn read_map<T: for<'de> Deserialize<'de>>(root: &Path, file: &str, problems: &mut Vec<String>) -> Option<T> {
    let path = root.join("maps").join(file);
    println!("cargo::rerun-if-changed={}", path.display());
    let read = fs::read_to_string(&path).map_err(|e| e.to_string());
    match read.and_then(|t| toml::from_str::<T>(&t).map_err(|e| e.to_string())) {
        Ok(m) => Some(m),
        Err(e) => {
            problems.push(format!("{}: {e}", path.display()));
            None
        }
    }
}

fn main() {
    // The catalog data sits at the top of the repository, beside the widget that shows it.
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../../codes");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut problems = Vec::new();
    let mut codes: Vec<(PathBuf, Code)> = Vec::new();
    for (dir, _) in KINDS {
        let path = root.join(dir);
        println!("cargo::rerun-if-changed={}", path.display());
        let Ok(read) = fs::read_dir(&path) else {
            problems.push(format!("{}: missing directory", path.display()));
            continue;
        };
        let mut files: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for file in files {
            if file.extension().and_then(|e| e.to_str()) != Some("toml") {
                problems.push(format!("{}: stray file (only .toml belongs here)", file.display()));
                continue;
            }
            match fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|t| toml::from_str::<Code>(&t).map_err(|e| e.to_string()))
            {
                Ok(code) => codes.push((file, code)),
                Err(e) => problems.push(format!("{}: {e}", file.display())),
            }
        }
    }
    validate(&codes, &mut problems);
    let storage = read_map::<StorageMap>(&root, "storage.toml", &mut problems).map(|m| m.storage).unwrap_or_default();
    let techs = read_map::<PlayerMap>(&root, "player.toml", &mut problems).map(|m| m.techs).unwrap_or_default();
    validate_maps(&root, &codes, &storage, &techs, &mut problems);
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo::warning={p}");
            eprintln!("catalog: {p}");
        }
        panic!("{} problem(s) in codes/ (see above)", problems.len());
    }
    // Player codes sort by code (the reference's order); the others have none, so keep theirs.
    codes.sort_by(|(_, a), (_, b)| {
        let rank = |k: &str| KINDS.iter().position(|(d, _)| *d == k).unwrap_or(9);
        let key = |c: &Code| (rank(&c.kind), !c.event, amp_value(c), c.status);
        (key(a), &a.name).cmp(&(key(b), &b.name))
    });
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("catalog.rs");
    let text = generate(&codes) + &generate_maps(&codes, &storage, &techs);
    fs::write(&out, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

fn validate(codes: &[(PathBuf, Code)], problems: &mut Vec<String>) {
    let mut keys = BTreeSet::new();
    let mut hresults = BTreeMap::new();
    let mut amp_codes = BTreeMap::new();
    // Bits 27-20 of a player code name its category: one name per value, one value per name.
    let mut categories: BTreeMap<u32, &str> = BTreeMap::new();
    let mut aliases = BTreeMap::new();
    let events: BTreeSet<&str> = codes.iter().filter(|(_, c)| c.event).map(|(_, c)| c.name.as_str()).collect();
    for (path, c) in codes {
        let mut bad = |what: String| problems.push(format!("{}: {what}", path.display()));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let dir = path.parent().and_then(Path::file_name).and_then(|s| s.to_str()).unwrap_or_default();
        if stem != c.name {
            bad(format!("file name differs from name {:?}", c.name));
        }
        if dir != c.kind {
            bad(format!("kind {:?} but the file sits in codes/{dir}/", c.kind));
        }
        if !c.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') || c.name.is_empty() {
            bad(format!("name {:?} is not [A-Za-z0-9_]+", c.name));
        }
        if !keys.insert((c.kind.clone(), c.name.to_ascii_uppercase())) {
            bad(format!("duplicate {} name {}", c.kind, c.name));
        }
        if let Some(s) = c.status {
            if !(100..=599).contains(&s) {
                bad(format!("status {s} is not an HTTP status"));
            }
        }
        match c.kind.as_str() {
            "origin" => {
                if c.status.is_none() || c.hresult.is_none() {
                    bad("origin codes need status and hresult".into());
                }
            }
            "http" => {
                if c.status.map(|s| s.to_string()) != Some(c.name.clone()) {
                    bad("http entries are named after their status".into());
                }
            }
            "live" => {
                if c.event && !c.events.is_empty() {
                    bad("an event entry lists no events".into());
                }
            }
            "player" => {
                if c.amp_code.is_none() || c.category.as_deref().is_none_or(|k| k.trim().is_empty()) {
                    bad("player codes need amp_code and category".into());
                }
                if c.hresult.is_some() || c.event || !c.events.is_empty() || c.winhttp.is_some() {
                    bad("player codes have no hresult, events or winhttp".into());
                }
            }
            k => bad(format!("unknown kind {k:?}")),
        }
        if c.kind != "player" && (c.amp_code.is_some() || c.category.is_some()) {
            bad("amp_code and category belong to player entries (codes/player/)".into());
        }
        if let Some(a) = &c.amp_code {
            let v = amp_value(c);
            if !is_hex(a, 7) || v > 0x0FFF_FFFF {
                bad(format!("amp_code {a:?} is not 0x + 7 upper-case hex digits (28 bits, at most 0x0FFFFFFF)"));
            } else if let Some(prev) = amp_codes.insert(v, c.name.clone()) {
                bad(format!("amp_code {a} already belongs to {prev}"));
            }
            // A network code's low bits are the HTTP status it stands for (0x0200194 is a 404).
            if let Some(s) = c.status.filter(|s| u32::from(*s) != v & 0xF_FFFF) {
                bad(format!("status {s} but amp_code {a} carries {}", v & 0xF_FFFF));
            }
            if let Some(k) = c.category.as_deref() {
                match categories.insert(v >> 20, k) {
                    Some(prev) if prev != k => {
                        bad(format!("category {k:?}, but code bits 27-20 0x{:02X} are {prev:?}", v >> 20))
                    }
                    _ if categories.iter().any(|(b, n)| *n == k && *b != v >> 20) => {
                        bad(format!("category {k:?} is already the name of other bits 27-20"))
                    }
                    _ => {}
                }
            }
        }
        if let Some(h) = &c.hresult {
            if !is_hex8(h) {
                bad(format!("hresult {h:?} is not 0x + 8 upper-case hex digits"));
            } else if let Some(prev) = hresults.insert(h.clone(), c.name.clone()) {
                bad(format!("hresult {h} already belongs to {prev}"));
            }
        }
        for e in &c.events {
            if !events.contains(e.as_str()) {
                bad(format!("event {e:?} has no entry in codes/live/ with event = true"));
            }
        }
        for a in &c.aliases {
            if let Some(prev) = aliases.insert(a.to_ascii_uppercase(), c.name.clone()) {
                bad(format!("alias {a} already belongs to {prev}"));
            }
        }
        if let Some(w) = &c.winhttp {
            if !is_hex8(&w.code) || w.name.is_empty() || w.meaning.trim().is_empty() {
                bad("winhttp needs name, code (0x + 8 hex digits) and meaning".into());
            }
        }
        if !["error", "warning", "info"].contains(&c.severity.as_str()) {
            bad(format!("severity {:?} is not error, warning or info", c.severity));
        }
        for (field, text) in [("title", &c.title), ("summary", &c.summary), ("explanation", &c.explanation)] {
            if text.trim().is_empty() {
                bad(format!("{field} is empty"));
            }
        }
        let all_text = [&c.name, &c.title, &c.summary, &c.explanation, &c.source]
            .into_iter()
            .chain(c.causes.iter().chain(&c.fixes).chain(&c.keywords).chain(&c.events).chain(&c.aliases))
            .chain(c.note.iter())
            .chain(c.management.iter());
        for t in all_text {
            if t.contains(['\u{1d}', '\u{1e}', '\u{1f}']) {
                bad("text holds an ASCII separator control character".into());
            }
        }
        if c.management.is_some() && c.kind != "http" {
            bad("management: only HTTP statuses have a management-API meaning".into());
        }
        if c.management.as_deref().is_some_and(|m| m.trim().is_empty()) {
            bad("management is empty".into());
        }
        if c.summary.contains('\n') {
            bad("summary is one line".into());
        }
        if c.causes.is_empty() || c.causes.iter().any(|s| s.trim().is_empty()) {
            bad("causes: at least one, none empty".into());
        }
        if c.fixes.is_empty() || c.fixes.iter().any(|s| s.trim().is_empty()) {
            bad("fixes: at least one, none empty".into());
        }
        if !c.source.starts_with("https://") || !c.source.contains('#') {
            bad("source must be an https:// link to a section (with #anchor)".into());
        }
        if c.source.starts_with(OLD_LEARN) {
            bad(format!("source uses the old base {OLD_LEARN}: Microsoft now publishes these pages under {LEARN}"));
        }
    }
}

/// The tables under `codes/maps/`: every storage code names an origin entry (once, in any
/// letter case); the techs are names, at most 16 (bits 31-28), none twice.
fn validate_maps(
    root: &Path,
    codes: &[(PathBuf, Code)],
    storage: &BTreeMap<String, String>,
    techs: &[String],
    problems: &mut Vec<String>,
) {
    let maps = root.join("maps");
    if let Ok(read) = fs::read_dir(&maps) {
        for f in read.filter_map(|e| e.ok().map(|e| e.path())) {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if !["storage.toml", "player.toml"].contains(&name) {
                problems.push(format!("{}: stray file (codes/maps/ holds storage.toml and player.toml)", f.display()));
            }
        }
    }
    let at = |file: &str| maps.join(file).display().to_string();
    let mut seen = BTreeSet::new();
    for (code, entry) in storage {
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            problems.push(format!("{}: storage code {code:?} is not [A-Za-z0-9]+", at("storage.toml")));
        }
        if !seen.insert(code.to_ascii_lowercase()) {
            problems.push(format!("{}: storage code {code} is listed twice (letter case aside)", at("storage.toml")));
        }
        if !codes.iter().any(|(_, c)| c.kind == "origin" && c.name == *entry) {
            problems
                .push(format!("{}: {code} maps to {entry}, which is no entry in codes/origin/", at("storage.toml")));
        }
    }
    let distinct: BTreeSet<&String> = techs.iter().collect();
    let named = techs.iter().all(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()));
    if techs.is_empty() || techs.len() > 16 || distinct.len() != techs.len() || !named {
        problems.push(format!("{}: techs must be 1 to 16 distinct names of letters and digits", at("player.toml")));
    }
}

/// Field and list-item separators of an entry's text (ASCII unit and record separators).
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1e}';
/// Ends an entry's text (ASCII group separator): an entry needs only where its text starts.
const END: char = '\u{1d}';
/// Where almost every source link points; stored as `~` in the prose. Since Media Services was
/// retired, Microsoft publishes its pages under previous-versions (docs/catalog-format.md).
const LEARN: &str = "https://learn.microsoft.com/previous-versions/azure/media-services/";
/// Where the pages were before: a link there is out of date.
const OLD_LEARN: &str = "https://learn.microsoft.com/azure/media-services/";

/// The prose fields of an entry, in the order they are written: the generated `Field` enum
/// lists the same names in the same order, so catalog.rs reads what build.rs wrote.
const PROSE: [(&str, &str); 11] = [
    ("Title", "A short phrase for headings."),
    ("Summary", "One line: what happened."),
    ("Explanation", "A fuller explanation."),
    ("Causes", "Likely causes, most common first (a list)."),
    ("Fixes", "What to do next, in order (a list)."),
    ("Source", "Link to the section of the source page (`~` for the Media Services docs prefix)."),
    ("Keywords", "Extra words that find the entry in a word search (a list)."),
    ("Note", "A remark on the entry (deprecations, overlaps); may be empty."),
    ("Management", "What an HTTP status means from the management API; may be empty."),
    ("Events", "Live codes: the Event Grid events that carry it (a list)."),
    ("Aliases", "Other spellings that name the entry (a list)."),
];

fn list(v: &[String]) -> String {
    v.iter().map(|x| x.trim()).collect::<Vec<_>>().join(&ITEM.to_string())
}

/// The words of a text, lower case (as the word search splits it).
fn words_of(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
}

/// The keywords that add words to the entry: one whose words its name, title, summary or
/// explanation already hold is found by the search anyway, and would cost the wasm ~700 bytes
/// of brotli over the catalog for a little more weight in the ranking.
fn new_keywords(c: &Code) -> Vec<String> {
    let said = words_of(&[c.name.as_str(), &c.title, &c.summary, &c.explanation].join(" "));
    c.keywords.iter().filter(|k| !words_of(k).is_subset(&said)).cloned().collect()
}

fn prose(c: &Code) -> [String; PROSE.len()] {
    let opt = |o: &Option<String>| o.as_deref().map(str::trim).unwrap_or_default().to_string();
    [
        c.title.trim().to_string(),
        c.summary.trim().to_string(),
        c.explanation.trim().to_string(),
        list(&c.causes),
        list(&c.fixes),
        // The common prefix is restored by catalog.rs: ~10 KB less text in the wasm.
        c.source.replacen(LEARN, "~", 1),
        list(&new_keywords(c)),
        opt(&c.note),
        opt(&c.management),
        list(&c.events),
        list(&c.aliases),
    ]
}

/// The catalog as Rust: a typed `static ENTRIES` whose facts are values (name, kind, status,
/// HRESULT, severity, flags), and whose text (prose, and the lists of events and aliases) sits
/// in one contiguous string, `TEXT`, addressed by offsets. One string compresses like the source
/// text; a pointer per field or list item would not (~1 KB more brotli), and the wasm pays for
/// every byte.
fn generate(codes: &[(PathBuf, Code)]) -> String {
    let mut text = String::new();
    let mut rows = String::new();
    for (_, c) in codes {
        let start = text.len();
        text.push_str(&prose(c).join(&FIELD.to_string()));
        text.push(END);
        // validate() rejects any other kind
        let kind = KINDS.iter().find(|(d, _)| *d == c.kind).map_or("Http", |(_, k)| k);
        let severity = match c.severity.as_str() {
            "warning" => "Warning",
            "info" => "Info",
            _ => "Error", // validate() rejects any other severity
        };
        let hresult = c.hresult.as_ref().map_or("None".into(), |h| format!("Some(Hresult({h}))"));
        let winhttp = c.winhttp.as_ref().map_or("None".into(), |w| {
            format!("Some(&WinHttp {{ name: {:?}, code: {}, meaning: {:?} }})", w.name, w.code, w.meaning.trim())
        });
        let amp = if c.amp_code.is_some() { format!("Some(AmpCode(0x{:07X}))", amp_value(c)) } else { "None".into() };
        rows.push_str(&format!(
            "    Entry {{ name: {:?}, kind: Kind::{kind}, status: {:?}, hresult: {hresult}, severity: Severity::{severity}, \
             event: {}, generic: {}, retired: {}, winhttp: {winhttp}, amp_code: {amp}, text: {start} }},\n",
            c.name, c.status, c.event, c.generic, c.retired
        ));
    }
    let fields: String = PROSE.iter().map(|(name, doc)| format!("    /// {doc}\n    {name},\n")).collect();
    format!(
        "// Generated by build.rs from `codes/`: do not edit.\n\n\
         /// The prose fields of an entry, in the order build.rs writes them.\n\
         #[derive(Clone, Copy)]\nenum Field {{\n{fields}}}\n\n\
         /// Every entry's text, one after another: fields split by U+001F, list items by U+001E, each entry's end marked by U+001D.\n\
         const TEXT: &str = {text:?};\n\n\
         /// Every entry: origin codes by status then name, then live events and codes, then HTTP statuses,\n\
         /// then Azure Media Player codes by code.\n\
         static ENTRIES: [Entry; {}] = [\n{rows}];\n\n\
         /// The common prefix of source links, stored as `~`.\n\
         const LEARN: &str = {LEARN:?};\n",
        codes.len()
    )
}

/// The tables of `codes/maps/` and the player categories, as Rust: storage codes with the index
/// of their origin entry in `ENTRIES` (as sorted), the techs in order, and each category's
/// bits 27-20 with its name.
fn generate_maps(codes: &[(PathBuf, Code)], storage: &BTreeMap<String, String>, techs: &[String]) -> String {
    let index = |name: &str| codes.iter().position(|(_, c)| c.kind == "origin" && c.name == name).unwrap_or(0);
    let storage: String = storage.iter().map(|(s, e)| format!("    ({s:?}, {}),\n", index(e))).collect();
    let mut categories: BTreeMap<u32, &str> = BTreeMap::new();
    for (_, c) in codes {
        if let Some(k) = &c.category {
            categories.insert(amp_value(c) >> 20, k.as_str());
        }
    }
    let cats: String = categories.iter().map(|(b, k)| format!("    (0x{b:02X}, {k:?}),\n")).collect();
    format!(
        "\n/// Azure Storage error codes (`codes/maps/storage.toml`) and the index in `ENTRIES` of the origin entry reporting each.\n\
         static STORAGE: [(&str, usize); {}] = [\n{storage}];\n\n\
         /// Azure Media Player's techs (`codes/maps/player.toml`), by the value of bits 31-28.\n\
         static TECHS: [&str; {}] = {techs:?};\n\n\
         /// Azure Media Player's categories: bits 27-20 of a code, and the name the entries give them.\n\
         static AMP_CATEGORIES: [(u32, &str); {}] = [\n{cats}];\n",
        storage.lines().count(),
        techs.len(),
        categories.len()
    )
}
