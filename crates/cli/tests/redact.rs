//! `ams-errors redact`, run as a user runs it: a file or standard input to standard output or
//! `-o`, the summary on standard error, exit 0; 2 for bad usage, an unreadable input or `-o`
//! naming the input.

use std::path::{Path, PathBuf};

mod common;

fn secrets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/secrets")
}

struct Run {
    status: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let out = common::spawn(args, stdin, &[("NO_COLOR", "1")]);
    Run { status: out.status, stdout: out.stdout, stderr: String::from_utf8_lossy(&out.stderr).into() }
}

fn planted() -> Vec<String> {
    std::fs::read_to_string(secrets().join("planted.txt")).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn a_file_goes_to_stdout_and_the_summary_to_stderr() {
    let har = secrets().join("capture.har");
    let r = run(&["redact", har.to_str().unwrap()], None);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let copy = String::from_utf8(r.stdout).unwrap();
    let _: serde_json::Value = serde_json::from_str(&copy).expect("still JSON");
    for s in planted() {
        assert!(!copy.contains(&s), "{s} survives");
    }
    assert!(r.stderr.contains("capture.har: masked "), "{}", r.stderr);
    assert!(r.stderr.contains("cookie values"), "{}", r.stderr);
    let expected = ams_errors_core::redact::redact(&std::fs::read_to_string(&har).unwrap()).text;
    assert_eq!(copy, expected, "the same as the core's redact()");
}

#[test]
fn standard_input_and_dash_and_an_output_file() {
    let input = b"GET /v.ism/manifest?se=2030&sig=abcdef HTTP/1.1\r\nCookie: a=1\r\nX-Forwarded-For: 10.1.2.3\r\n";
    let r = run(&["redact"], Some(input));
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        b"GET /v.ism/manifest?se=2030&sig=REDACTED HTTP/1.1\r\nCookie: a=REDACTED\r\nX-Forwarded-For: 10.1.2.3\r\n"
    );
    assert!(r.stderr.contains("<stdin>: masked 2:"), "{}", r.stderr);
    let dir = std::env::temp_dir().join(format!("ams-errors-redact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("copy.txt");
    let r = run(&["redact", "-", "--ip", "-o", out.to_str().unwrap()], Some(input));
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let written = std::fs::read(&out).unwrap();
    assert!(written.ends_with(b"X-Forwarded-For: 0.0.0.0\r\n"), "{}", String::from_utf8_lossy(&written));
    let r = run(&["--json", "redact", "-"], Some(input));
    let summary: serde_json::Value = serde_json::from_str(r.stderr.trim()).expect("one JSON object on stderr");
    assert_eq!(summary["total"], 2);
    assert_eq!(summary["masked"]["signature"], 1);
    assert_eq!(summary["masked"]["cookie"], 1);
    // -o naming the input is refused before anything is truncated.
    let r = run(&["redact", out.to_str().unwrap(), "-o", out.to_str().unwrap()], None);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), written);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_usage_and_unreadable_files_exit_2() {
    let r = run(&["redact", "/no/such/file.har"], None);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("cannot read /no/such/file.har"), "{}", r.stderr);
    assert_eq!(run(&["redact", "--bogus"], None).status, 2);
    assert_eq!(run(&["redact", "a", "b"], None).status, 2);
    let r = run(&["redact", secrets().to_str().unwrap()], None);
    assert_eq!(r.status, 2, "a directory: {}", r.stderr);
}

#[test]
fn a_big_input_is_streamed() {
    let line = "GET https://h/v.ism/QualityLevels(1)/Fragments(video=0)?sig=abcdefabcdef&se=2030 200\n";
    let input = line.repeat(40_000);
    let r = run(&["redact"], Some(input.as_bytes()));
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, line.replace("abcdefabcdef", "REDACTED").repeat(40_000).into_bytes());
    assert!(r.stderr.contains("masked 40000:"), "{}", r.stderr);
}
