//! The redacted copy: no planted secret of `tests/fixtures/secrets/` survives, every HAR fixture's
//! copy is still JSON and diagnoses the same, XML stays well-formed, any split into chunks gives
//! the same output as the whole, and text without secrets passes through byte for byte.
#![cfg(not(target_arch = "wasm32"))] // native only: reads fixtures from disk, uses proptest

use std::path::{Path, PathBuf};

use ams_errors_core::diagnose::diagnose;
use ams_errors_core::redact::{self, redact, redact_with, Kind, Options, Redactor, MAX_CARRY};
use ams_errors_core::report::Report;
use proptest::prelude::*;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Every file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn corpus() -> Vec<(PathBuf, String)> {
    files_under(&fixtures_dir().join("secrets"))
        .into_iter()
        .filter(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("planted.txt" | "README.md")))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect()
}

fn planted() -> Vec<String> {
    let t = std::fs::read_to_string(fixtures_dir().join("secrets/planted.txt")).unwrap();
    t.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Every text fixture (pastes, players, secrets).
fn all_fixtures() -> Vec<(PathBuf, String)> {
    files_under(&fixtures_dir()).into_iter().filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t))).collect()
}

/// Redact `text` fed in pieces cut at `cuts` (byte offsets, any order, even inside a character).
fn redact_split(text: &[u8], cuts: &[usize], options: Options) -> (Vec<u8>, redact::Summary) {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c.min(&text.len()).to_owned()).collect();
    cuts.sort_unstable();
    let mut r = Redactor::new(options);
    let mut out = Vec::new();
    let mut at = 0;
    for c in cuts.into_iter().chain([text.len()]) {
        r.feed(&text[at..c], &mut out);
        assert!(r.carry() <= MAX_CARRY, "carry {} after {c} bytes", r.carry());
        at = c;
    }
    let s = r.finish(&mut out);
    (out, s)
}

/// Pieces of `secret` that must not be in a copy: the whole, or every 12-byte window of a long one.
fn pieces(secret: &str) -> Vec<&str> {
    if secret.len() <= 16 {
        return vec![secret];
    }
    (0..=secret.len() - 12).filter_map(|i| secret.get(i..i + 12)).collect()
}

#[test]
fn every_planted_secret_is_in_the_corpus() {
    let corpus = corpus();
    assert!(corpus.len() >= 6, "{corpus:?}");
    for s in planted() {
        assert!(corpus.iter().any(|(_, t)| t.contains(&s)), "planted.txt lists {s}, which no file holds");
    }
}

#[test]
fn no_planted_secret_survives() {
    let planted = planted();
    for (path, text) in corpus() {
        let whole = redact(&text);
        let size = text.len() / 7 + 1;
        let cuts: Vec<usize> = (1..7).map(|n| n * size).collect();
        let (split, _) = redact_split(text.as_bytes(), &cuts, Options::default());
        assert_eq!(String::from_utf8(split).unwrap(), whole.text, "{}: split differs", path.display());
        for s in &planted {
            for p in pieces(s) {
                assert!(!whole.text.contains(p), "{}: {p:?} of {s:?} survives in\n{}", path.display(), whole.text);
            }
        }
        assert!(whole.summary.total() > 0, "{}", path.display());
    }
}

#[test]
fn the_summary_counts_each_kind() {
    let text = std::fs::read_to_string(fixtures_dir().join("secrets/http.txt")).unwrap();
    let s = redact(&text).summary;
    // Authorization: curl's -H, the request's Bearer, Proxy-Authorization and SharedKey.
    assert_eq!(s.count(Kind::Authorization), 4, "{s}");
    assert_eq!(s.count(Kind::Cookie), 4, "{s}");
    assert_eq!(s.count(Kind::MsHeader), 2, "{s}");
    assert_eq!(s.count(Kind::Token), 2, "{s}");
    assert_eq!(s.count(Kind::Signature), 1, "{s}");
    assert_eq!(s.count(Kind::Key), 1, "{s}");
    assert_eq!(s.count(Kind::Ip), 0, "{s}");
    assert!(s.to_string().starts_with(&format!("masked {}: ", s.total())), "{s}");
    // The copy of a copy masks nothing more.
    assert_eq!(redact(&redact(&text).text).summary.total(), 0);
}

#[test]
fn what_diagnoses_stays() {
    let text = std::fs::read_to_string(fixtures_dir().join("secrets/http.txt")).unwrap();
    let copy = redact(&text).text;
    for keep in [
        "HTTP/1.1 403 Forbidden",
        "x-ms-error-code: MPE_STORAGE_AUTHENTICATION_FAILED",
        "x-ms-request-id: 7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
        "x-ms-client-request-id: 5b0c1a2e-0000-4a1b-8c9d-0e1f2a3b4c5d",
        "<hresult>MPE_STORAGE_AUTHENTICATION_FAILED</hresult>",
        "/video.ism/manifest(format=m3u8-cmaf)?token=REDACTED HTTP/1.1",
        "sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=REDACTED",
        "Authorization: Bearer REDACTED",
        "Cookie: ARRAffinity=REDACTED; session_id=REDACTED",
        "Set-Cookie: sid=REDACTED; Secure; SameSite=None; Max-Age=3600",
        "Authorization: SharedKey REDACTED",
    ] {
        assert!(copy.contains(keep), "{keep:?} missing from\n{copy}");
    }
}

/// What a report says, without its spans (masking changes lengths, so offsets move).
fn gist(r: &Report) -> Vec<String> {
    let mut out: Vec<String> = r
        .findings
        .iter()
        .map(|f| format!("{:?} {:?} x{} {:?}", f.subject, f.source, f.count, f.detail.as_deref().map(scrubbed)))
        .collect();
    out.extend(r.notes.iter().map(|n| scrubbed(&n.text())));
    out.push(format!("{:?}", r.shape));
    out
}

/// A detail or note with its masked parts made equal in the original and the copy.
fn scrubbed(s: &str) -> String {
    redact(s).text
}

#[test]
fn every_har_copy_is_json_and_diagnoses_the_same() {
    let hars: Vec<(PathBuf, String)> =
        all_fixtures().into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "har")).collect();
    assert!(hars.len() > 50, "{} HAR fixtures", hars.len());
    let mut masked = 0;
    for (path, text) in &hars {
        let copy = redact(text);
        masked += copy.summary.total();
        let original: Result<serde_json::Value, _> = serde_json::from_str(text);
        if original.is_ok() {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&copy.text);
            assert!(parsed.is_ok(), "{}: the copy is not JSON: {:?}", path.display(), parsed.err());
        }
        assert_eq!(gist(&diagnose(text)), gist(&diagnose(&copy.text)), "{}", path.display());
    }
    assert!(masked > 0, "the HAR fixtures hold Authorization headers");
}

#[test]
fn every_fixture_diagnoses_the_same() {
    for (path, text) in all_fixtures() {
        let copy = redact(&text);
        assert_eq!(gist(&diagnose(&text)), gist(&diagnose(&copy.text)), "{}", path.display());
    }
}

/// A small well-formedness check: tags nest and match, attributes are quoted, `<` and `&` in
/// text are markup or entities.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find(['<', '&']) {
        let text = &rest[..lt];
        if text.contains('>') && !stack.is_empty() && text.contains("]]>") {
            return Err(format!("stray ]]> in {text:?}"));
        }
        rest = &rest[lt..];
        if rest.starts_with('&') {
            let semi = rest.find(';').ok_or("& without ;")?;
            let name = &rest[1..semi];
            let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") || name.starts_with('#') && name.len() > 1;
            if !ok {
                return Err(format!("bad entity &{name};"));
            }
            rest = &rest[semi + 1..];
            continue;
        }
        let gt = rest.find('>').ok_or("< without >")?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split_whitespace().next().ok_or("empty tag")?;
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let eq = attrs.find('=').ok_or(format!("attribute without value in <{tag}>"))?;
            let v = attrs[eq + 1..].trim_start();
            let q =
                v.chars().next().filter(|c| *c == '"' || *c == '\'').ok_or(format!("unquoted attribute in <{tag}>"))?;
            let close = v[1..].find(q).ok_or("unclosed attribute")?;
            if v[1..1 + close].contains('<') {
                return Err("< in an attribute".into());
            }
            attrs = v[close + 2..].trim_start();
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}

#[test]
fn xml_stays_well_formed() {
    let xml = std::fs::read_to_string(fixtures_dir().join("secrets/body.xml")).unwrap();
    assert_eq!(well_formed(&xml), Ok(()));
    let copy = redact(&xml).text;
    assert_eq!(well_formed(&copy), Ok(()), "{copy}");
    assert!(copy.contains("<AccountKey>REDACTED</AccountKey>"), "{copy}");
    assert!(copy.contains("token=\"REDACTED\""), "{copy}");
    assert!(copy.contains("&amp;se=2030-01-01&amp;sig=REDACTED</Url>"), "{copy}");
    assert!(copy.contains("<Code>AuthenticationFailed</Code>"), "{copy}");
    let mut checked = 0;
    for (path, text) in all_fixtures() {
        let body = text.trim_start();
        if (path.extension().is_some_and(|e| e == "xml") || body.starts_with("<?xml")) && well_formed(body).is_ok() {
            assert_eq!(well_formed(redact(body).text.as_str()), Ok(()), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn har_specifics() {
    let har = std::fs::read_to_string(fixtures_dir().join("secrets/capture.har")).unwrap();
    let copy = redact(&har);
    let doc: serde_json::Value = serde_json::from_str(&copy.text).unwrap();
    let e = &doc["log"]["entries"];
    let req = &e[0]["request"];
    assert_eq!(req["cookies"][0]["name"], "ARRAffinity");
    assert_eq!(req["cookies"][0]["value"], "REDACTED");
    assert_eq!(req["cookies"][0]["domain"], "contoso-usea.streaming.media.azure.net");
    assert_eq!(req["headers"][1]["value"], "Bearer REDACTED");
    assert_eq!(req["headers"][2]["value"], "ARRAffinity=REDACTED; ai_user=REDACTED");
    assert_eq!(req["headers"][4]["value"], "0a1b2c3d-1111-4a1b-8c9d-0e1f2a3b4c5d");
    assert_eq!(req["queryString"][1]["value"], "2030-01-01");
    assert_eq!(req["queryString"][2]["value"], "REDACTED");
    let url = req["url"].as_str().unwrap();
    assert!(url.ends_with("?sv=2022-11-02&se=2030-01-01&sig=REDACTED&token=REDACTED"), "{url}");
    let resp = &e[0]["response"];
    assert_eq!(
        resp["headers"][1]["value"],
        "ARRAffinity=REDACTED; Path=/; HttpOnly\nsid=REDACTED; Secure; SameSite=None"
    );
    assert_eq!(resp["headers"][2]["value"], "MPE_STORAGE_AUTHENTICATION_FAILED");
    assert_eq!(resp["cookies"][1]["expires"], "2030-01-01T00:00:00.000Z");
    assert_eq!(e[0]["serverIPAddress"], "20.42.65.92");
    let post = &e[1]["request"]["postData"];
    assert!(post["text"]
        .as_str()
        .unwrap()
        .starts_with("grant_type=password&username=ops%40contoso.com&password=REDACTED&"));
    assert_eq!(post["params"][1]["value"], "REDACTED");
    assert_eq!(post["params"][0]["value"], "password", "grant_type's value is not a secret");
    let body = e[1]["response"]["content"]["text"].as_str().unwrap();
    assert!(body.contains(r#""access_token": "REDACTED""#), "{body}");
    assert_eq!(e[2]["response"]["content"]["text"], "REDACTED", "the content key");
    assert_eq!(e[2]["response"]["content"]["encoding"], "base64");
    let playlist = e[3]["response"]["content"]["text"].as_str().unwrap();
    assert!(playlist.contains("&token=REDACTED\",KEYFORMAT"), "{playlist}");
    assert!(copy.summary.count(Kind::KeyDelivery) == 1, "{}", copy.summary);
    // With --ip, the client side's addresses go, the server's stays.
    let with_ip = redact_with("client 10.1.2.3 via 2001 to 192.168.0.10:443; Chrome/120.0.0.0", Options { ip: true });
    assert_eq!(with_ip.text, "client 0.0.0.0 via 2001 to 0.0.0.0:443; Chrome/120.0.0.0");
    assert_eq!(with_ip.summary.count(Kind::Ip), 2);
    let har_ip = redact_with(&har, Options { ip: true }).text;
    assert!(har_ip.contains("\"serverIPAddress\": \"20.42.65.92\""));
}

#[test]
fn text_without_secrets_passes_byte_for_byte() {
    let mut identical = 0;
    for (path, text) in all_fixtures() {
        let copy = redact(&text);
        if copy.summary.total() == 0 {
            assert_eq!(copy.text, text, "{}", path.display());
            identical += 1;
        }
        // What is already masked stays as it is.
        let again = redact(&copy.text);
        assert_eq!(again.text, copy.text, "{}", path.display());
        assert_eq!(again.summary.total(), 0, "{}: {}", path.display(), again.summary);
    }
    assert!(identical > 100, "{identical}");
}

/// Pieces of captures, secret-looking or not.
fn noise() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z]{1,8}",
            "[0-9]{1,4}",
            "[ \n\t,;:=&?/.]{1,3}",
            Just("sig=".to_string()),
            Just("%3D".to_string()),
            Just("%26".to_string()),
            Just("%2B".to_string()),
            Just("%25".to_string()),
            Just("\\u0026".to_string()),
            Just("\\\"".to_string()),
            Just("\\/".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("<".to_string()),
            Just(">".to_string()),
            Just("{\"name\":\"Cookie\",\"value\":\"".to_string()),
            Just("\"cookies\":[{".to_string()),
            Just("Authorization: ".to_string()),
            Just("Set-Cookie: a=b; Path=/".to_string()),
            Just("Bearer ".to_string()),
            Just("eyJhbGciOiJIUzI1NiJ9.".to_string()),
            Just("AccountKey=".to_string()),
            Just("x-ms-encryption-key".to_string()),
            Just("10.0.0.1".to_string()),
            Just("{".to_string()),
            Just("[".to_string()),
            Just("]}".to_string()),
            Just("é€😀".to_string()),
            Just("REDACTED".to_string()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// Pieces that name no secret.
fn plain_noise() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z]{1,8}",
            "[0-9]{1,6}",
            "[ \n\t,;:=&?/.]{1,3}",
            Just("se=2030-01-01".to_string()),
            Just("sv=2022-11-02".to_string()),
            Just("%2F".to_string()),
            Just("\\u0026".to_string()),
            Just("\\/".to_string()),
            Just("{\"name\":\"Accept\",\"value\":\"*/*\"}".to_string()),
            Just("x-ms-error-code: MPE_FRAGMENT_NOT_READY".to_string()),
            Just("x-ms-request-id: 7a6b".to_string()),
            Just("<hresult>0x80890200</hresult>".to_string()),
            Just("\"status\": 412".to_string()),
            Just("HTTP/1.1 403 Forbidden".to_string()),
            Just("/video.ism/manifest(format=m3u8-cmaf)".to_string()),
            Just("é€😀".to_string()),
            Just("\"".to_string()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn fractions_to_cuts(len: usize, fr: &[f64]) -> Vec<usize> {
    fr.iter().map(|f| ((len as f64) * f) as usize).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_split_of_noise_gives_the_same_copy(text in noise(), fr in prop::collection::vec(0.0f64..1.0, 0..8), json in any::<bool>(), ip in any::<bool>()) {
        let text = if json { format!("{{\"log\":{{\"entries\":[{text}") } else { text };
        let options = Options { ip };
        let whole = redact_with(&text, options);
        let (split, summary) = redact_split(text.as_bytes(), &fractions_to_cuts(text.len(), &fr), options);
        prop_assert_eq!(String::from_utf8(split).unwrap(), whole.text.clone());
        prop_assert_eq!(summary, whole.summary);
    }

    #[test]
    fn any_bytes_split_anywhere_are_total(bytes in prop::collection::vec(any::<u8>(), 0..400), fr in prop::collection::vec(0.0f64..1.0, 0..6)) {
        let (a, sa) = redact_split(&bytes, &[], Options::default());
        let (b, sb) = redact_split(&bytes, &fractions_to_cuts(bytes.len(), &fr), Options::default());
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&sa, &sb);
        if sa.total() == 0 {
            prop_assert_eq!(a, bytes);
        }
    }

    #[test]
    fn text_without_secrets_is_unchanged(text in plain_noise(), json in any::<bool>()) {
        let text = if json { format!("{{\"log\":[{text}") } else { text };
        let r = redact(&text);
        prop_assert_eq!(r.summary.total(), 0);
        prop_assert_eq!(r.text, text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_split_of_a_fixture_gives_the_same_copy(pick in 0usize..400, fr in prop::collection::vec(0.0f64..1.0, 1..12)) {
        let all = all_fixtures();
        let (_, text) = &all[pick % all.len()];
        let whole = redact(text);
        let (split, summary) = redact_split(text.as_bytes(), &fractions_to_cuts(text.len(), &fr), Options::default());
        prop_assert_eq!(String::from_utf8(split).unwrap(), whole.text);
        prop_assert_eq!(summary, whole.summary);
    }
}

#[test]
fn byte_by_byte_is_the_same_as_whole() {
    for (path, text) in corpus() {
        let cuts: Vec<usize> = (1..text.len()).collect();
        let (split, _) = redact_split(text.as_bytes(), &cuts, Options { ip: true });
        assert_eq!(
            String::from_utf8(split).unwrap(),
            redact_with(&text, Options { ip: true }).text,
            "{}",
            path.display()
        );
    }
}

#[test]
fn hostile_shapes_are_bounded() {
    for text in [
        "[".repeat(100_000),
        "\"".repeat(100_000),
        "a".repeat(1_000_000),
        "eyJ".repeat(100_000),
        "sig=".repeat(100_000),
        format!("Cookie: {}", "a=b; ".repeat(100_000)),
        format!("Authorization: Bearer {}", "x".repeat(1_000_000)),
        format!("{{\"a\":\"{}", "\\u00".repeat(100_000)),
        "%25".repeat(100_000),
    ] {
        let (split, _) =
            redact_split(text.as_bytes(), &fractions_to_cuts(text.len(), &[0.1, 0.5, 0.9]), Options::default());
        assert_eq!(String::from_utf8(split).unwrap(), redact(&text).text);
    }
}
