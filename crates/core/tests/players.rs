//! Captures of real players failing against a Media Services-shaped origin (hls.js, Shaka Player,
//! dash.js, video.js: console text, HAR files, error objects as JSON), kept under
//! `tests/fixtures/players/` by `tests/players/fixtures.mjs`. `manifest.json` lists each capture with
//! the HTTP status and the MPE code its text holds; the diagnosis must name both. A status counts as
//! named by a card for the bare status (`412`) or by a code's card that carries it, as the widget's
//! `data-status` does (the browser run, `tests/players/players.test.mjs`, judges the same way).
#![cfg(not(target_arch = "wasm32"))] // native only: reads fixtures from disk

use ams_errors_core::diagnose::diagnose;
use ams_errors_core::report::Subject;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/players");

fn read(name: &str) -> String {
    let path = format!("{DIR}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The manifest's entries: (file, status, code).
fn manifest() -> Vec<(String, Option<u16>, Option<String>)> {
    let m: serde_json::Value = serde_json::from_str(&read("manifest.json")).expect("manifest.json is JSON");
    let captures = m["captures"].as_array().expect("manifest.json has a `captures` array");
    captures
        .iter()
        .map(|c| {
            let file = c["file"].as_str().expect("each capture names its `file`").to_string();
            let status = c["status"].as_u64().map(|s| u16::try_from(s).expect("a status fits u16"));
            let code = c["code"].as_str().map(str::to_string);
            (file, status, code)
        })
        .collect()
}

#[test]
fn every_player_capture_names_its_status_and_code() {
    let entries = manifest();
    assert!(!entries.is_empty(), "manifest.json lists no capture");
    let mut missing = Vec::new();
    let mut checks = 0;
    for (file, status, code) in &entries {
        let report = diagnose(&read(file));
        let found: Vec<_> = report.findings.iter().filter_map(|f| f.subject.entry()).collect();
        let names = || {
            report
                .findings
                .iter()
                .map(|f| match f.subject {
                    Subject::Entry(e) => e.name.to_string(),
                    Subject::Hresult(h) => h.to_string(),
                })
                .collect::<Vec<_>>()
        };
        if let Some(s) = status {
            checks += 1;
            if !found.iter().any(|e| e.name == s.to_string() || e.status == Some(*s)) {
                missing.push(format!("{file}: status {s} not named; found {:?}", names()));
            }
        }
        if let Some(c) = code {
            checks += 1;
            if !found.iter().any(|e| e.name == c) {
                missing.push(format!("{file}: {c} not named; found {:?}", names()));
            }
        }
    }
    assert!(checks > 0, "manifest.json expects nothing of any capture");
    assert!(missing.is_empty(), "{} of {checks} missing:\n{}", missing.len(), missing.join("\n"));
}

#[test]
fn every_capture_file_is_in_the_manifest() {
    let listed: Vec<String> = manifest().into_iter().map(|(f, _, _)| f).collect();
    for e in std::fs::read_dir(DIR).expect("tests/fixtures/players exists") {
        let name = e.expect("a directory entry").file_name().into_string().expect("a UTF-8 file name");
        if name != "manifest.json" && name != "README.md" {
            assert!(listed.contains(&name), "{name} is not in manifest.json");
        }
    }
    for f in &listed {
        assert!(std::path::Path::new(&format!("{DIR}/{f}")).is_file(), "manifest.json lists {f}, which is missing");
    }
}

#[test]
fn har_captures_stay_valid_json() {
    for (file, _, _) in manifest() {
        if file.ends_with(".har") || file.ends_with(".json") {
            let v: serde_json::Value =
                serde_json::from_str(&read(&file)).unwrap_or_else(|e| panic!("{file} is not valid JSON: {e}"));
            if file.ends_with(".har") {
                assert!(v["log"]["entries"].is_array(), "{file}: no log.entries");
            }
        }
    }
}
