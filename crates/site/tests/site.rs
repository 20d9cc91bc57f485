//! The generator end to end: runs the `ams-errors-site` binary once into a temporary directory
//! and checks what it wrote: a page for every catalog entry and an index linking them all, each
//! page's head (title, description, canonical, the standalone page's CSP) and that no page loads
//! a script or wasm, catalog text escaped, `catalog.json` valid against `catalog.schema.json`
//! (and the schema strict enough to refuse what data.rs cannot write), and `catalog.json` agreeing
//! with Microsoft's reference tables (`tests/data/*.tsv`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use ams_errors::catalog::{self, Entry, Kind};
use serde_json::Value;

const ORIGIN_TSV: &str = include_str!("../../../tests/data/origin_codes.tsv");
const LIVE_TSV: &str = include_str!("../../../tests/data/live_codes.tsv");
const AMP_TSV: &str = include_str!("../../../tests/data/amp_codes.tsv");
const INDEX_HTML: &str = include_str!("../../../index.html");
const SCHEMA_SOURCE: &str = include_str!("../catalog.schema.json");

/// The output directory, generated once per test run by the real binary.
fn out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site");
        let _ = fs::remove_dir_all(&dir);
        let run = Command::new(env!("CARGO_BIN_EXE_ams-errors-site")).arg(&dir).output().expect("run ams-errors-site");
        assert!(run.status.success(), "ams-errors-site failed: {}", String::from_utf8_lossy(&run.stderr));
        dir
    })
}

fn read(rel: &str) -> String {
    fs::read_to_string(out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn page(name: &str) -> String {
    read(&format!("codes/{name}.html"))
}

/// Text as Yew writes it in an element.
fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Text as Yew writes it in a double-quoted attribute.
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

/// Every distinct catalog name, in catalog order.
fn names() -> Vec<&'static str> {
    let mut seen = BTreeSet::new();
    catalog::all().iter().map(|e| e.name).filter(|n| seen.insert(*n)).collect()
}

/// The pages written, by name (index.html aside).
fn pages_written() -> BTreeSet<String> {
    fs::read_dir(out().join("codes"))
        .expect("codes/")
        .filter_map(|f| f.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".html").map(str::to_string))
        .filter(|f| f != "index")
        .collect()
}

/// Every `href="..."` value in `html`.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).collect()
}

/// Whether `html` has an attribute like ` onclick="`.
fn has_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let rest = &html[i + 3..];
        let word = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        word > 0 && rest[word..].starts_with("=\"")
    })
}

/// The CSP of the standalone page.
fn index_csp() -> &'static str {
    let at = INDEX_HTML.find("http-equiv=\"Content-Security-Policy\" content=\"").expect("index.html has a CSP meta");
    let rest = &INDEX_HTML[at..];
    let start = rest.find("content=\"").unwrap() + "content=\"".len();
    let end = start + rest[start..].find('"').unwrap();
    &rest[start..end]
}

#[test]
fn every_entry_has_its_page_with_its_card() {
    for e in catalog::all() {
        let html = page(e.name);
        let card = format!("data-testid=\"finding\" data-kind=\"{}\" data-code=\"{}\"", e.kind.as_str(), e.name);
        assert!(html.contains(&card), "{}: no {} card", e.name, e.kind.as_str());
        if let Some(h) = e.hresult {
            assert!(html.contains(&format!("data-hresult=\"{h}\"")), "{}: data-hresult", e.name);
        }
        assert!(html.contains(&attr(&e.source())), "{}: the Microsoft source link", e.name);
    }
    let written = pages_written();
    let want: BTreeSet<String> = names().into_iter().map(str::to_string).collect();
    assert_eq!(written, want, "one page per catalog name, and no other");
}

#[test]
fn a_name_in_two_tables_gets_both_cards_origin_first() {
    let both: Vec<&Entry> = catalog::all().iter().filter(|e| e.name == "MPE_BAD_URL_SYNTAX").collect();
    assert_eq!(both.len(), 2);
    let html = page("MPE_BAD_URL_SYNTAX");
    let origin = html.find("data-kind=\"origin\"").expect("origin card");
    let live = html.find("data-kind=\"live\"").expect("live card");
    assert!(origin < live);
}

#[test]
fn the_index_links_to_every_page_by_kind_and_status() {
    let index = read("codes/index.html");
    let linked: BTreeSet<&str> = hrefs(&index).into_iter().filter_map(|h| h.strip_suffix(".html")).collect();
    for name in pages_written() {
        assert!(linked.contains(name.as_str()), "the index does not link {name}.html");
    }
    for link in &linked {
        if !link.contains('/') && *link != "index" {
            assert!(out().join(format!("codes/{link}.html")).is_file(), "the index links a missing {link}.html");
        }
    }
    // Origin codes sit under their status: 403's heading comes before its codes, and 404's after.
    let h403 = index.find("href=\"403.html\"").expect("403 heading");
    let code = index.find("href=\"MPE_ENC_ENCRYPTION_REQUIRED.html\"").expect("an origin 403 code");
    let h404 = index.find("href=\"404.html\"").expect("404 heading");
    assert!(h403 < code && code < h404, "MPE_ENC_ENCRYPTION_REQUIRED is listed under 403");
    for heading in ["Streaming endpoint (origin)", "Live events", "HTTP statuses", "Azure Media Player"] {
        assert!(index.contains(heading), "the index has a {heading} section");
    }
}

#[test]
fn player_pages_decode_their_code_and_retired_pages_say_so() {
    let html = page("networkErrHttpUrlNotFound");
    assert!(html.contains("data-kind=\"player\"") && html.contains("code 0x0200194 · HTTP 404"));
    let index = read("codes/index.html");
    let h = index.find("MEDIA_ERR_NETWORK").expect("a category heading");
    assert!(h < index.find("href=\"networkErrHttpUrlNotFound.html\"").expect("listed"), "listed under its category");
    for e in catalog::all().iter().filter(|e| e.retired) {
        assert!(page(e.name).contains("no longer emitted"), "{}: the card says it is retired", e.name);
    }
    assert!(catalog::all().iter().any(|e| e.retired), "a retired code to check");
}

#[test]
fn every_page_has_its_head_and_loads_no_script() {
    let csp = index_csp();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let mut all: Vec<(String, String)> = names().into_iter().map(|n| (n.to_string(), page(n))).collect();
    all.push(("index".into(), read("codes/index.html")));
    for (name, html) in &all {
        assert!(
            html.starts_with("<!doctype html>\n<html lang=\"en\" data-theme=\"auto\">"),
            "{name}: doctype and root"
        );
        assert!(html.trim_end().ends_with("</body></html>"), "{name}: a whole document");
        assert!(
            html.contains(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", attr(csp))),
            "{name}: CSP"
        );
        assert!(html.contains("<meta name=\"referrer\" content=\"no-referrer\">"), "{name}: referrer");
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{name}.html\">")), "{name}: canonical");
        assert!(html.contains("<link rel=\"stylesheet\" href=\"codes.css\">"), "{name}: stylesheet");
        assert_eq!(html.matches("<title>").count(), 1, "{name}: one title");
        assert_eq!(html.matches("<h1").count(), 1, "{name}: one h1");
        assert_eq!(html.matches("<meta name=\"description\"").count(), 1, "{name}: one description");
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{name}: a script");
        assert!(!lower.contains(".wasm") && !lower.contains(".js\""), "{name}: loads wasm or JS");
        assert!(!has_handler(&lower), "{name}: an inline event handler");
        assert!(!lower.contains("javascript:"), "{name}: a javascript: URL");
        assert!(!lower.contains("style=\""), "{name}: an inline style (the CSP forbids it)");
        for h in hrefs(html) {
            assert!(!h.starts_with('#'), "{name}: an in-page link {h} (the widget's #code= links must point at pages)");
            assert!(!h.starts_with('/'), "{name}: {h} is not relative (dist/ is served from any path)");
        }
        assert!(html.contains("href=\"https://learn.microsoft.com/"), "{name}: a link to Microsoft's reference");
    }
}

#[test]
fn a_code_page_names_the_entry_and_links_back() {
    for name in names() {
        let entries: Vec<&Entry> = catalog::all().iter().filter(|e| e.name == name).collect();
        let html = page(name);
        let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap();
        assert!(title.contains(&text(name)), "{name}: the title names it: {title}");
        for e in &entries {
            assert!(title.contains(&text(e.title())), "{name}: the title has its title: {title}");
            let desc = html.split("<meta name=\"description\" content=\"").nth(1).unwrap();
            assert!(desc.contains(&attr(e.summary())), "{name}: the description is its summary");
        }
        assert!(html.contains("href=\"index.html\""), "{name}: a link to the index");
        assert!(html.contains(&format!("href=\"../index.html#code={name}\"")), "{name}: a link to the widget");
    }
    let index = read("codes/index.html");
    assert!(index.contains("href=\"../index.html\""), "the index links the widget");
}

#[test]
fn related_codes_link_to_their_pages() {
    let html = page("403");
    for e in catalog::with_status(403) {
        assert!(html.contains(&format!("href=\"{}.html\"", e.name)), "403 links {}", e.name);
    }
    let event = page("LiveEventEncoderDisconnected");
    assert!(event.contains("href=\"MPE_RTMP_SESSION_IDLE_TIMEOUT.html\""), "an event links its codes");
}

#[test]
fn catalog_text_is_escaped_never_markup() {
    let mut checked = 0;
    for e in catalog::all() {
        let html = page(e.name);
        let mut texts = vec![e.title(), e.summary(), e.explanation()];
        texts.extend(e.causes().iter());
        texts.extend(e.fixes().iter());
        texts.extend(e.note());
        for t in texts.into_iter().filter(|t| t.contains(['<', '>', '&'])) {
            assert!(html.contains(&text(t)), "{}: {t:?} is not there escaped", e.name);
            if t.contains('<') {
                assert!(!html.contains(t), "{}: {t:?} came out as markup", e.name);
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no catalog text holds markup characters: nothing was checked");
    let live = page("MPE_BAD_URL_SYNTAX");
    assert!(live.contains("/live/&lt;token&gt;/") && !live.contains("<token>"));
}

#[test]
fn the_stylesheet_has_the_widget_styles_both_themes_and_print() {
    let css = read("codes/codes.css");
    assert!(css.contains(".ams-errors__finding {"), "the widget's card styles");
    assert!(css.contains(".ams-errors[data-theme=\"dark\"]") && css.contains("prefers-color-scheme: dark"));
    assert!(css.contains(":root[data-theme=\"auto\"]"), "the page chrome follows the system theme");
    assert!(css.contains("@media print") && css.contains("attr(href)"), "print rules");
    assert!(!css.contains("/*"), "comments dropped");
    assert!(!css.contains("@import") && !css.contains("url("), "nothing fetched from the stylesheet");
}

fn catalog_json() -> Value {
    serde_json::from_str(&read("catalog.json")).expect("catalog.json parses")
}

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let path = out().join("catalog.schema.json");
    let index = boon::Compiler::new().compile(path.to_str().unwrap(), &mut schemas).unwrap_or_else(|e| panic!("{e:#}"));
    (schemas, index)
}

#[test]
fn catalog_json_is_the_core_catalog_and_valid_against_the_schema() {
    let want = serde_json::to_string_pretty(&ams_errors_core::data::Catalog::new()).unwrap();
    assert_eq!(read("catalog.json").trim_end(), want, "catalog.json is data::Catalog, pretty-printed");
    assert_eq!(read("catalog.schema.json"), SCHEMA_SOURCE, "the schema is copied as it is");
    let json = catalog_json();
    assert_eq!(json["schema_version"], ams_errors_core::data::SCHEMA_VERSION);
    assert_eq!(json["entries"].as_array().unwrap().len(), catalog::all().len());
    let (schemas, index) = validator();
    if let Err(e) = schemas.validate(&json, index) {
        panic!("catalog.json does not match catalog.schema.json:\n{e:#}");
    }
}

#[test]
fn the_schema_names_every_field_and_refuses_what_data_rs_cannot_write() {
    let schema: Value = serde_json::from_str(SCHEMA_SOURCE).unwrap();
    let entry = &schema["$defs"]["entry"];
    let described: BTreeSet<&str> = entry["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    let required: BTreeSet<&str> = entry["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    let json = catalog_json();
    let written: BTreeSet<&str> = json["entries"][0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(described, written, "the schema describes exactly EntryData's fields");
    assert_eq!(required, written, "and requires each");
    assert_eq!(entry["additionalProperties"], false);

    let (schemas, index) = validator();
    type Spoil = fn(&mut Value);
    let bad: [(&str, Spoil); 10] = [
        ("an unknown field", |e| e["colour"] = "red".into()),
        ("a missing field", |e| drop(e.as_object_mut().unwrap().remove("summary"))),
        ("an unknown kind", |e| e["kind"] = "cdn".into()),
        ("an unknown severity", |e| e["severity"] = "fatal".into()),
        ("a lower-case HRESULT", |e| e["hresult"] = "0x8088021e".into()),
        ("a short HRESULT", |e| e["hresult"] = "0x8088021".into()),
        ("status 600", |e| e["status"] = 600.into()),
        ("status 99", |e| e["status"] = 99.into()),
        ("a status as text", |e| e["status"] = "403".into()),
        ("an empty summary", |e| e["summary"] = "".into()),
    ];
    for (what, spoil) in bad {
        let mut doc = json.clone();
        spoil(&mut doc["entries"][0]);
        assert!(schemas.validate(&doc, index).is_err(), "the schema accepts {what}");
    }
    let mut doc = json.clone();
    doc["schema_version"] = 2.into();
    assert!(schemas.validate(&doc, index).is_err(), "the schema accepts another schema_version");
    let mut doc = json.clone();
    doc["entries"][0]["status"] = Value::Null;
    doc["entries"][0]["hresult"] = Value::Null;
    doc["entries"][0]["hresult_values"] = Value::Null;
    assert!(schemas.validate(&doc, index).is_ok(), "null status and HRESULT are valid");
}

fn rows(tsv: &str) -> Vec<Vec<&str>> {
    tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect()
}

fn entry<'a>(json: &'a Value, kind: &str, name: &str) -> &'a Value {
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind && e["name"] == name)
        .unwrap_or_else(|| panic!("catalog.json has no {kind} entry {name}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().filter_map(Value::as_str).collect()
}

#[test]
fn catalog_json_agrees_with_the_reference_tables() {
    let json = catalog_json();
    let origin = rows(ORIGIN_TSV);
    assert!(origin.len() > 70, "{} origin rows", origin.len());
    for r in origin {
        let (status, code, hex) = (r[0], r[1], r[2]);
        let e = entry(&json, "origin", code);
        assert_eq!(e["status"].as_u64().map(|s| s.to_string()).as_deref(), Some(status), "{code} status");
        assert_eq!(e["hresult"], hex.to_ascii_uppercase().replacen("0X", "0x", 1), "{code} HRESULT");
        let unsigned = u32::from_str_radix(hex.trim_start_matches("0x"), 16).unwrap();
        assert_eq!(e["hresult_values"]["unsigned"], unsigned, "{code} unsigned");
        assert_eq!(e["hresult_values"]["signed"], unsigned as i32, "{code} signed");
    }
    let live = rows(LIVE_TSV);
    assert!(live.len() > 15, "{} live rows", live.len());
    for r in live {
        let (event, code) = (r[0], r[1]);
        let e = entry(&json, "live", code);
        if event == "Other" {
            // No event on the live page; the 2023 Event Grid schemas tie some to these two.
            let schema = ["LiveEventEncoderDisconnected", "LiveEventChannelArchiveHeartbeat"];
            assert!(strings(&e["events"]).iter().all(|ev| schema.contains(ev)), "{code} is carried by no event");
        } else {
            assert!(strings(&e["events"]).contains(&event), "{code} is carried by {event}");
            let ev = entry(&json, "live", event);
            assert_eq!(ev["event"], true, "{event} is an event");
            assert!(strings(&ev["members"]).contains(&code), "{event} lists {code}");
        }
    }
    let statuses = json["entries"].as_array().unwrap().iter().filter(|e| e["kind"] == "http").count();
    assert_eq!(statuses, catalog::all().iter().filter(|e| e.kind == Kind::Http).count());
    let amp = rows(AMP_TSV);
    assert_eq!(amp.len(), 36);
    for r in amp.iter().filter(|r| !r[1].is_empty()) {
        let e = entry(&json, "player", r[1]);
        assert_eq!((e["amp_code"].as_str(), e["category"].as_str()), (Some(r[2]), Some(r[0])), "{}", r[1]);
    }
    let players = json["entries"].as_array().unwrap().iter().filter(|e| e["kind"] == "player").count();
    assert_eq!(players, amp.len(), "one player entry per row (one row has no name in the reference)");
}

#[test]
fn a_bad_output_directory_fails_with_a_message() {
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-not-a-dir");
    fs::write(&file, "").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_ams-errors-site")).arg(&file).output().unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("ams-errors-site: cannot create"), "{err}");
    let usage = Command::new(env!("CARGO_BIN_EXE_ams-errors-site")).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("usage: ams-errors-site <OUT_DIR>"));
}
