//! Native checks of the catalog against Microsoft's reference tables (tests/data/*.tsv, copied
//! from the reference: facts), and of every query form of INTERFACE.md for every code.

use ams_errors_core::catalog::{self, Hresult, Kind};
use ams_errors_core::query;
use ams_errors_core::report::Subject;

fn rows(tsv: &str) -> Vec<Vec<&str>> {
    tsv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect()
}

const ORIGIN: &str = include_str!("../../../tests/data/origin_codes.tsv");
const LIVE: &str = include_str!("../../../tests/data/live_codes.tsv");

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
            assert!(e.events().is_empty(), "{code} is an 'other' code");
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
