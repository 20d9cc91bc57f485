//! Paste diagnosis, table-driven: each fixture under `tests/fixtures/pastes/` with the codes it
//! must yield (in order), how the first was found, and what the text looked like.
#![cfg(not(target_arch = "wasm32"))] // native only: reads fixtures from disk, uses proptest

use ams_errors_core::catalog::Hresult;
use ams_errors_core::diagnose::diagnose;
use ams_errors_core::diagnose::secrets::secret_ranges;
use ams_errors_core::diagnose::MAX_INPUT;
use ams_errors_core::notes::NoteKind;
use ams_errors_core::report::{Level, Report, Shape, Source, Subject};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/pastes/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn names(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .map(|f| match f.subject {
            Subject::Entry(e) => e.name.to_string(),
            Subject::Hresult(h) => h.to_string(),
        })
        .collect()
}

/// (fixture, expected codes in order, how the first was found, shape)
const TABLE: &[(&str, &[&str], Option<Source>, Shape)] = &[
    ("curl_v_encryption_required.txt", &["MPE_ENC_ENCRYPTION_REQUIRED", "403"], Some(Source::XmlBody), Shape::Http),
    ("curl_i_fragment_not_ready.txt", &["MPE_FRAGMENT_NOT_READY", "412"], Some(Source::Header), Shape::Http),
    (
        "origin_delivery_policy.xml",
        &["MPE_ENC_ENCRYPTION_NOT_SET_IN_DELIVERY_POLICY", "403"],
        Some(Source::XmlBody),
        Shape::Xml,
    ),
    ("status_conflict_404.txt", &["MPE_ENC_ENCRYPTION_REQUIRED", "404", "403"], Some(Source::XmlBody), Shape::Http),
    ("ok_200_with_error_body.txt", &["MPE_STORAGE_SERVER_BUSY"], Some(Source::XmlBody), Shape::Http),
    ("storage_error.xml", &["MPE_STORAGE_AUTHENTICATION_FAILED"], Some(Source::XmlBody), Shape::Xml),
    ("secrets_sas.txt", &["MPE_STORAGE_AUTHENTICATION_FAILED", "403"], Some(Source::XmlBody), Shape::Http),
    ("json_body_in_http.txt", &["MPE_FILTER_INVALID", "415"], Some(Source::JsonBody), Shape::Http),
    ("arm_error.json", &[], None, Shape::Json),
    ("arm_error_with_mpe.json", &["MPE_STORAGE_ACCOUNT_IS_DISABLED", "403"], Some(Source::JsonBody), Shape::Json),
    (
        "eventgrid_encoder_disconnected.json",
        &["MPE_RTMP_SESSION_IDLE_TIMEOUT", "LiveEventEncoderDisconnected"],
        Some(Source::EventGrid),
        Shape::Json,
    ),
    (
        "eventgrid_connection_rejected.json",
        &["MPE_INGEST_CODEC_NOT_SUPPORTED", "LiveEventConnectionRejected"],
        Some(Source::EventGrid),
        Shape::Json,
    ),
    ("eventgrid_graceful.json", &["S_OK", "LiveEventEncoderDisconnected"], Some(Source::EventGrid), Shape::Json),
    (
        "shaka_bad_http_status.txt",
        &["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL", "400"],
        Some(Source::XmlBody),
        Shape::PlayerLog,
    ),
    ("shaka_error_object.txt", &["404"], Some(Source::PlayerLog), Shape::Text),
    ("shaka_http_error.txt", &[], None, Shape::PlayerLog),
    ("hlsjs_manifest_403.txt", &["403"], Some(Source::PlayerLog), Shape::PlayerLog),
    ("hlsjs_status0_cors.txt", &[], None, Shape::PlayerLog),
    ("chrome_console_403.txt", &["403"], Some(Source::StatusLine), Shape::Text),
    ("videojs_media_err.txt", &["404"], Some(Source::PlayerLog), Shape::PlayerLog),
    (
        "dashjs_log.txt",
        &["MPE_FILTER_FORCE_END_LEFT_EDGE_CROSSED_DVR_WINDOW", "410"],
        Some(Source::PlayerLog),
        Shape::PlayerLog,
    ),
    ("amp_error.txt", &["404"], Some(Source::PlayerLog), Shape::PlayerLog),
    ("amp_mixed_content.txt", &[], None, Shape::Text),
    ("har_fragment_not_ready.har", &["MPE_FRAGMENT_NOT_READY", "412", "404"], Some(Source::Har), Shape::Har),
    ("har_truncated.har", &["MPE_FRAGMENT_NOT_READY", "412"], Some(Source::Har), Shape::Har),
    ("har_cors.har", &[], None, Shape::Har),
    ("har_all_ok.har", &[], None, Shape::Har),
    (
        "log_hresults.txt",
        &["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL", "MPE_STORAGE_SOCKET_TIMEOUT", "0x80070005", "0x80072EE2"],
        Some(Source::LogLine),
        Shape::Text,
    ),
    ("log_code_in_text.txt", &["MPE_STORAGE_SERVER_BUSY"], Some(Source::LogLine), Shape::Text),
    ("winhttp_storage.txt", &["MPE_STORAGE_SOCKET_TIMEOUT", "500"], Some(Source::LogLine), Shape::Text),
    ("bare_code.txt", &["MPE_OUTPUT_FORMAT_BLOCKED"], Some(Source::BareToken), Shape::Text),
    ("url_cmaf_no_encryption.txt", &[], None, Shape::Url),
    ("url_with_error.txt", &["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL", "400"], Some(Source::XmlBody), Shape::Text),
    ("misspelt_code.txt", &["MPE_ENC_ENCRYPTION_REQUIRED"], Some(Source::NearName), Shape::Text),
    ("unprefixed_code.txt", &["MPE_ENC_ENCRYPTION_REQUIRED"], Some(Source::NearName), Shape::Text),
    ("free_text_no_code.txt", &[], None, Shape::Text),
];

/// The report has a note of this kind (and it is a warning when `warning`).
fn noted(r: &Report, warning: bool, kind: impl Fn(&NoteKind) -> bool) -> bool {
    r.notes.iter().any(|n| kind(&n.kind) && (!warning || n.level() == Level::Warning))
}

#[test]
fn every_fixture_diagnoses_right() {
    for (file, want, source, shape) in TABLE {
        let text = fixture(file);
        let r = diagnose(&text);
        assert_eq!(names(&r), *want, "{file}: codes");
        assert_eq!(r.findings.first().map(|f| f.source), *source, "{file}: source");
        assert_eq!(r.shape, *shape, "{file}: shape");
        for f in &r.findings {
            assert!(f.count >= f.spans.len(), "{file}");
            for s in &f.spans {
                assert!(text.get(s.clone()).is_some(), "{file}: span {s:?}");
            }
        }
        if want.is_empty() {
            assert!(!r.notes.is_empty(), "{file}: a note says why nothing was found");
        }
    }
}

#[test]
fn every_fixture_is_in_the_table_and_sources() {
    let dir = format!("{}/../../tests/fixtures/pastes", env!("CARGO_MANIFEST_DIR"));
    let sources = fixture("SOURCES.md");
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name == "SOURCES.md" {
            continue;
        }
        let corpus = corpus();
        assert!(TABLE.iter().any(|t| t.0 == name) || corpus.iter().any(|c| c.file == name), "{name}: no expectation");
        assert!(sources.contains(&name), "{name} has no line in SOURCES.md");
    }
}

/// One line of `tests/fixtures/expected/*.tsv`: fixture, expected codes in rank order, tags.
struct Case {
    file: String,
    codes: Vec<String>,
    tags: Vec<String>,
}

/// The corpus of real pastes: every `tests/fixtures/expected/*.tsv` line.
fn corpus() -> Vec<Case> {
    let dir = format!("{}/../../tests/fixtures/expected", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let Ok(files) = std::fs::read_dir(&dir) else { return out };
    for f in files {
        let path = f.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let list = |i: usize| -> Vec<String> {
                cols.get(i).map_or(Vec::new(), |c| c.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect())
            };
            out.push(Case { file: cols[0].to_string(), codes: list(1), tags: list(2) });
        }
    }
    out
}

#[test]
fn every_corpus_paste_names_what_a_person_expects() {
    let mut wrong = Vec::new();
    let cases = corpus();
    for c in &cases {
        let text = fixture(&c.file);
        let r = diagnose(&text);
        let got = names(&r);
        if got != c.codes {
            wrong.push(format!("{}: want {:?}, got {got:?}", c.file, c.codes));
            continue;
        }
        let tagged = |t: &str| c.tags.iter().any(|x| x == t);
        for f in &r.findings {
            let http = f.subject.entry().is_some_and(|e| e.kind == ams_errors_core::catalog::Kind::Http);
            if tagged("management") && http && f.source != Source::Management {
                wrong.push(format!("{}: {:?} not read as a management call", c.file, f.source));
            }
        }
        if tagged("read-as") && !r.findings.iter().any(|f| f.source == Source::NearName) {
            wrong.push(format!("{}: no finding read from a near name", c.file));
        }
        if c.codes.is_empty() && r.notes.is_empty() {
            wrong.push(format!("{}: no note says why nothing was found", c.file));
        }
    }
    assert!(wrong.is_empty(), "{} of {} corpus pastes wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn code_spans_point_at_the_code_token() {
    let text = fixture("curl_v_encryption_required.txt");
    let r = diagnose(&text);
    let f = &r.findings[0];
    assert_eq!(&text[f.spans[0].clone()], "MPE_ENC_ENCRYPTION_REQUIRED");
    assert_eq!(&text[r.findings[1].spans[0].clone()], "403");
}

#[test]
fn status_line_disagreeing_with_body_is_a_warning() {
    let r = diagnose(&fixture("status_conflict_404.txt"));
    assert!(noted(&r, true, |k| matches!(k, NoteKind::StatusDisagrees { status: 404, documented: 403, .. })));
    let r = diagnose(&fixture("ok_200_with_error_body.txt"));
    assert!(noted(&r, true, |k| matches!(k, NoteKind::OkStatusWithErrorBody { status: 200, .. })));
}

#[test]
fn har_failures_are_grouped_and_counted() {
    let r = diagnose(&fixture("har_fragment_not_ready.har"));
    assert_eq!(r.findings[0].count, 9);
    assert_eq!(r.findings[2].count, 3);
    let groups = [("MPE_FRAGMENT_NOT_READY (412)".to_string(), 9), ("404".to_string(), 3)];
    assert!(noted(&r, true, |k| *k
        == NoteKind::HarFailures { failing: 12, total: 22, groups: groups.to_vec(), more: false }));
    let detail = r.findings[0].detail.as_deref().unwrap();
    assert!(detail.starts_with("https://contoso-usea.streaming.media.azure.net/"));
    assert!(!detail.contains("token="), "query strings never reach details");
}

#[test]
fn har_noise_never_becomes_a_finding() {
    // GUIDs, timestamps, base64, hex and numbers in successful entries are ignored.
    let r = diagnose(&fixture("har_all_ok.har"));
    assert!(r.findings.is_empty());
    let r = diagnose(&fixture("har_cors.har"));
    assert!(r.findings.is_empty());
    assert!(noted(&r, true, |k| *k == NoteKind::HarBlocked));
}

#[test]
fn truncated_har_and_json_are_read_and_noted() {
    let r = diagnose(&fixture("har_truncated.har"));
    assert!(noted(&r, true, |k| matches!(k, NoteKind::HarCutOff(_))));
    let json = fixture("eventgrid_connection_rejected.json");
    let r = diagnose(&json[..json.len() / 2 + 200]);
    assert!(names(&r).contains(&"LiveEventConnectionRejected".to_string()));
    assert!(noted(&r, true, |k| *k == NoteKind::JsonCutOff));
}

#[test]
fn event_grid_detail_has_encoder_but_no_ingest_path() {
    let r = diagnose(&fixture("eventgrid_encoder_disconnected.json"));
    let d = r.findings[0].detail.as_deref().unwrap();
    assert!(d.contains("131.107.147.xxx"), "{d}");
    assert!(!d.contains("/live/"), "{d}");
}

#[test]
fn url_notes_bear_on_the_error() {
    let r = diagnose(&fixture("url_with_error.txt"));
    assert!(noted(&r, true, |k| matches!(k, NoteKind::EncryptionTagMissing { .. })));
    let r = diagnose(&fixture("curl_v_encryption_required.txt"));
    assert!(noted(&r, true, |k| *k == NoteKind::EncryptionRequired));
    let r = diagnose(&fixture("url_cmaf_no_encryption.txt"));
    assert!(noted(&r, false, |k| matches!(k, NoteKind::StreamingUrl { format: Some(f), .. } if f == "m3u8-cmaf")));
}

#[test]
fn near_names_in_running_text_are_read_as_the_name() {
    for (f, says) in
        [("misspelt_code.txt", "MPE_ENC_ENCRYPTON_REQUIRED"), ("unprefixed_code.txt", "ENC_ENCRYPTION_REQUIRED")]
    {
        let r = diagnose(&fixture(f));
        let detail = r.findings[0].detail.as_deref().unwrap();
        assert!(detail.contains(says), "{f}: {detail}");
    }
    // Short, common or unrelated shouty words are never taken for a name.
    for t in ["an E_FAIL came back\nok", "ERROR_INVALID_PARAMETER from the API\nok", "STATUS_PENDING\nagain"] {
        assert!(diagnose(t).findings.is_empty(), "{t}");
    }
    // Two names equally close: no guess, only suggestions.
    let r = diagnose("the origin said MPE_STORAGE_AUTHENTICATION_FAILE\nok");
    assert!(r.findings.is_empty());
    assert_eq!(r.suggestions.len(), 2, "FAILED and FAILURE both offered");
    // A query is still answered with "did you mean".
    let r = diagnose("MPE_ENC_ENCRYPTON_REQUIRED");
    assert_eq!(r.shape, Shape::Query);
    assert_eq!(r.suggestions[0].name, "MPE_ENC_ENCRYPTION_REQUIRED");
}

#[test]
fn query_lists_merge_each_lookup_in_order() {
    let r = diagnose("MPE_ENC_ENCRYPTION_REQUIRED,403");
    assert_eq!(names(&r), ["MPE_ENC_ENCRYPTION_REQUIRED", "403"]);
    assert!(r.findings.iter().all(|f| f.source == Source::Query));
    assert_eq!(r.findings[1].spans, vec![28..31]);
    let r = diagnose(" 403 415 ");
    assert_eq!(names(&r), ["403", "415"]);
    assert_eq!(r.findings[0].spans, vec![1..4]);
    // Plain words are not a list of codes.
    assert!(diagnose("token expired").findings.is_empty());
}

#[test]
fn single_queries_still_go_through_lookup() {
    let r = diagnose("0x80070005");
    assert_eq!(r.findings[0].subject, Subject::Hresult(Hresult(0x80070005)));
    assert_eq!(r.findings[0].source, Source::Query);
    assert_eq!(names(&diagnose("0x80072EE2"))[0], "MPE_STORAGE_SOCKET_TIMEOUT");
    assert_eq!(names(&diagnose("-2138570164")), ["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"]);
}

#[test]
fn bare_numbers_are_not_statuses_without_context() {
    for t in [
        "We have 403 viewers and 415 tickets\nand more",
        "build 404 of 500 done\n",
        "id 80003ADA-0000-FB00-B63F-84710C7967BB\n",
    ] {
        assert!(diagnose(t).findings.is_empty(), "{t}");
    }
    for t in [
        "request failed, status=403\n",
        "got HTTP 403 from origin\n",
        "<status>403</status>",
        "{\"status\": 403}",
        "status code 403 again\n",
    ] {
        assert_eq!(names(&diagnose(t)), ["403"], "{t}");
    }
}

#[test]
fn decimal_hresults_need_the_catalog_or_a_context() {
    assert!(diagnose("took 2147942405 ticks\nok").findings.is_empty());
    assert_eq!(names(&diagnose("failed hr -2147024891\nok")), ["0x80070005"]);
    assert_eq!(names(&diagnose("value 2156397132 seen\nok")), ["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"]);
}

#[test]
fn nothing_recognised_says_why_and_what_it_looked_like() {
    let r = diagnose("hello there, the video does not play at all\nplease help");
    assert!(r.findings.is_empty());
    assert_eq!(r.shape, Shape::Text);
    assert!(noted(&r, false, |k| matches!(k, NoteKind::NothingRecognised { shape: Shape::Text, .. })));
    let r = diagnose("\u{0}\u{1}\u{2}\u{3}\u{0}\u{0}\u{5}binary\u{0}\u{0}\u{0}\u{0}");
    assert_eq!(r.shape, Shape::Binary);
}

#[test]
fn long_inputs_are_cut_and_reported() {
    let mut big = "x".repeat(MAX_INPUT + 10);
    big.push_str(" MPE_ENC_ENCRYPTION_REQUIRED");
    let r = diagnose(&big);
    assert!(r.truncated());
    assert_eq!(r.analyzed, MAX_INPUT);
    assert!(r.findings.is_empty());
    let line = format!("{} MPE_FRAGMENT_NOT_READY {}", "é".repeat(500_000), "a".repeat(1_000_000));
    assert_eq!(names(&diagnose(&line)), ["MPE_FRAGMENT_NOT_READY"]);
}

#[test]
fn secret_values_are_masked_not_their_names() {
    let text = fixture("secrets_sas.txt");
    let masked: Vec<&str> = secret_ranges(&text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        masked,
        ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.AAAA"]
    );
    let har = fixture("har_cors.har");
    let masked: Vec<&str> = secret_ranges(&har).into_iter().map(|r| &har[r]).collect();
    assert!(masked.iter().all(|m| m.starts_with("Bearer ")), "{masked:?}");
    let t = "Cookie: a=1; b=2\nx-ms-client-key: s3cr3t\n{\"access_token\": \"abc\", \"se\": \"2024\"}\nsv=2020&se=2024&sp=r&token=t0k";
    let masked: Vec<&str> = secret_ranges(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(masked, ["a=1; b=2", "s3cr3t", "abc", "t0k"]);
}
