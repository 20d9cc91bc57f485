//! Build script: reads the catalog data in `codes/`, validates every file, and writes
//! `$OUT_DIR/catalog.rs` (a sorted `static ENTRIES: &[Entry]`). All problems are collected and
//! reported in one run, with paths, so a broken catalog can never ship and the wasm carries
//! no TOML parser.

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
}

fn default_severity() -> String {
    "error".into()
}

const KINDS: [(&str, &str); 3] = [("origin", "Origin"), ("live", "Live"), ("http", "Http")];

fn is_hex8(s: &str) -> bool {
    s.len() == 10 && s.starts_with("0x") && s[2..].bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("codes");
    println!("cargo::rerun-if-changed=codes");
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
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo::warning={p}");
            eprintln!("catalog: {p}");
        }
        panic!("{} problem(s) in codes/ (see above)", problems.len());
    }
    codes.sort_by(|(_, a), (_, b)| {
        let rank = |k: &str| KINDS.iter().position(|(d, _)| *d == k).unwrap_or(9);
        (rank(&a.kind), !a.event, a.status, &a.name).cmp(&(rank(&b.kind), !b.event, b.status, &b.name))
    });
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("catalog.rs");
    fs::write(&out, generate(&codes)).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("cargo::rerun-if-changed=styles/widget.css");
    let css = fs::read_to_string("styles/widget.css").unwrap_or_else(|e| panic!("styles/widget.css: {e}"));
    fs::write(out_dir.join("widget.css"), minify_css(&css)).unwrap_or_else(|e| panic!("cannot write widget.css: {e}"));
}

/// The widget's stylesheet without comments and spare white space (it ships inside the wasm).
/// Spaces before `:` are kept: `.a :focus` and `.a:focus` differ.
fn minify_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.join(" ");
    for p in ["{", "}", ";", ",", ">"] {
        out = out.replace(&format!(" {p}"), p).replace(&format!("{p} "), p);
    }
    out.replace(";}", "}")
}

fn validate(codes: &[(PathBuf, Code)], problems: &mut Vec<String>) {
    let mut keys = BTreeSet::new();
    let mut hresults = BTreeMap::new();
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
            k => bad(format!("unknown kind {k:?}")),
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
    }
}

/// Field, list-item and entry separators of the blob (ASCII unit, record and group separators).
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1e}';
const ENTRY: char = '\u{1d}';
/// Where almost every source link points; stored as `~` in the blob.
const LEARN: &str = "https://learn.microsoft.com/azure/media-services/latest/";

fn list(v: &[String]) -> String {
    v.iter().map(|x| x.trim()).collect::<Vec<_>>().join(&ITEM.to_string())
}

/// The catalog as one text blob: an entry per group-separated record, fields unit-separated,
/// list items record-separated. One contiguous string compresses like the source text; a
/// table of pointers per field would not (see catalog.rs, which slices it once at start-up).
fn generate(codes: &[(PathBuf, Code)]) -> String {
    let mut blob = String::new();
    for (i, (_, c)) in codes.iter().enumerate() {
        if i > 0 {
            blob.push(ENTRY);
        }
        let kind = match c.kind.as_str() {
            "origin" => "o",
            "live" => "l",
            _ => "h",
        };
        let flags = format!(
            "{}{}{}",
            if c.event { "E" } else { "" },
            if c.generic { "G" } else { "" },
            if c.retired { "R" } else { "" }
        );
        let winhttp = c
            .winhttp
            .as_ref()
            .map(|w| format!("{}{ITEM}{}{ITEM}{}", w.name, &w.code[2..], w.meaning.trim()))
            .unwrap_or_default();
        let fields = [
            kind.to_string(),
            c.name.clone(),
            c.status.map(|s| s.to_string()).unwrap_or_default(),
            c.hresult.as_deref().and_then(|h| h.get(2..)).unwrap_or_default().to_string(),
            c.title.trim().to_string(),
            c.summary.trim().to_string(),
            c.explanation.trim().to_string(),
            list(&c.causes),
            list(&c.fixes),
            // The common prefix is restored by catalog.rs (`~`): ~10 KB less text in the wasm.
            c.source.replacen(LEARN, "~", 1),
            list(&c.keywords),
            list(&c.events),
            flags,
            c.severity.chars().next().unwrap_or('e').to_string(),
            winhttp,
            c.note.as_deref().map(str::trim).unwrap_or_default().to_string(),
            list(&c.aliases),
            c.management.as_deref().map(str::trim).unwrap_or_default().to_string(),
        ];
        blob.push_str(&fields.join(&FIELD.to_string()));
    }
    format!("/// The catalog, generated by build.rs from `codes/`.\nconst BLOB: &str = {blob:?};\n")
}
