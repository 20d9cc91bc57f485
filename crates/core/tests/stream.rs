//! The streaming diagnosis: the report depends only on the text, never on how it was split into
//! `feed` calls. Every fixture, generated logs and generated HARs, split at random places and at
//! the awkward ones (between the characters of multi-byte runs, inside CRLF, inside JSON strings),
//! give the report of the text fed whole; with a window above the text's length, that is
//! `diagnose`'s report of the whole text. A text spread over many small windows gives the codes,
//! counts and line numbers of the whole text read at once.
#![cfg(not(target_arch = "wasm32"))] // native only: reads fixtures from disk, uses proptest

use std::sync::OnceLock;

use ams_errors_core::diagnose::diagnose;
use ams_errors_core::excerpt::{excerpts, Lines};
use ams_errors_core::notes::NoteKind;
use ams_errors_core::report::{Report, Subject};
use ams_errors_core::stream::{Diagnosed, Diagnosis, MIN_WINDOW, WINDOW};
use proptest::prelude::*;

/// Every fixture of `tests/fixtures/pastes` and `tests/fixtures/players`, by name.
fn fixtures() -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        for dir in ["pastes", "players"] {
            let dir = format!("{}/../../tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
            for e in std::fs::read_dir(dir).unwrap() {
                let path = e.unwrap().path();
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((path.display().to_string(), text));
            }
        }
        out.sort();
        out
    })
}

/// The text fed in one piece.
fn whole(text: &str, window: usize) -> Diagnosed {
    let mut d = Diagnosis::with_window(window);
    d.feed(text);
    d.finish()
}

/// The text fed in pieces, cut at `cuts` (any order, snapped down to character boundaries; a cut
/// twice at one place feeds an empty piece).
fn pieces(text: &str, window: usize, cuts: &[usize]) -> Diagnosed {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| floor(text, *c)).collect();
    cuts.sort_unstable();
    let mut d = Diagnosis::with_window(window);
    let mut at = 0;
    for c in cuts.into_iter().chain([text.len()]) {
        d.feed(&text[at..c]);
        at = c;
    }
    d.finish()
}

fn floor(text: &str, i: usize) -> usize {
    (0..=i.min(text.len())).rev().find(|c| text.is_char_boundary(*c)).unwrap()
}

/// What `diagnose` says of the whole text, with the excerpts of its findings.
fn as_diagnose(text: &str) -> Diagnosed {
    let report = diagnose(text);
    let lines = Lines::new(text, report.findings.iter().flat_map(|f| f.spans.iter().map(|s| s.start)));
    let excerpts = report.findings.iter().map(|f| excerpts(text, &f.spans, &lines)).collect();
    Diagnosed { report, excerpts }
}

/// The places where a split is most likely to go wrong: on either side of every non-ASCII
/// character, between CR and LF, just inside a JSON string's quotes, just after a backslash.
fn awkward(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match c {
            _ if !c.is_ascii() => out.extend([i, end]),
            '\r' if b.get(end) == Some(&b'\n') => out.push(end),
            '"' => out.extend([end, (end + 1).min(text.len())]),
            '\\' => out.push(end),
            _ => {}
        }
    }
    out
}

/// `cuts` as offsets of `text`: each (awkward, fraction) picks an awkward place or any byte.
fn places(text: &str, cuts: &[(bool, f64)]) -> Vec<usize> {
    let odd = awkward(text);
    cuts.iter()
        .map(|&(pick_odd, at)| match odd.len() {
            n if pick_odd && n > 0 => odd[((n as f64 * at) as usize).min(n - 1)],
            _ => (text.len() as f64 * at) as usize,
        })
        .collect()
}

/// Every span in the report is a range of the text on char boundaries, and every excerpt's line
/// is the line of its finding's span.
fn check_places(text: &str, d: &Diagnosed) {
    assert_eq!(d.report.findings.len(), d.excerpts.len());
    for (f, ex) in d.places() {
        assert!(f.spans.iter().all(|s| text.get(s.clone()).is_some()), "{:?} of {} bytes", f.spans, text.len());
        assert!(ex.len() <= f.spans.len());
        let lines = Lines::new(text, f.spans.iter().map(|s| s.start));
        for e in ex {
            assert!(f.spans.iter().any(|s| lines.of(s.start) == e.line), "excerpt line {} of {:?}", e.line, f.spans);
        }
    }
}

// ---- generated texts ----

const CODES: &[&str] = &[
    "x-ms-error-code: MPE_FRAGMENT_NOT_READY",
    "HTTP/1.1 404 Not Found",
    "HTTP/1.1 403 Forbidden",
    "<hresult>MPE_ENC_ENCRYPTION_REQUIRED</hresult>",
    "hls.js error: networkError - fragLoadError (403) MPE_STORAGE_AUTHENTICATION_FAILED",
    "failed with 0x80890200",
    "status code 'NotFound'",
    "Shaka Error 1002 HTTP_ERROR 412",
    "LiveEventEncoderDisconnected",
];

/// A log: ordinary lines, lines with codes, lines of multi-byte text, long lines, LF or CRLF.
fn log() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => (0u32..100_000).prop_map(|n| format!("2024-05-01T10:00:00Z INFO GET /a/video.ism/Fragments(video={n}) 200 51234 bytes")),
        2 => (0..CODES.len()).prop_map(|i| format!("2024-05-01T10:00:01Z ERROR {}", CODES[i])),
        1 => "[a-z é€😀ü]{0,40}".prop_map(|s| format!("note: {s}")),
        1 => (50usize..400, 0..CODES.len()).prop_map(|(n, i)| format!("{} {} {}", "é".repeat(n), CODES[i], "x".repeat(n))),
        1 => Just(String::new()),
    ];
    (prop::collection::vec(line, 1..60), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }) + "\n")
}

/// One HAR entry: a request, a response status, maybe an error header and a body with codes,
/// escaped quotes, braces and brackets inside strings, and multi-byte characters.
fn entry(i: usize, status: u16, code: Option<&str>, pretty: bool) -> String {
    let header = code.map(|c| format!(r#",{{"name":"x-ms-error-code","value":"{c}"}}"#)).unwrap_or_default();
    let body = match code {
        Some(c) => format!(r#"<serverError><status>{status}</status><hresult>{c}</hresult></serverError>"#),
        None => r#"ok \"}]{[\" é€😀 \\ 0x80890200"#.to_string(),
    };
    let e = format!(
        r#"{{"startedDateTime":"2024-05-01T10:00:00Z","request":{{"method":"GET","url":"https://contoso-usea.streaming.media.azure.net/1b2c3d4e-0000-0000-0000-000000000000/v.ism/QualityLevels(3000000)/Fragments(video={i},format=m3u8-cmaf)","headers":[{{"name":"Accept","value":"*/*"}}]}},"response":{{"status":{status},"headers":[{{"name":"Content-Type","value":"text/xml"}}{header}],"content":{{"size":1,"mimeType":"text/xml","text":"{body}"}}}},"timings":{{"wait":1}}}}"#
    );
    if pretty {
        e.replace(",\"", ",\n        \"").replace("{\"", "{\n        \"")
    } else {
        e
    }
}

const HAR_CODES: &[&str] =
    &["MPE_FRAGMENT_NOT_READY", "MPE_STORAGE_AUTHENTICATION_FAILED", "MPE_ENC_ENCRYPTION_REQUIRED"];

/// A HAR of `n` entries, every `every`th failing, pretty-printed (with CRLF) or not.
fn har(n: usize, every: usize, pretty: bool, crlf: bool) -> String {
    let entries: Vec<String> = (0..n)
        .map(|i| match i % every {
            0 if i > 0 => entry(i, 412, Some(HAR_CODES[i / every % 3]), pretty),
            1 if i > every => entry(i, 404, None, pretty),
            _ => entry(i, 200, None, pretty),
        })
        .collect();
    let sep = if pretty { ",\n    " } else { "," };
    let text = format!(
        "{{\n  \"log\": {{\n    \"version\": \"1.2\",\n    \"creator\": {{\"name\": \"entries\", \"version\": \"1\"}},\n    \"entries\": [\n    {}\n    ]\n  }}\n}}\n",
        entries.join(sep)
    );
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

fn gen_har() -> impl Strategy<Value = String> {
    (1usize..40, 2usize..9, any::<bool>(), any::<bool>())
        .prop_map(|(n, every, pretty, crlf)| har(n, every, pretty, crlf))
}

/// Windows from the smallest to one above any text here.
const WINDOWS: &[usize] = &[MIN_WINDOW, 100, 257, 1000, 4096, WINDOW];

fn cuts() -> impl Strategy<Value = Vec<(bool, f64)>> {
    prop::collection::vec((any::<bool>(), 0.0f64..1.0), 0..24)
}

/// The property: split anywhere, the same as fed whole; fed whole in one window, `diagnose`.
fn same_however_split(text: &str, window: usize, cuts: &[(bool, f64)]) -> Result<(), TestCaseError> {
    let one = whole(text, window);
    let split = pieces(text, window, &places(text, cuts));
    prop_assert_eq!(&split, &one, "window {}", window);
    check_places(text, &one);
    if window >= text.len() {
        prop_assert_eq!(&one, &as_diagnose(text));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn a_fixture_split_anywhere_gives_the_same_report(pick in 0usize..10_000, w in 0..WINDOWS.len(), cuts in cuts()) {
        let all = fixtures();
        let (_, text) = &all[pick % all.len()];
        same_however_split(text, WINDOWS[w], &cuts)?;
    }

    #[test]
    fn a_generated_log_split_anywhere_gives_the_same_report(text in log(), w in 0..WINDOWS.len(), cuts in cuts()) {
        same_however_split(&text, WINDOWS[w], &cuts)?;
    }

    #[test]
    fn a_generated_har_split_anywhere_gives_the_same_report(text in gen_har(), w in 0..WINDOWS.len(), cuts in cuts()) {
        same_however_split(&text, WINDOWS[w], &cuts)?;
    }

    #[test]
    fn any_string_split_anywhere_gives_the_same_report(s in "\\PC{0,400}", w in 0..3usize, cuts in cuts()) {
        same_however_split(&s, WINDOWS[w], &cuts)?;
    }
}

#[test]
fn every_fixture_fed_char_by_char_is_diagnosed_as_diagnose_reads_it() {
    for (name, text) in fixtures() {
        let want = as_diagnose(text);
        let mut d = Diagnosis::new();
        let mut buf = [0u8; 4];
        for c in text.chars() {
            d.feed(c.encode_utf8(&mut buf));
        }
        assert_eq!(d.finish(), want, "{name}");
        let mut d = Diagnosis::new();
        let mut at = 0;
        while at < text.len() {
            let to = floor(text, at + 7).max(at + 1);
            let to = (to..=text.len()).find(|c| text.is_char_boundary(*c)).unwrap();
            d.feed(&text[at..to]);
            at = to;
        }
        assert_eq!(d.finish(), want, "{name} in pieces of 7 bytes");
    }
}

/// The findings as subject (a code or a status), count and the lines of its excerpts. (How each
/// was found can differ: a window's shape is read from its own start, so a log line is a player's
/// in a text that starts like a player's console, and a log line in a window that does not.)
fn summary(d: &Diagnosed) -> Vec<(Subject, usize, Vec<usize>)> {
    d.places().map(|(f, ex)| (f.subject, f.count, ex.iter().map(|e| e.line).collect())).collect()
}

fn har_failures(r: &Report) -> Option<(usize, usize)> {
    r.notes.iter().find_map(|n| match n.kind {
        NoteKind::HarFailures { failing, total, .. } => Some((failing, total)),
        _ => None,
    })
}

#[test]
fn a_har_over_many_windows_gives_the_codes_statuses_and_lines_of_the_whole() {
    for (pretty, crlf) in [(true, false), (true, true), (false, false)] {
        let text = har(400, 7, pretty, crlf);
        assert!(text.len() > 100 * 4096 / 4, "{} bytes", text.len());
        let want = as_diagnose(&text);
        assert!(want.report.findings.len() >= 4, "{:?}", want.report.findings);
        for window in [4096, 10_000] {
            let got = whole(&text, window);
            assert_eq!(summary(&got), summary(&want), "pretty {pretty}, crlf {crlf}, window {window}");
            assert_eq!(har_failures(&got.report), har_failures(&want.report));
            assert!(!got
                .report
                .notes
                .iter()
                .any(|n| n.kind == NoteKind::HarCutOff(0) || n.kind == NoteKind::JsonCutOff));
            // Findings as they are found: the windows read so far.
            let mut d = Diagnosis::with_window(window);
            d.feed(&text[..text.len() / 2]);
            assert!(d.findings().count() > 0);
        }
    }
}

#[test]
fn a_har_cut_off_in_its_last_window_says_how_many_entries_it_read() {
    let text = har(200, 5, true, false);
    let cut = &text[..text.len() - 40];
    let got = whole(cut, 4096);
    let want = as_diagnose(cut);
    assert_eq!(summary(&got), summary(&want));
    let cut_off =
        |r: &Report| r.notes.iter().find(|n| matches!(n.kind, NoteKind::HarCutOff(_))).map(|n| n.kind.clone());
    assert_eq!(cut_off(&got.report), cut_off(&want.report));
    assert!(cut_off(&got.report).is_some());
}

#[test]
fn a_log_over_many_windows_gives_the_codes_counts_and_lines_of_the_whole() {
    let mut text = String::new();
    for i in 0..6000 {
        match i % 97 {
            13 => text.push_str(&format!("2024-05-01T10:00:01Z ERROR {}\n", CODES[i / 97 % CODES.len()])),
            50 => text.push_str("note: é€😀 naïve\r\n"),
            _ => text.push_str(&format!(
                "2024-05-01T10:00:00Z INFO GET /a/video.ism/Fragments(video={i}) 200 51234 bytes\n"
            )),
        }
    }
    let want = as_diagnose(&text);
    assert!(want.report.findings.len() >= 6, "{:?}", want.report.findings);
    for window in [128, 1000, 4096, 65_536] {
        let got = whole(&text, window);
        let (g, w) = (summary(&got), summary(&want));
        for (a, b) in g.iter().zip(&w) {
            assert_eq!(a, b, "window {window}");
        }
        assert_eq!(g.len(), w.len(), "window {window}: {:?}", &g[w.len().min(g.len())..]);
        // The excerpts are the whole text's: each window starts at a line's start.
        assert_eq!(got.excerpts, want.excerpts, "window {window}");
        let spans = |d: &Diagnosed| d.report.findings.iter().map(|f| f.spans.clone()).collect::<Vec<_>>();
        assert_eq!(spans(&got), spans(&want), "window {window}");
    }
}

#[test]
fn a_json_document_over_many_windows_is_read_as_json_in_its_first() {
    let body =
        format!("{{\"error\":{{\"code\":\"MPE_STORAGE_AUTHENTICATION_FAILED\",\"pad\":\"{}\"}}}}\n", "x".repeat(5000));
    let got = whole(&body, 1000);
    let codes: Vec<_> = got.report.findings.iter().filter_map(|f| f.subject.entry()).map(|e| e.name).collect();
    assert_eq!(codes, ["MPE_STORAGE_AUTHENTICATION_FAILED"]);
    assert_eq!(got.report.shape, ams_errors_core::report::Shape::Json);
}

#[test]
fn nothing_found_says_so_once_and_suggests() {
    let text = "nothing to see here, only MPE_FRAGMENT_NOT_REDY spelt wrong\n".repeat(100);
    let one = as_diagnose(&text);
    let got = whole(&text, 1000);
    assert_eq!(got.report.findings.is_empty(), one.report.findings.is_empty());
    let nothing = |r: &Report| r.notes.iter().filter(|n| matches!(n.kind, NoteKind::NothingRecognised { .. })).count();
    if got.report.findings.is_empty() {
        assert_eq!(nothing(&got.report), 1);
        assert!(!got.report.suggestions.is_empty());
    }
}
