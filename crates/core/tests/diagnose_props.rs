//! Property tests for the paste diagnosis: the fuzzing that runs on stable. Generated noise with
//! a code spliced in, arbitrary strings, and mutations of every fixture (truncations, byte flips,
//! duplications) must never panic, and every span must be a valid range of the input.
#![cfg(not(target_arch = "wasm32"))] // native only: reads fixtures from disk, uses proptest

use ams_errors_core::diagnose::diagnose;
use ams_errors_core::diagnose::secrets::secret_ranges;
use ams_errors_core::report::{Report, Subject};
use proptest::prelude::*;

fn fixtures() -> Vec<String> {
    let dir = format!("{}/../../tests/fixtures/pastes", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    out.sort();
    out
}

fn check(text: &str) -> Report {
    let r = diagnose(text);
    for f in &r.findings {
        for s in &f.spans {
            assert!(text.get(s.clone()).is_some(), "span {s:?} of {} bytes", text.len());
        }
    }
    for n in &r.notes {
        if let Some(s) = &n.span {
            assert!(text.get(s.clone()).is_some());
        }
    }
    for s in secret_ranges(text) {
        assert!(text.get(s).is_some());
    }
    assert!(r.analyzed <= r.total);
    r
}

/// Noise that looks like pastes: words, numbers, hex, GUIDs, punctuation, JSON and XML bits.
fn noise() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z]{1,8}",
            "[0-9]{1,12}",
            "[0-9A-F]{8}",
            "[ \n\t,;:=]{1,3}",
            Just("\"status\": ".to_string()),
            Just("<hresult>".to_string()),
            Just("HTTP/1.1 ".to_string()),
            Just("{\"log\":{\"entries\":[".to_string()),
            Just("0x".to_string()),
            Just("é€😀".to_string()),
            Just("\u{0}".to_string()),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

const CODES: &[&str] = &[
    "MPE_ENC_ENCRYPTION_REQUIRED",
    "MPE_FRAGMENT_NOT_READY",
    "MPE_STORAGE_SERVER_BUSY",
    "MPE_BAD_URL_SYNTAX",
    "0x80890200",
    "0x8088021E",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn a_code_spliced_into_noise_is_found(a in noise(), b in noise(), i in 0..CODES.len()) {
        let code = CODES[i];
        let text = format!("{a} {code} \n{b}");
        let r = check(&text);
        let at = a.len() + 1;
        let found = r.findings.iter().any(|f| {
            f.spans.iter().any(|s| s.start == at && s.end == at + code.len())
                && matches!(f.subject, Subject::Entry(_))
        });
        prop_assert!(found, "{code} not found in {text:?}: {:?}", r.findings);
    }

    #[test]
    fn any_string_is_total(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn any_bytes_are_total(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&String::from_utf8_lossy(&bytes));
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_are_total(pick in 0usize..64, cut in 0.0f64..1.0, flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..6), dup in 0.0f64..1.0) {
        let all = fixtures();
        let text = &all[pick % all.len()];
        let mut bytes = text.as_bytes().to_vec();
        for (at, b) in flips {
            let i = ((bytes.len() as f64) * at) as usize;
            if let Some(x) = bytes.get_mut(i) { *x = b; }
        }
        let d = ((bytes.len() as f64) * dup) as usize;
        let tail = bytes[d..].to_vec();
        bytes.extend_from_slice(&tail);
        let c = ((bytes.len() as f64) * cut) as usize;
        bytes.truncate(c);
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn every_fixture_cut_at_many_points_never_panics() {
    for text in fixtures() {
        let step = (text.len() / 97).max(1);
        for cut in (0..text.len()).step_by(step) {
            let cut = (0..=cut).rev().find(|c| text.is_char_boundary(*c)).unwrap();
            check(&text[..cut]);
            check(&text[cut..]);
        }
    }
}

#[test]
fn hostile_shapes_are_total() {
    let deep = "[".repeat(200_000);
    check(&deep);
    check(&format!(
        "{{\"log\":{{\"entries\":[{}",
        "{\"response\":{\"status\":412,\"content\":{\"text\":\"MPE_FRAGMENT_NOT_READY".repeat(2000)
    ));
    check(&"\"".repeat(100_000));
    check(&"HTTP/1.1 403 \n".repeat(50_000));
    check(&"<hresult>".repeat(50_000));
    check(&"0x0200194 ".repeat(20_000));
    check(&"response code: 403 ".repeat(20_000));
    check(&"BAD_HTTP_STATUS (".repeat(20_000));
    check(&"a".repeat(1_000_000));
}
