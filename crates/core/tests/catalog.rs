//! Native checks of the catalog against Microsoft's reference tables (tests/data/*.tsv, copied
//! from the reference: facts), of every query form of INTERFACE.md for every code, and of every
//! source link against the headings of the page it cites (tests/data/reference/*.md).

use std::collections::{BTreeMap, BTreeSet};

use ams_errors_core::catalog::{self, AmpCode, Hresult, Kind, Tech};
use ams_errors_core::query;
use ams_errors_core::report::Subject;

fn rows(tsv: &str) -> Vec<Vec<&str>> {
    tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect()
}

const ORIGIN: &str = include_str!("../../../tests/data/origin_codes.tsv");
const LIVE: &str = include_str!("../../../tests/data/live_codes.tsv");
const AMP: &str = include_str!("../../../tests/data/amp_codes.tsv");
const AMP_DOC: &str = include_str!("../../../tests/data/reference/azure-media-player-error-codes.md");

/// The name given to the one row of amp_codes.tsv the reference leaves unnamed (0x0600003).
const UNNAMED: &str = "srcPlayerMismatchFlashAndSilverlightNotInstalled";

fn names(q: &str) -> Vec<(Kind, String)> {
    query::lookup(q).findings.iter().filter_map(|f| f.subject.entry()).map(|e| (e.kind, e.name.to_string())).collect()
}

#[test]
fn every_origin_row_is_in_the_catalog_with_equal_status_and_hex() {
    let rows = rows(ORIGIN);
    assert_eq!(rows.len(), 78);
    for r in rows {
        let (status, code, hex) = (r[0], r[1], r[2]);
        let e = catalog::by_name(code).find(|e| e.kind == Kind::Origin).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(e.status.map(|s| s.to_string()).as_deref(), Some(status), "{code} status");
        let want = u32::from_str_radix(hex.trim_start_matches("0x"), 16).unwrap();
        assert_eq!(e.hresult, Some(Hresult(want)), "{code} hresult");
    }
}

#[test]
fn every_live_row_is_in_the_catalog_under_its_event() {
    for r in rows(LIVE) {
        let (event, code) = (r[0], r[1]);
        let e = catalog::by_name(code).find(|e| e.kind == Kind::Live).unwrap_or_else(|| panic!("{code} missing"));
        if event == "Other" {
            // The live page lists these under no event; the 2023 Event Grid schemas
            // (event-schemas-2023.md) tie some to the disconnect event or the archive heartbeat.
            let schema_events = ["LiveEventEncoderDisconnected", "LiveEventChannelArchiveHeartbeat"];
            assert!(e.events().iter().all(|ev| schema_events.contains(&ev)), "{code} is an 'other' code");
        } else {
            assert!(e.events().contains(event), "{code} under {event}");
            let ev = catalog::event(event).unwrap_or_else(|| panic!("event {event} missing"));
            assert!(ev.members().any(|m| m.name == code), "{event} lists {code}");
        }
    }
}

#[test]
fn bad_url_syntax_keeps_both_meanings() {
    let found = names("mpe_bad_url_syntax");
    assert_eq!(found, vec![(Kind::Origin, "MPE_BAD_URL_SYNTAX".into()), (Kind::Live, "MPE_BAD_URL_SYNTAX".into())]);
    let [origin, live] =
        [Kind::Origin, Kind::Live].map(|k| catalog::by_name("MPE_BAD_URL_SYNTAX").find(|e| e.kind == k));
    assert_ne!(origin.unwrap().explanation(), live.unwrap().explanation());
    assert!(live.unwrap().hresult.is_none() && live.unwrap().status.is_none());
}

#[test]
fn every_origin_code_resolves_by_every_query_form() {
    for r in rows(ORIGIN) {
        let (code, hex) = (r[1], r[2]);
        let v = u32::from_str_radix(hex.trim_start_matches("0x"), 16).unwrap();
        let digits = hex.trim_start_matches("0x");
        let forms = [
            code.to_string(),
            code.to_ascii_lowercase(),
            hex.to_string(),
            hex.to_ascii_lowercase(),
            digits.to_string(),
            digits.to_ascii_lowercase(),
            v.to_string(),
            (v as i32).to_string(),
            format!("  {code}\n"),
        ];
        for q in forms {
            let found = names(&q);
            assert_eq!(found.first(), Some(&(Kind::Origin, code.to_string())), "query {q:?}");
        }
    }
}

#[test]
fn help_page_statuses_and_generic_ones_have_bare_status_entries() {
    for s in [400, 403, 404, 409, 410, 412, 415, 416, 500, 503] {
        let e = catalog::by_status(s).unwrap_or_else(|| panic!("{s}"));
        assert!(!e.generic, "{s} comes from the service page");
        assert_eq!(names(&s.to_string()), vec![(Kind::Http, s.to_string())]);
    }
    for s in [401, 405, 408, 429, 502, 504] {
        assert!(catalog::by_status(s).unwrap_or_else(|| panic!("{s}")).generic, "{s} is generic");
    }
}

#[test]
fn help_page_nuances_are_kept() {
    let text = |s: u16| {
        let e = catalog::by_status(s).unwrap();
        format!(
            "{} {} {} {}",
            e.summary(),
            e.explanation(),
            e.causes().iter().collect::<Vec<_>>().join(" "),
            e.fixes().iter().collect::<Vec<_>>().join(" ")
        )
        .to_ascii_lowercase()
    };
    assert!(text(409).contains("put") && text(409).contains("post"));
    assert!(text(412).contains("etag"));
    assert!(text(503).contains("throttl") && text(503).contains("not always"));
}

#[test]
fn winhttp_wrappers_name_their_network_failure() {
    for (code, name, num) in [
        ("MPE_STORAGE_SOCKET_TIMEOUT", "ERROR_WINHTTP_TIMEOUT", 0x2EE2),
        ("MPE_STORAGE_SOCKET_CONNECTION_ERROR", "ERROR_WINHTTP_CONNECTION_ERROR", 0x2EFE),
        ("MPE_STORAGE_SOCKET_NAME_NOT_RESOLVED", "ERROR_WINHTTP_NAME_NOT_RESOLVED", 0x2EE7),
    ] {
        let e = catalog::by_name(code).next().unwrap();
        let w = e.winhttp.unwrap();
        assert_eq!((w.name, w.code), (name, num));
        assert!(!w.meaning.is_empty());
        // The WinHTTP error, in every spelling, leads back to the code.
        for q in [name.to_string(), num.to_string(), format!("0x{num:X}"), format!("0x8007{num:04X}")] {
            assert_eq!(names(&q).first(), Some(&(Kind::Origin, code.to_string())), "{q}");
        }
    }
}

#[test]
fn live_event_names_find_the_event_with_or_without_prefix() {
    for q in
        ["LiveEventEncoderDisconnected", "liveeventencoderdisconnected", "Microsoft.Media.LiveEventEncoderDisconnected"]
    {
        assert_eq!(names(q), vec![(Kind::Live, "LiveEventEncoderDisconnected".into())], "{q}");
    }
}

#[test]
fn every_entry_is_complete() {
    for e in catalog::all() {
        assert!(!e.title().is_empty() && !e.summary().is_empty() && !e.explanation().is_empty(), "{}", e.name);
        assert!(!e.causes().is_empty() && !e.fixes().is_empty(), "{}", e.name);
        assert!(e.source().starts_with("https://") && e.source().contains('#'), "{} {}", e.name, e.source());
    }
}

#[test]
fn unknown_hresults_are_decoded_and_near_misses_suggested() {
    let r = query::lookup("0x80070005");
    assert_eq!(r.findings[0].subject, Subject::Hresult(Hresult(0x80070005)));
    for (q, want) in [
        ("MPE_ENC_ENCRYPTON_REQUIRED", "MPE_ENC_ENCRYPTION_REQUIRED"),
        ("ENC_ENCRYPTION_REQUIRED", "MPE_ENC_ENCRYPTION_REQUIRED"),
        ("MPE_STORAGE_AUTHENTICATION_FAIL", "MPE_STORAGE_AUTHENTICATION_FAILED"),
        ("FRAGMENT_NOT_READY", "MPE_FRAGMENT_NOT_READY"),
    ] {
        let r = query::lookup(q);
        assert!(r.findings.is_empty(), "{q} is not exact");
        assert_eq!(r.suggestions.first().map(|e| e.name), Some(want), "{q}");
    }
}

#[test]
fn words_find_matching_entries_best_first() {
    for (q, want) in [("encryption", "MPE_ENC"), ("cmaf", ""), ("token", ""), ("dvr", "")] {
        let r = query::lookup(q);
        assert!(r.findings.is_empty());
        assert!(!r.suggestions.is_empty(), "{q} finds something");
        assert!(r.suggestions[0].name.contains(want), "{q}: {}", r.suggestions[0].name);
    }
}

#[test]
fn every_player_row_is_an_entry_with_equal_facts() {
    let rows = rows(AMP);
    assert_eq!(rows.len(), 36);
    for r in &rows {
        let (category, name, code, summary) = (r[0], r[1], r[2], r[3]);
        let name = if name.is_empty() { UNNAMED } else { name };
        let e = catalog::player(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(e.kind, Kind::Player);
        let want = u32::from_str_radix(code.trim_start_matches("0x"), 16).unwrap();
        assert_eq!(e.amp_code, Some(AmpCode(want)), "{name} code");
        assert_eq!(e.amp_code.map(|c| c.to_string()).as_deref(), Some(code), "{name} code as written");
        assert_eq!(e.category(), Some(category), "{name} category");
        // "Http 404 error response": the status, which is also the code's low bits.
        let status = summary.strip_prefix("Http ").and_then(|s| s.get(..3)).map(|s| s.parse::<u16>().unwrap());
        assert_eq!(e.status, status, "{name} status");
        if let Some(s) = status {
            assert_eq!(u32::from(s), want & 0xF_FFFF, "{name}: the low bits are the status");
        }
        assert!(e.hresult.is_none() && e.events().is_empty());
    }
    let players = catalog::all().iter().filter(|e| e.kind == Kind::Player).count();
    assert_eq!(players, rows.len(), "one player entry per row, and no other");
    let unnamed = catalog::player(UNNAMED).unwrap();
    assert!(unnamed.note().is_some_and(|n| n.contains("no name")), "its note says the name is ours");
}

#[test]
fn techs_and_categories_are_the_references() {
    // "- 2 - AzureHtml5JS" under "Error codes, bits [31-28]".
    let techs: Vec<&str> = AMP_DOC
        .lines()
        .filter_map(|l| l.strip_prefix("- ")?.split_once(" - "))
        .filter(|(n, _)| n.len() == 1 && n.bytes().all(|b| b.is_ascii_digit()))
        .map(|(_, t)| t.trim())
        .collect();
    assert_eq!(Tech::all().map(Tech::name).collect::<Vec<_>>(), techs);
    assert_eq!(Tech::of(0x20200194).map(Tech::name), Some("AzureHtml5JS"));
    assert!(Tech::of(0x70200194).is_none());
    let mut cats: Vec<&str> = Vec::new();
    for r in rows(AMP) {
        if !cats.contains(&r[0]) {
            cats.push(r[0]);
        }
    }
    let named: Vec<&str> = catalog::amp_categories().iter().map(|(_, n)| *n).collect();
    assert_eq!(named, cats);
}

#[test]
fn every_player_code_resolves_by_every_query_form() {
    let found = |q: &str| {
        let r = query::lookup(q);
        let f = r.findings.first().unwrap_or_else(|| panic!("{q}: nothing found"));
        (f.subject.entry().map(|e| e.name), f.tech, r.hash_codes())
    };
    for e in catalog::all().iter().filter(|e| e.kind == Kind::Player) {
        let code = e.amp_code.unwrap();
        let digits = format!("{:07X}", code.0);
        let short = [
            e.name.to_string(),
            e.name.to_ascii_lowercase(),
            e.name.to_ascii_uppercase(),
            format!(" {} ", e.name),
            code.to_string(),
            format!("0x{}", digits.to_ascii_lowercase()),
            digits.clone(),
            digits.to_ascii_lowercase(),
        ];
        for q in short {
            assert_eq!(found(&q), (Some(e.name), None, e.name.to_string()), "query {q:?}");
        }
        for tech in Tech::all() {
            let full = code.with_tech(tech);
            let hex = format!("0x{full:08X}");
            for q in [hex.clone(), hex.to_ascii_lowercase(), format!("{full:08X}"), full.to_string()] {
                let (name, t, hash) = found(&q);
                assert_eq!((name, t), (Some(e.name), Some(tech)), "query {q:?}");
                // The deep link keeps the tech: the hash is the full code, which finds the same.
                assert_eq!(hash, hex, "query {q:?}");
                assert_eq!(found(&hash).1, Some(tech), "deep link {hash}");
            }
        }
        // Through the widget's path too (a short query goes to lookup).
        let r = ams_errors_core::diagnose::diagnose(&format!("0x2{digits}"));
        assert_eq!(r.findings.first().and_then(|f| f.subject.entry()).map(|x| x.name), Some(e.name));
    }
}

#[test]
fn hresult_queries_are_not_taken_for_player_codes() {
    // Catalog HRESULTs have bit 31 set, so bits 31-28 name no tech.
    for e in catalog::all().iter().filter(|e| e.hresult.is_some()) {
        assert!(query::player_code(&e.hresult.unwrap().to_string()).is_none(), "{}", e.name);
    }
    for q in ["0x80070005", "0x00000001", "12002", "0x2EE2", "415", "2156397132"] {
        assert!(query::player_code(q).is_none(), "{q}");
    }
}

#[test]
fn storage_codes_map_to_origin_entries_in_any_case() {
    for (code, want) in [
        ("BlobNotFound", "MPE_STORAGE_RESOURCE_NOT_FOUND"),
        ("authenticationfailed", "MPE_STORAGE_AUTHENTICATION_FAILED"),
        ("InvalidQueryParameterValue", "MPE_STORAGE_BAD_URL_SYNTAX"),
    ] {
        let e = catalog::by_storage_code(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!((e.kind, e.name), (Kind::Origin, want), "{code}");
    }
    assert!(catalog::by_storage_code("NoSuchCode").is_none());
}

/// Where Microsoft now publishes the Media Services pages.
const LEARN: &str = "https://learn.microsoft.com/previous-versions/azure/media-services/";

/// A heading's anchor as Learn derives it: lower case, punctuation dropped, spaces to hyphens.
fn anchor(heading: &str) -> String {
    let text = heading.trim().trim_end_matches('#').trim();
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a page: its headings' (outside code blocks), and any `<a name="...">`.
fn anchors(md: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut fenced = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let Some(heading) = line.strip_prefix('#').filter(|_| !fenced).map(|h| h.trim_start_matches('#')) else {
            continue;
        };
        let mut text = heading.to_string();
        while let Some(at) = text.find("<a name=\"") {
            let rest = &text[at + 9..];
            let name = rest.split('"').next().unwrap_or_default().to_string();
            let end = text[at..].find("</a>").map_or(text.len(), |e| at + e + 4);
            text.replace_range(at..end, "");
            out.insert(name);
        }
        out.insert(anchor(&text));
    }
    out
}

/// Every reference copy in tests/data/reference/, by the Learn address of its page (from the
/// `path media-services/... .md` of its header comment).
fn reference_pages() -> BTreeMap<String, BTreeSet<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/reference");
    let mut pages = BTreeMap::new();
    for f in std::fs::read_dir(dir).unwrap() {
        let path = f.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") || path.ends_with("README.md") {
            continue;
        }
        let md = std::fs::read_to_string(&path).unwrap();
        let header = md.lines().next().unwrap_or_default();
        assert!(header.starts_with("<!-- source:") && header.contains("CC BY 4.0"), "{path:?}: header comment kept");
        let doc = header.split("path media-services/").nth(1).and_then(|r| r.split(".md").next()).unwrap();
        pages.insert(format!("{LEARN}{doc}"), anchors(&md));
    }
    pages
}

#[test]
fn every_source_names_a_heading_of_the_page_it_cites() {
    let pages = reference_pages();
    assert!(pages.len() >= 4, "{:?}", pages.keys());
    assert!(pages[&format!("{LEARN}azure-media-player/azure-media-player-error-codes")]
        .contains("error-codes-bits-27-0-28-bits"));
    let mut problems = Vec::new();
    let mut checked = 0;
    for e in catalog::all() {
        let source = e.source();
        assert!(!source.starts_with("https://learn.microsoft.com/azure/"), "{}: the old base: {source}", e.name);
        let Some((page, anchor)) = source.split_once('#') else { continue };
        if !source.starts_with("https://learn.microsoft.com/") {
            continue; // RFCs and other pages we keep no copy of
        }
        match pages.get(page) {
            None => problems.push(format!("{} ({}): no copy of {page}", e.name, e.kind.as_str())),
            Some(anchors) if !anchors.contains(anchor) => {
                problems.push(format!("{} ({}): {page} has no #{anchor}", e.name, e.kind.as_str()))
            }
            Some(_) => checked += 1,
        }
    }
    assert!(checked > 100, "{checked} links checked");
    assert!(problems.is_empty(), "{} source links name no heading:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn learn_anchors_are_derived_as_learn_does() {
    assert_eq!(anchor(" Error codes, bits [27-0] (28 bits) ##"), "error-codes-bits-27-0-28-bits");
    assert_eq!(anchor(" 415 Unsupported Media Type"), "415-unsupported-media-type");
    assert_eq!(anchor(" JobScheduled, JobProcessing, JobCanceling"), "jobscheduled-jobprocessing-jobcanceling");
    assert_eq!(anchor(" 0x20200194 ###"), "0x20200194");
}
