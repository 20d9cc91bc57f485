//! The `ams-errors` binary, run as a user runs it: arguments, standard input, files, exit status,
//! stdout and stderr. The fixture corpus of `tests/fixtures/pastes/` must give the codes the core's
//! `diagnose()` gives, in its order (and those of `tests/fixtures/expected/*.tsv`), and `--json`
//! must carry the catalog's own values.

use std::path::{Path, PathBuf};

use ams_errors_core::catalog::{self, Hresult};
use ams_errors_core::data::EntryData;
use ams_errors_core::diagnose::{diagnose, MAX_INPUT};
use ams_errors_core::report::Subject;
use serde_json::Value;

mod common;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn paste(name: &str) -> PathBuf {
    fixtures().join("pastes").join(name)
}

/// What a run gave.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not one JSON value ({e}):\n{}", self.stdout))
    }

    fn codes(&self) -> Vec<String> {
        findings(&self.json()).iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
    }
}

fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("findings is an array")
}

/// Run the binary (`common::spawn`), its output read as UTF-8.
fn run_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let out = common::spawn(args, stdin, env);
    Run {
        status: out.status,
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, None, &[])
}

fn name(s: Subject) -> String {
    match s {
        Subject::Entry(e) => e.name.to_string(),
        Subject::Hresult(h) => h.to_string(),
    }
}

/// Every fixture of the corpus, by file name.
fn corpus() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join("pastes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "SOURCES.md")
        .collect();
    names.sort();
    names
}

/// `tests/fixtures/expected/*.tsv`: fixture and the codes expected, in rank order.
fn expected() -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for f in std::fs::read_dir(fixtures().join("expected")).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let codes =
                cols.get(1).map_or(Vec::new(), |c| c.split(',').filter(|x| !x.is_empty()).map(String::from).collect());
            out.push((cols[0].to_string(), codes));
        }
    }
    out
}

/// A scratch file in the temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("ams-errors-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Scratch(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// --- explain

#[test]
fn explain_understands_every_query_form() {
    let cases = [
        ("415", "415"),
        ("mpe_enc_encryption_required", "MPE_ENC_ENCRYPTION_REQUIRED"),
        ("Mpe_Enc_Encryption_Required", "MPE_ENC_ENCRYPTION_REQUIRED"),
        ("0x8088024C", "MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"),
        ("8088024c", "MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"),
        ("2156397132", "MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"),
        ("-2138570164", "MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"),
        ("LiveEventEncoderDisconnected", "LiveEventEncoderDisconnected"),
        ("Microsoft.Media.LiveEventEncoderDisconnected", "LiveEventEncoderDisconnected"),
        ("MPE_INGEST_CODEC_NOT_SUPPORTED", "MPE_INGEST_CODEC_NOT_SUPPORTED"),
    ];
    for (query, code) in cases {
        let r = run(&["--json", "explain", query]);
        assert_eq!(r.status, 0, "{query}: {}", r.stderr);
        assert_eq!(r.codes().first().map(String::as_str), Some(code), "{query}");
        assert_eq!(findings(&r.json())[0]["found_by"], "query", "{query}");
    }
    // Several codes at once, as a deep link has them; the flag may also follow the subcommand.
    let r = run(&["explain", "403,MPE_STORAGE_AUTHENTICATION_FAILED", "--json"]);
    assert_eq!((r.status, r.codes()), (0, vec!["403".to_string(), "MPE_STORAGE_AUTHENTICATION_FAILED".to_string()]));
}

#[test]
fn explain_finds_every_catalog_entry_by_name_hex_and_signed_decimal() {
    for e in catalog::all() {
        let mut queries = vec![e.name.to_ascii_lowercase()];
        if let Some(h) = e.hresult {
            queries.push(h.to_string());
            queries.push(h.signed().to_string());
        }
        for q in queries {
            let r = run(&["--json", "explain", &q]);
            assert_eq!(r.status, 0, "{q}: {}", r.stdout);
            let doc = r.json();
            let hit = findings(&doc).iter().any(|f| f["code"] == e.name && f["kind"] == e.kind.as_str());
            assert!(hit, "{q} should explain {} ({}): {:?}", e.name, e.kind.as_str(), r.codes());
        }
    }
}

#[test]
fn explain_text_shows_everything_a_card_shows() {
    let e = catalog::all().iter().find(|e| e.name == "MPE_STORAGE_SOCKET_TIMEOUT").unwrap();
    let r = run(&["explain", "mpe_storage_socket_timeout"]);
    assert_eq!(r.status, 0);
    let h = e.hresult.unwrap();
    let mut want: Vec<String> = vec![
        e.name.into(),
        e.title().into(),
        e.kind.label().into(),
        "HTTP 500".into(),
        format!("HRESULT {h} · {} · {}", h.0, h.signed()),
        e.summary().into(),
        e.explanation().into(),
        e.winhttp.unwrap().name.into(),
        e.winhttp.unwrap().meaning.into(),
        e.source(),
    ];
    want.extend(e.causes().iter().map(String::from));
    want.extend(e.fixes().iter().map(String::from));
    for w in &want {
        assert!(r.stdout.contains(w.as_str()), "missing {w:?} in:\n{}", r.stdout);
    }
    let noted = catalog::all().iter().find(|e| e.note().is_some()).unwrap();
    let r = run(&["explain", noted.name]);
    assert!(r.stdout.contains(noted.note().unwrap()), "{}", r.stdout);
    // A status lists the origin codes that come with it.
    let r = run(&["explain", "412"]);
    assert!(r.stdout.contains("MPE_FRAGMENT_NOT_READY"), "{}", r.stdout);
}

#[test]
fn explain_words_are_a_word_search_best_first() {
    let r = run(&["--json", "explain", "encryption"]);
    assert_eq!(r.status, 0);
    let doc = r.json();
    assert!(findings(&doc).is_empty());
    let matches: Vec<&str> =
        doc["word_matches"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
    let want: Vec<&str> = ams_errors_core::search::words("encryption").iter().map(|e| e.name).collect();
    assert_eq!(matches, want);
    assert!(matches.contains(&"MPE_ENC_ENCRYPTION_REQUIRED"));
    let r = run(&["explain", "token", "expired"]);
    assert_eq!(r.status, 0);
    assert!(r.stdout.contains("Entries that mention these words") && r.stdout.contains("401"), "{}", r.stdout);
}

#[test]
fn explain_near_misses_say_did_you_mean_and_exit_1() {
    let r = run(&["explain", "MPE_ENC_ENCRYPTON_REQUIRED"]);
    assert_eq!(r.status, 1);
    assert!(r.stdout.contains("Did you mean") && r.stdout.contains("MPE_ENC_ENCRYPTION_REQUIRED"), "{}", r.stdout);
    let doc = run(&["--json", "explain", "LiveEventEncoderDisconected"]).json();
    assert_eq!(doc["did_you_mean"][0]["code"], "LiveEventEncoderDisconnected");
    for nothing in ["qqqzzz", "0x00000001", "418"] {
        let r = run(&["explain", nothing]);
        assert_eq!(r.status, 1, "{nothing}");
        assert!(r.stdout.contains("No error recognised"), "{nothing}: {}", r.stdout);
    }
}

#[test]
fn unknown_hresults_are_decoded_in_text_and_json() {
    let r = run(&["--json", "explain", "0x80070005"]);
    assert_eq!(r.status, 0);
    let doc = r.json();
    let f = &findings(&doc)[0];
    let h = Hresult(0x8007_0005);
    assert_eq!(
        (f["kind"].as_str(), f["code"].as_str(), f["hresult"].as_str()),
        (Some("hresult"), Some("0x80070005"), Some("0x80070005"))
    );
    assert_eq!(f["status"], Value::Null);
    assert_eq!(f["decoded"]["facility"], u64::from(h.facility()));
    assert_eq!(f["decoded"]["facility_name"], "FACILITY_WIN32");
    assert_eq!(f["decoded"]["code"], 5);
    assert_eq!(f["hresult_values"]["signed"], i64::from(h.signed()));
    let text = run(&["explain", "0x80070005"]).stdout;
    assert!(text.contains("An HRESULT this catalog does not list") && text.contains("7 (FACILITY_WIN32)"), "{text}");
}

// --- diagnose

#[test]
fn diagnose_gives_the_cores_codes_in_its_order_for_every_fixture() {
    let expected = expected();
    let mut wrong = Vec::new();
    for file in corpus() {
        let path = paste(&file);
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let report = diagnose(&text);
        let want: Vec<String> = report.findings.iter().map(|f| name(f.subject)).collect();
        let r = run(&["--json", "diagnose", path.to_str().unwrap()]);
        let got = r.codes();
        if got != want {
            wrong.push(format!("{file}: diagnose() {want:?}, cli {got:?}"));
        }
        if let Some((_, codes)) = expected.iter().find(|(f, _)| *f == file) {
            if got != *codes {
                wrong.push(format!("{file}: expected {codes:?}, cli {got:?}"));
            }
        }
        let doc = r.json();
        for (f, core) in findings(&doc).iter().zip(&report.findings) {
            if f["count"] != core.count || f["found_by"].as_str().is_none() {
                wrong.push(format!(
                    "{file}: {} count {} found_by {}, core {}",
                    f["code"], f["count"], f["found_by"], core.count
                ));
            }
        }
        let errors = findings(&doc).iter().any(|f| f["severity"] == "error");
        if r.status != i32::from(errors) {
            wrong.push(format!("{file}: exit {} with errors={errors}", r.status));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn json_findings_carry_the_catalogs_values() {
    for file in [
        "curl_v_encryption_required.txt",
        "har_fragment_not_ready.har",
        "log_hresults.txt",
        "eventgrid_encoder_disconnected.json",
        "winhttp_storage.txt",
    ] {
        let doc = run(&["--json", "diagnose", paste(file).to_str().unwrap()]).json();
        assert!(doc.is_object() && doc["findings"].is_array(), "{file}: one object with findings");
        for f in findings(&doc) {
            let code = f["code"].as_str().unwrap();
            if f["kind"] == "hresult" {
                let h = Hresult(u32::from_str_radix(code.trim_start_matches("0x"), 16).unwrap());
                assert_eq!(f["hresult"], h.to_string());
                assert_eq!(f["decoded"]["facility"], u64::from(h.facility()));
                continue;
            }
            let e = catalog::all()
                .iter()
                .find(|e| e.name == code && f["kind"] == e.kind.as_str())
                .expect("a catalog entry");
            let Value::Object(want) = serde_json::to_value(EntryData::from(e)).unwrap() else { panic!("an object") };
            for (key, value) in want {
                assert_eq!(f[&key], value, "{file}: {code}.{key}");
            }
            assert_eq!(f["name"], f["code"], "{file}: code is the canonical name");
            for l in f["locations"].as_array().unwrap() {
                assert!(l["file"].as_str().unwrap().ends_with(file) && l["line"].as_u64().unwrap() >= 1);
            }
        }
    }
}

#[test]
fn locations_point_at_the_line_the_code_is_on() {
    for file in corpus() {
        let path = paste(&file);
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let lines: Vec<&str> = text.split('\n').collect();
        let doc = run(&["--json", "diagnose", path.to_str().unwrap()]).json();
        for f in findings(&doc) {
            for l in f["locations"].as_array().unwrap() {
                let n = l["line"].as_u64().unwrap() as usize;
                let line = lines.get(n - 1).unwrap_or_else(|| panic!("{file}: line {n} past the end"));
                // The excerpt is the line, cut with … and masked with •••: every other piece is on it.
                let excerpt = l["excerpt"].as_str().unwrap();
                for piece in excerpt.split(['…', '•']).map(str::trim).filter(|p| !p.is_empty()) {
                    assert!(line.contains(piece), "{file}:{n}: {piece:?} is not on {line:?}");
                }
            }
        }
    }
}

#[test]
fn text_output_has_file_line_excerpts() {
    let path = paste("curl_v_encryption_required.txt");
    let r = run(&["diagnose", path.to_str().unwrap()]);
    assert_eq!(r.status, 1);
    let at = format!("{}:22: <hresult>MPE_ENC_ENCRYPTION_REQUIRED</hresult>", path.display());
    assert!(r.stdout.contains(&at), "{}", r.stdout);
    assert!(r.stdout.starts_with("2 errors recognised in an HTTP exchange"), "{}", r.stdout);
}

#[test]
fn standard_input_is_read_when_no_file_or_dash_is_given() {
    let path = paste("curl_i_fragment_not_ready.txt");
    let bytes = std::fs::read(&path).unwrap();
    let from_file = run(&["--json", "diagnose", path.to_str().unwrap()]).codes();
    for args in [&["--json", "diagnose"][..], &["--json", "diagnose", "-"]] {
        let r = run_with(args, Some(&bytes), &[]);
        assert_eq!(r.status, 1, "{}", r.stderr);
        assert_eq!(r.codes(), from_file);
        assert_eq!(findings(&r.json())[0]["locations"][0]["file"], "<stdin>");
    }
    let r = run_with(&["diagnose"], Some(b""), &[]);
    assert_eq!(r.status, 0, "empty input finds nothing");
}

#[test]
fn warnings_and_information_alone_exit_0() {
    let r = run_with(&["--json", "diagnose"], Some(b"LiveEventEncoderConnected\n"), &[]);
    let doc = r.json();
    assert_eq!(findings(&doc)[0]["severity"], "info");
    assert_eq!(r.status, 0);
}

#[test]
fn a_missing_file_exits_2_with_a_message() {
    let r = run(&["diagnose", "/no/such/file.har"]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("cannot read /no/such/file.har") && r.stderr.contains("No such file"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    // The other files are still read, and --json still prints its one object.
    let good = paste("bare_code.txt");
    let r = run(&["--json", "diagnose", "/no/such/file.har", good.to_str().unwrap()]);
    assert_eq!(r.status, 2);
    assert_eq!(r.codes(), ["MPE_OUTPUT_FORMAT_BLOCKED"]);
    let r = run(&["diagnose", fixtures().to_str().unwrap()]);
    assert_eq!(r.status, 2, "a directory cannot be read: {}", r.stderr);
}

#[test]
fn bad_usage_exits_2_and_help_has_examples() {
    for args in [&[][..], &["explain"], &["frobnicate"], &["diagnose", "--frobnicate"]] {
        let r = run(args);
        assert_eq!(r.status, 2, "{args:?}");
        assert!(r.stderr.contains("Usage"), "{args:?}: {}", r.stderr);
    }
    for args in [&["--help"][..], &["explain", "--help"], &["diagnose", "--help"]] {
        let r = run(args);
        assert_eq!(r.status, 0);
        assert!(r.stdout.contains("Examples:") && r.stdout.contains("ams-errors "), "{args:?}: {}", r.stdout);
    }
    assert!(run(&["--version"]).stdout.starts_with("ams-errors "));
}

#[test]
fn no_colour_off_a_terminal_or_with_no_color() {
    let fixture = paste("curl_v_encryption_required.txt");
    let diagnose = ["diagnose", fixture.to_str().unwrap()];
    for args in [&["explain", "415"][..], &diagnose, &["explain", "qqqzzz"], &["--help"]] {
        let plain = run(args);
        assert!(!plain.stdout.contains('\x1b'), "{args:?}: escape codes on a pipe");
        // Forced colour shows the check is not vacuous, and NO_COLOR still wins over it.
        let forced = run_with(args, None, &[("CLICOLOR_FORCE", "1")]);
        assert!(forced.stdout.contains("\x1b["), "{args:?}: CLICOLOR_FORCE gives colour");
        let no_color = run_with(args, None, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
        assert!(!no_color.stdout.contains('\x1b'), "{args:?}: NO_COLOR");
        assert_eq!(no_color.stdout, plain.stdout);
    }
    let r = run_with(&["diagnose", "/no/such/file"], None, &[("NO_COLOR", "1")]);
    assert!(!r.stderr.contains('\x1b'));
}

#[test]
fn excerpts_mask_secrets_and_cannot_drive_the_terminal() {
    let input = b"GET /v.ism/manifest?sv=2022&sig=TOPSECRETSIG123&se=2030 Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln \x1b]0;pwned\x07 x-ms-error-code: MPE_STORAGE_AUTHENTICATION_FAILED\n";
    for json in [false, true] {
        let args: &[&str] = if json { &["--json", "diagnose"] } else { &["diagnose"] };
        let r = run_with(args, Some(input), &[("CLICOLOR_FORCE", "1")]);
        assert_eq!(r.status, 1);
        assert!(!r.stdout.contains("TOPSECRETSIG123") && !r.stdout.contains("eyJzdWIi"), "{}", r.stdout);
        assert!(r.stdout.contains("sig=•••") && r.stdout.contains("se=2030"), "{}", r.stdout);
        assert!(!r.stdout.contains("\x1b]0;"), "no escape sequence from the input reaches the terminal");
    }
}

#[test]
fn input_that_is_not_utf8_is_read() {
    let f = Scratch::new(
        "binary.log",
        b"\xff\xfe garbage \x80\n403 Forbidden x-ms-error-code: MPE_OUTPUT_FORMAT_BLOCKED\n",
    );
    let r = run(&["--json", "diagnose", f.path()]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(r.codes().first().map(String::as_str), Some("MPE_OUTPUT_FORMAT_BLOCKED"));
    assert_eq!(findings(&r.json())[0]["locations"][0]["line"], 2);
}

/// About 9 MiB of successful log lines: more than one chunk.
fn filler() -> (String, usize) {
    let line = "2024-05-01T10:00:00.000Z INFO GET /1b2c3d4e/video.ism/QualityLevels(3000000)/Fragments(video=0,format=m3u8-cmaf) 200 51234 bytes in 12 ms\n";
    let n = MAX_INPUT / line.len() + 8_000;
    (line.repeat(n), n)
}

#[test]
fn an_error_at_the_end_of_a_file_bigger_than_a_chunk_has_its_line() {
    let (mut text, n) = filler();
    text.push_str("2024-05-01T10:00:01.000Z ERROR x-ms-error-code: MPE_STORAGE_AUTHENTICATION_FAILED\n");
    assert!(text.len() > MAX_INPUT);
    let f = Scratch::new("big-end.log", text.as_bytes());
    let r = run(&["--json", "diagnose", f.path()]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(r.codes(), ["MPE_STORAGE_AUTHENTICATION_FAILED"]);
    let doc = r.json();
    let loc = &findings(&doc)[0]["locations"][0];
    assert_eq!(loc["line"], n + 1);
    assert!(loc["excerpt"].as_str().unwrap().ends_with("x-ms-error-code: MPE_STORAGE_AUTHENTICATION_FAILED"));
    let text_out = run(&["diagnose", f.path()]).stdout;
    assert!(text_out.contains(&format!("{}:{}: ", f.path(), n + 1)), "{text_out}");
}

#[test]
fn the_same_code_in_several_chunks_is_one_finding_with_its_count_and_first_places() {
    let (filler, n) = filler();
    let code = "2024-05-01T10:00:01.000Z ERROR x-ms-error-code: MPE_FRAGMENT_NOT_READY\n";
    let text = format!("{code}{filler}{code}HTTP/1.1 404 Not Found\n");
    let f = Scratch::new("big-twice.log", text.as_bytes());
    let r = run(&["--json", "diagnose", f.path()]);
    let doc = r.json();
    assert_eq!(r.codes(), ["MPE_FRAGMENT_NOT_READY", "404"], "ranked as the core ranks: codes before statuses");
    let lines: Vec<u64> =
        findings(&doc)[0]["locations"].as_array().unwrap().iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, n as u64 + 2]);
    assert_eq!(findings(&doc)[0]["count"], 2);
    assert_eq!(findings(&doc)[1]["locations"][0]["line"], n + 3);
}

#[test]
fn a_har_bigger_than_a_chunk_is_read_as_a_har_throughout() {
    // Thousands of successful entries (whose bodies hold decoy codes), then two failing ones.
    let read = |name: &str| -> Value { serde_json::from_slice(&std::fs::read(paste(name)).unwrap()).unwrap() };
    let mut har = read("har_all_ok.har");
    let ok = har["log"]["entries"].as_array().unwrap().clone();
    let failing: Vec<Value> = read("har_fragment_not_ready.har")["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["response"]["status"] == 412)
        .take(2)
        .cloned()
        .collect();
    let one = serde_json::to_string_pretty(&ok).unwrap().len();
    let mut entries: Vec<Value> = std::iter::repeat_n(ok, MAX_INPUT * 2 / one + 1).flatten().collect();
    let total = entries.len() + failing.len();
    entries.extend(failing.iter().cloned());
    har["log"]["entries"] = Value::Array(entries);
    let text = serde_json::to_string_pretty(&har).unwrap();
    assert!(text.len() > 2 * MAX_INPUT);
    let f = Scratch::new("big.har", text.as_bytes());
    let r = run(&["--json", "diagnose", f.path()]);
    // What the core says of the failing entries alone, in a HAR of their own.
    har["log"]["entries"] = Value::Array(failing);
    let alone = diagnose(&serde_json::to_string_pretty(&har).unwrap());
    let want: Vec<String> = alone.findings.iter().map(|f| name(f.subject)).collect();
    assert_eq!(r.codes(), want, "no decoy from the successful entries");
    let doc = r.json();
    assert_eq!(findings(&doc)[0]["found_by"], "har");
    assert_eq!(findings(&doc)[0]["count"], 2);
    let first = text.find("\"MPE_FRAGMENT_NOT_READY\"").unwrap();
    assert_eq!(findings(&doc)[0]["locations"][0]["line"], text[..first].matches('\n').count() + 1);
    let notes: Vec<&str> = doc["notes"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap()).collect();
    let tally = format!("2 failing requests of {total}: 2 × MPE_FRAGMENT_NOT_READY (412).");
    assert!(notes.contains(&tally.as_str()), "{notes:?}");
    assert!(!notes.iter().any(|n| n.contains("cut off")), "a HAR read in chunks is not cut off: {notes:?}");
}
