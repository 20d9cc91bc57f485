//! The worker-to-page codec: every fixture and generated texts (HTTP transcripts, XML and JSON
//! bodies, HARs, console logs, logs, queries), diagnosed in pieces over several window sizes,
//! come back from `decode(encode(..))` as they went (notes as their words and level); any bytes
//! and every truncation decode without a panic. And `Diagnosis::so_far`: the windows read so far.
#![cfg(not(target_arch = "wasm32"))] // native only: reads fixtures from disk, uses proptest

use std::path::Path;
use std::sync::OnceLock;

use ams_errors_core::diagnose::diagnose;
use ams_errors_core::notes::NoteKind;
use ams_errors_core::report::{Level, Note, Report, Subject};
use ams_errors_core::stream::{Diagnosed, Diagnosis, MIN_WINDOW, WINDOW};
use ams_errors_core::wire::{decode, encode};
use proptest::prelude::*;

/// Every file under `tests/fixtures` (any depth), by path.
fn fixtures() -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((path.display().to_string(), text));
            }
        }
    }
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures"), &mut out);
        out.sort();
        assert!(out.len() > 100, "{} fixtures", out.len());
        out
    })
}

/// `text` fed in `n` pieces of about equal size (cut on char boundaries), then finished.
fn diagnosed(text: &str, window: usize, n: usize) -> Diagnosed {
    let mut d = Diagnosis::with_window(window);
    let step = text.len() / n.max(1) + 1;
    let mut at = 0;
    while at < text.len() {
        let mut to = (at + step).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        d.feed(&text[at..to]);
        at = to;
    }
    d.finish()
}

/// `d` with each note said in its own words: what `decode` gives back.
fn said(d: &Diagnosed) -> Diagnosed {
    let mut want = d.clone();
    for n in &mut want.report.notes {
        let kind = NoteKind::Said { text: n.text(), warning: n.level() == Level::Warning };
        *n = Note { kind, span: n.span.clone() };
    }
    want
}

/// The round trip, every strict prefix of the bytes is `None`, and the notes read the same.
fn round_trip(d: &Diagnosed, what: &str) {
    let bytes = encode(d);
    let back = decode(&bytes);
    assert_eq!(back.as_ref(), Some(&said(d)), "{what}");
    let back = back.unwrap();
    let words =
        |d: &Diagnosed| d.report.notes.iter().map(|n| (n.text(), n.level(), n.span.clone())).collect::<Vec<_>>();
    assert_eq!(words(&back), words(d), "{what}");
    // Encoding a decoded value gives the same bytes.
    assert_eq!(encode(&back), bytes, "{what}");
    for cut in 0..bytes.len() {
        assert_eq!(decode(&bytes[..cut]), None, "{what}: cut at {cut} of {}", bytes.len());
    }
}

/// What the round trips carried, so that every part of the form is known to be exercised.
#[derive(Debug, Default, PartialEq)]
struct Seen {
    entries: bool,
    hresults: bool,
    tech: bool,
    detail: bool,
    note_span: bool,
    warning: bool,
    suggestions: bool,
    searched: bool,
    url_fixes: bool,
    marks: bool,
}

impl Seen {
    fn add(&mut self, d: &Diagnosed) {
        let r = &d.report;
        for f in &r.findings {
            self.entries |= matches!(f.subject, Subject::Entry(_));
            self.hresults |= matches!(f.subject, Subject::Hresult(_));
            self.tech |= f.tech.is_some();
            self.detail |= f.detail.is_some();
        }
        self.note_span |= r.notes.iter().any(|n| n.span.is_some());
        self.warning |= r.notes.iter().any(|n| n.level() == Level::Warning);
        self.suggestions |= !r.suggestions.is_empty();
        self.searched |= !r.searched.is_empty();
        self.url_fixes |= !r.url_fixes.is_empty();
        self.marks |= d.excerpts.iter().flatten().any(|e| e.parts.iter().any(|p| p.mark));
    }
}

#[test]
fn every_fixture_in_pieces_comes_back_as_it_went() {
    let mut seen = Seen::default();
    let queries = ["encryption", "cmaf", "encryption required", "MPE_FRAGMENT_NOT_REDY", "0x20200194", "0x80890999"];
    let all = fixtures().iter().map(|(n, t)| (n.as_str(), t.as_str())).chain(queries.map(|q| (q, q)));
    for (name, text) in all {
        for (window, n) in [(WINDOW, 3), (4096, 5), (MIN_WINDOW, 2)] {
            let d = diagnosed(text, window, n);
            seen.add(&d);
            round_trip(&d, &format!("{name}, window {window}"));
        }
    }
    let t = true;
    let all = Seen {
        entries: t,
        hresults: t,
        tech: t,
        detail: t,
        note_span: t,
        warning: t,
        suggestions: t,
        searched: t,
        url_fixes: t,
        marks: t,
    };
    assert_eq!(seen, all);
}

// ---- generated texts ----

const GUID: &str = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";

const CODES: &[&str] = &[
    "MPE_FRAGMENT_NOT_READY",
    "MPE_STORAGE_AUTHENTICATION_FAILED",
    "MPE_ENC_ENCRYPTION_REQUIRED",
    "MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL",
    "MPE_BAD_URL_SYNTAX",
    "MPE_EGRESS_FILTER_NOT_FOUND",
    "MPE_STORAGE_SERVER_BUSY",
    "0x80890200",
    "0x8088021E",
    "0x80890999",
    "-2138570164",
    "BlobNotFound",
    "MPE_FRAGMENT_NOT_REDY",
];

const STATUSES: &[(u16, &str)] = &[
    (200, "OK"),
    (400, "Bad Request"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (412, "Precondition Failed"),
    (415, "Unsupported Media Type"),
    (500, "Internal Server Error"),
    (503, "Service Unavailable"),
];

/// Manifest URLs with and without the parameters whose fixes are a changed URL.
const URL_PARAMS: &[&str] = &[
    "",
    "(format=m3u8-cmaf)",
    "(format=m3u8-appl)",
    "(format=mpd-time-csf,encryption=cenc)",
    "(format=mpd-time-csf,encryption=cbcs-apl)",
    "(format=m3u8-aapl,filter=trimmed)",
    "(format=fmp4)",
];

fn url(p: usize) -> String {
    format!("https://contoso-usea.streaming.media.azure.net/{GUID}/video.ism/manifest{}", URL_PARAMS[p])
}

fn xml_body(status: u16, code: &str) -> String {
    match code {
        "BlobNotFound" => format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>The specified blob does not exist. é€</Message></Error>"
        ),
        _ => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<serverError>\n<status>{status}</status>\n<subStatus>0</subStatus>\n<hresult>{code}</hresult>\n<activityId>80003ADA-0000-FB00-B63F-84710C7967BB</activityId>\n</serverError>"
        ),
    }
}

fn json_body(status: u16, code: &str, pretty: bool) -> String {
    let body = format!(
        "{{\"error\":{{\"code\":\"{code}\",\"status\":{status},\"message\":\"Request failed: \\\"{code}\\\" é€😀\",\"details\":[{{\"code\":\"ResourceNotFound\"}}]}}}}"
    );
    if pretty {
        body.replace(",\"", ",\n  \"").replace("{\"", "{\n  \"")
    } else {
        body
    }
}

/// An HTTP exchange, as curl -v or plain: request line with a manifest URL, status line,
/// headers (maybe the error code), an XML or JSON body (or none), LF or CRLF.
fn http() -> impl Strategy<Value = String> {
    (0..URL_PARAMS.len(), 0..STATUSES.len(), 0..CODES.len(), 0..3u8, any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(p, st, c, body, header, curl, crlf)| {
            let (status, reason) = STATUSES[st];
            let code = CODES[c];
            let (out, inp) = if curl { ("> ", "< ") } else { ("", "") };
            let mut lines = vec![
                format!("{out}GET {} HTTP/1.1", url(p)),
                format!("{out}Host: contoso-usea.streaming.media.azure.net"),
                format!("{inp}HTTP/1.1 {status} {reason}"),
                format!("{inp}x-ms-request-id: 7f0c2a4e-0000-4d1f-9b7e-3a1c5d6e7f80"),
            ];
            if header {
                lines.push(format!("{inp}x-ms-error-code: {code}"));
            }
            lines.push(inp.to_string());
            match body {
                0 => lines.push(xml_body(status, code)),
                1 => lines.push(json_body(status, code, crlf)),
                _ => {}
            }
            lines.join(if crlf { "\r\n" } else { "\n" }) + "\n"
        })
}

/// An XML or JSON error body on its own, an Event Grid event, or an ARM error.
fn body() -> impl Strategy<Value = String> {
    (0..STATUSES.len(), 0..CODES.len(), 0..4u8, any::<bool>()).prop_map(|(st, c, kind, pretty)| {
        let (status, code) = (STATUSES[st].0, CODES[c]);
        match kind {
            0 => xml_body(status, code),
            1 => json_body(status, code, pretty),
            2 => format!(
                "[{{\"eventType\":\"Microsoft.Media.LiveEventEncoderDisconnected\",\"data\":{{\"ingestUrl\":\"rtmp://x.channel.media.azure.net:1935/live/abc\",\"encoderIp\":\"192.0.2.7\",\"encoderPort\":\"5001\",\"resultCode\":\"{code}\"}}}}]"
            ),
            _ => format!("{{\"error\":{{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have authorization. {code}\"}}}}"),
        }
    })
}

/// A player's console: hls.js, Shaka, dash.js, video.js, Azure Media Player, CORS refusals.
fn console() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        (0..URL_PARAMS.len()).prop_map(|p| format!("Access to XMLHttpRequest at '{}' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.", url(p))),
        (0..STATUSES.len()).prop_map(|s| format!("hls.js error: networkError - manifestLoadError - HTTP {} {}", STATUSES[s].0, STATUSES[s].1)),
        (0..CODES.len()).prop_map(|c| format!("Shaka Error 1001 BAD_HTTP_STATUS https://x.streaming.media.azure.net/v.ism/manifest 403 {}", CODES[c])),
        Just("Shaka Error 1002 HTTP_ERROR".to_string()),
        Just("Shaka Error DRM.LICENSE_REQUEST_FAILED (6007)".to_string()),
        Just("VIDEOJS: ERROR: (CODE:2 MEDIA_ERR_NETWORK) A network error caused the media download to fail part-way.".to_string()),
        prop::sample::select(vec!["0x20200194", "0x00300001", "0x30200193", "0x0200194", "networkErrHttpUrlNotFound"])
            .prop_map(|c| format!("amp: Error: {c} (Azure Media Player)")),
        Just("[dash.js] Failed loading manifest: status 0".to_string()),
        "[a-z é€😀]{0,30}".prop_map(|s| format!("console.log {s}")),
    ];
    prop::collection::vec(line, 1..12).prop_map(|l| l.join("\n"))
}

/// A log: ordinary lines, lines with codes, multi-byte text, long lines.
fn log() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => (0u32..100_000).prop_map(|n| format!("2024-05-01T10:00:00Z INFO GET /a/video.ism/Fragments(video={n}) 200 51234 bytes")),
        2 => (0..CODES.len()).prop_map(|i| format!("2024-05-01T10:00:01Z ERROR request failed: {}", CODES[i])),
        1 => "[a-z é€😀ü]{0,40}".prop_map(|s| format!("note: {s}")),
        1 => (50usize..400, 0..CODES.len()).prop_map(|(n, i)| format!("{} {} {}", "é".repeat(n), CODES[i], "x".repeat(n))),
        1 => Just(String::new()),
    ];
    (prop::collection::vec(line, 1..80), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }) + "\n")
}

/// One HAR entry, failing with `code` or not.
fn entry(i: usize, status: u16, code: Option<&str>) -> String {
    let header = code.map(|c| format!(r#",{{"name":"x-ms-error-code","value":"{c}"}}"#)).unwrap_or_default();
    let body = match code {
        Some(c) => format!(r#"<serverError><status>{status}</status><hresult>{c}</hresult></serverError>"#),
        None => r#"ok \"}]{[\" é€😀 \\"#.to_string(),
    };
    format!(
        r#"{{"startedDateTime":"2024-05-01T10:00:00Z","request":{{"method":"GET","url":"https://contoso-usea.streaming.media.azure.net/{GUID}/v.ism/QualityLevels(3000000)/Fragments(video={i},format=m3u8-cmaf)","headers":[]}},"response":{{"status":{status},"headers":[{{"name":"Content-Type","value":"text/xml"}}{header}],"content":{{"size":1,"mimeType":"text/xml","text":"{body}"}}}},"timings":{{"wait":1}}}}"#
    )
}

/// A HAR of `n` entries, every `every`th failing; maybe cut off before it closes.
fn har(n: usize, every: usize, cut: bool) -> String {
    let entries: Vec<String> = (0..n)
        .map(|i| match i % every {
            0 if i > 0 => entry(i, 412, Some(CODES[i / every % 3])),
            1 if i > every => entry(i, 404, None),
            2 if i > every => entry(i, 0, None),
            _ => entry(i, 200, None),
        })
        .collect();
    let text = format!(
        "{{\n  \"log\": {{\n    \"version\": \"1.2\",\n    \"entries\": [\n    {}\n    ]\n  }}\n}}\n",
        entries.join(",\n    ")
    );
    if cut {
        text[..text.len() - 40].to_string()
    } else {
        text
    }
}

/// A short query: a name, a misspelt one, a status, an HRESULT, words.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..CODES.len()).prop_map(|c| CODES[c].to_string()),
        Just("encryption required".to_string()),
        Just("storage busy".to_string()),
        Just("404".to_string()),
        Just("0x20200194".to_string()),
        "[a-z]{3,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => http(),
        2 => body(),
        2 => console(),
        2 => log(),
        1 => (1usize..30, 2usize..7, any::<bool>()).prop_map(|(n, every, cut)| har(n, every, cut)),
        1 => query(),
        1 => (http(), console(), log()).prop_map(|(a, b, c)| format!("{a}\n{b}\n{c}")),
    ]
}

/// Windows from the smallest to the default.
const WINDOWS: &[usize] = &[MIN_WINDOW, 300, 4096, WINDOW];

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_text_in_pieces_comes_back_as_it_went(text in text(), w in 0..WINDOWS.len(), n in 1usize..6) {
        round_trip(&diagnosed(&text, WINDOWS[w], n), &text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Some(d) = decode(&bytes) {
            // Whatever decodes encodes back to the bytes it came from, or to bytes that decode alike.
            prop_assert_eq!(decode(&encode(&d)), Some(d));
        }
    }

    #[test]
    fn a_valid_encoding_mutated_decodes_without_panic(
        pick in 0usize..10_000,
        flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 1..6),
        cut in 0.0f64..1.0,
    ) {
        let all = fixtures();
        let (_, text) = &all[pick % all.len()];
        let mut bytes = encode(&diagnosed(text, WINDOW, 1));
        for (at, b) in flips {
            let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
            bytes[i] = b;
        }
        let _ = decode(&bytes);
        let _ = decode(&bytes[..(bytes.len() as f64 * cut) as usize]);
    }
}

#[test]
fn hostile_counts_and_lengths_are_none() {
    // Counts and lengths far past the bytes, varints that never end or overflow 64 bits.
    for bytes in [
        &[0x00, 0xff, 0xff, 0xff, 0xff, 0x0f][..],
        &[0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff, 0x7f][..],
        &[0x80; 40][..],
        &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01][..],
        &[0x0a][..],
        &[][..],
    ] {
        assert_eq!(decode(bytes), None, "{bytes:?}");
    }
    // Trailing bytes are refused.
    let mut bytes =
        encode(&diagnosed("HTTP/1.1 403 Forbidden\nx-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED\n", WINDOW, 1));
    assert!(decode(&bytes).is_some());
    bytes.push(0);
    assert_eq!(decode(&bytes), None);
}

// ---- so_far ----

/// A log of `lines` lines, a code every 37th, an HRESULT every 101st.
fn long_log(lines: usize) -> String {
    (0..lines)
        .map(|i| match i {
            _ if i % 37 == 5 => format!("2024-05-01T10:00:01Z ERROR {} on line {i}\n", CODES[i / 37 % 3]),
            _ if i % 101 == 50 => format!("2024-05-01T10:00:01Z ERROR failed with 0x80890200 ({i})\n"),
            _ => format!("2024-05-01T10:00:00Z INFO GET /a/video.ism/Fragments(video={i}) 200 51234 bytes\n"),
        })
        .collect()
}

#[test]
fn so_far_is_empty_until_a_window_is_full() {
    let mut d = Diagnosis::with_window(4096);
    d.feed(&long_log(40)); // about 3 KiB
    assert_eq!(d.windows(), 0);
    let now = d.so_far();
    assert!(now.report.findings.is_empty() && now.excerpts.is_empty() && now.report.notes.is_empty());
    assert_eq!(d.finish().report.findings.len(), 1);
}

#[test]
fn so_far_is_what_finish_gives_for_the_windows_read() {
    // About 150 KiB (dozens of windows of 4 KiB), a code only its last line has at its end.
    let text = long_log(2000) + "2024-05-01T10:00:02Z ERROR MPE_STORAGE_SERVER_BUSY\n";
    let mut d = Diagnosis::with_window(4096);
    let mut last = (0, 0);
    let mut checked = 0;
    for (i, chunk) in text.as_bytes().chunks(3000).enumerate() {
        d.feed(std::str::from_utf8(chunk).unwrap());
        if d.windows() == last.0 {
            continue;
        }
        let now = d.so_far();
        let read = now.report.total;
        assert!(read > last.1 && read <= d.fed(), "read {read} after {last:?}, fed {}", d.fed());
        assert_eq!(now.report.analyzed, read);
        assert!(text.is_char_boundary(read) && text[..read].ends_with('\n'));
        last = (d.windows(), read);
        // The findings so far are those of the diagnosis...
        let found: Vec<_> = d.findings().map(|(f, e)| (f.clone(), e.to_vec())).collect();
        let now_found: Vec<_> = now.places().map(|(f, e)| (f.clone(), e.to_vec())).collect();
        assert_eq!(now_found, found);
        // ... and the report is `finish`'s for the text read so far, once more than one window is.
        if d.windows() > 1 {
            let mut alone = Diagnosis::with_window(4096);
            alone.feed(&text[..read]);
            assert_eq!(now, alone.finish(), "chunk {i}, {read} bytes read");
            checked += 1;
        }
        // It round-trips, as a worker sends it.
        if i % 10 == 0 {
            round_trip(&now, "so far");
        }
    }
    assert!(checked > 20, "{checked}");
    let windows = d.windows();
    let before = d.so_far();
    assert!(before.report.findings.len() >= 3, "{:?}", before.report.findings);
    // Not consumed: the end of the text adds what it holds.
    let done = d.finish();
    assert!(done.report.total == text.len() && before.report.total < text.len());
    assert!(windows > 30, "{windows}");
    let counts = |r: &Report| r.findings.iter().map(|f| f.count).sum::<usize>();
    assert!(counts(&before.report) < counts(&done.report));
    let has_busy = |d: &Diagnosed| {
        d.report.findings.iter().any(|f| f.subject.entry().is_some_and(|e| e.name == "MPE_STORAGE_SERVER_BUSY"))
    };
    assert!(!has_busy(&before) && has_busy(&done));
    assert_eq!(counts(&done.report), counts(&diagnose(&text)));
}

#[test]
fn so_far_of_a_har_has_the_failures_of_the_entries_read() {
    let text = har(300, 6, false);
    let mut d = Diagnosis::with_window(4096);
    d.feed(&text[..text.len() / 2]);
    assert!(d.windows() > 2);
    let now = d.so_far();
    let names: Vec<_> = now.report.findings.iter().filter_map(|f| f.subject.entry()).map(|e| e.name).collect();
    assert!(names.contains(&CODES[0]) && names.contains(&CODES[1]), "{names:?}");
    // A HAR half read is not said to be cut off: its end is not known yet.
    assert!(!now.report.notes.iter().any(|n| matches!(n.kind, NoteKind::HarCutOff(_))));
    round_trip(&now, "HAR so far");
    let done = d.finish();
    assert!(
        done.report.findings.iter().map(|f| f.count).sum::<usize>()
            > now.report.findings.iter().map(|f| f.count).sum::<usize>()
    );
}
