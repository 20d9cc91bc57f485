//! Reads player console output: Shaka (`Shaka Error NETWORK.BAD_HTTP_STATUS (uri,status,…)`,
//! and `{category, code: 1001, data: [uri, status, …]}` objects; 1002 HTTP_ERROR, 1003 TIMEOUT
//! and 6xxx DRM become notes), hls.js (`response: {code: 403}`; status 0 means CORS or network),
//! video.js `MEDIA_ERR_*`, and Azure Media Player codes, whose bits 27-20 give the category and,
//! for network errors, the low bits the HTTP status (`0x20200194` is a 404). dash.js and other
//! `status: 404` forms are left to the scanner's status contexts. No DOM here.

use std::ops::Range;

use super::url::display;
use super::{clip, Ctx};
use crate::report::{Level, Source};

/// Every occurrence of `needle` (case-sensitive), at most `max`.
fn find_all(text: &str, needle: &str, max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|h| h.find(needle)) {
        out.push(from + at);
        from += at + needle.len();
        if out.len() >= max {
            break;
        }
    }
    out
}

/// The run of ASCII digits at `i` (after optional spaces), as a span.
fn digits_at(b: &[u8], mut i: usize) -> Range<usize> {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let s = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) && i - s < 12 {
        i += 1;
    }
    s..i
}

/// Read the player logs in the context's text.
pub(crate) fn read(cx: &mut Ctx<'_>) {
    shaka(cx);
    hlsjs(cx);
    videojs(cx);
    amp(cx);
}

fn shaka(cx: &mut Ctx<'_>) {
    let text = cx.text;
    let b = text.as_bytes();
    for at in find_all(text, "BAD_HTTP_STATUS (", 1000) {
        let s = at + "BAD_HTTP_STATUS (".len();
        let rest = text.get(s..).unwrap_or_default();
        let Some(comma) = rest.get(..rest.len().min(4096)).and_then(|r| r.find(',')) else {
            continue;
        };
        let uri = rest.get(..comma).unwrap_or_default();
        let span = digits_at(b, s + comma + 1);
        if let Some(code) = super::status_at(text, span.clone()) {
            cx.status(code, span, Source::PlayerLog, Some(format!("Shaka 1001 BAD_HTTP_STATUS on {}", display(uri))));
        }
    }
    // Object form: {"severity":2,"category":1,"code":1001,"data":["uri",404,…]}
    for at in find_all(text, "1001", 1000) {
        let before = b.get(at.saturating_sub(12)..at).unwrap_or_default();
        if !before.windows(4).any(|w| w.eq_ignore_ascii_case(b"code")) || b.get(at + 4).is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        let window = text.get(at..super::floor_char_boundary(text, at + 2048)).unwrap_or_default();
        let Some(d) = window.find("data") else {
            continue;
        };
        let mut i = at + d + 4;
        while matches!(b.get(i), Some(b'"' | b'\'' | b':' | b' ' | b'[' | b'\n' | b'\r' | b'\t')) && i < at + d + 24 {
            i += 1;
        }
        let Some(&quote) = b.get(i.wrapping_sub(1)).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let Some(len) = b.get(i..(i + 2048).min(b.len())).and_then(|r| r.iter().position(|x| *x == quote)) else {
            continue;
        };
        let uri = text.get(i..i + len).unwrap_or_default();
        let mut i = i + len + 1;
        while matches!(b.get(i), Some(b',' | b' ' | b'\n' | b'\r' | b'\t')) {
            i += 1;
        }
        let span = digits_at(b, i);
        if let Some(code) = super::status_at(text, span.clone()) {
            cx.status(code, span, Source::PlayerLog, Some(format!("Shaka 1001 BAD_HTTP_STATUS on {}", display(uri))));
        }
    }
    let said = |n: &str| text.contains(n);
    if said("HTTP_ERROR") || (said("1002") && said("shaka")) {
        cx.note(Level::Warning, "Shaka 1002 HTTP_ERROR: the request failed without an HTTP answer (CORS refusal, mixed content, DNS, offline). Check the streaming endpoint's CORS settings and the browser console.".into(), None);
    }
    if said("NETWORK.TIMEOUT") {
        cx.note(Level::Warning, "Shaka 1003 TIMEOUT: the request got no answer in time; check the network, and the streaming endpoint's scale units or CDN.".into(), None);
    }
    if let Some(at) = text.find("Shaka Error DRM.") {
        let name = text.get(at + 16..).unwrap_or_default();
        let name = name
            .get(..name.find(|c: char| !(c.is_ascii_uppercase() || c == '_')).unwrap_or(name.len()))
            .unwrap_or_default();
        cx.note(Level::Warning, format!("Shaka DRM error {}: the key system or licence request failed; check the content key policy, the licence URL and its token.", clip(name, 60)), None);
    }
}

fn hlsjs(cx: &mut Ctx<'_>) {
    let text = cx.text;
    let b = text.as_bytes();
    for at in find_all(text, "response", 1000) {
        let window = b.get(at + 8..(at + 40).min(b.len())).unwrap_or_default();
        let Some(c) = window.windows(4).position(|w| w == b"code") else {
            continue;
        };
        let mut i = at + 8 + c + 4;
        while matches!(b.get(i), Some(b'"' | b'\'' | b':' | b' ')) {
            i += 1;
        }
        let span = digits_at(b, i);
        if text.get(span.clone()) == Some("0") {
            cx.note(Level::Warning, "The player saw status 0: the browser got no HTTP answer it could read, usually a CORS refusal, mixed content (http on an https page), DNS or a dropped connection.".into(), Some(span));
        } else if let Some(code) = super::status_at(text, span.clone()) {
            let what = ["manifestLoadError", "levelLoadError", "fragLoadError", "keyLoadError", "audioTrackLoadError"]
                .into_iter()
                .find(|d| text.contains(d));
            cx.status(code, span, Source::PlayerLog, what.map(|w| format!("hls.js {w}")));
        }
    }
}

fn videojs(cx: &mut Ctx<'_>) {
    if cx.text.contains("blocked by CORS policy") {
        cx.note(Level::Warning, "The browser blocked a request by CORS policy: add the player's origin to the streaming endpoint's CORS settings (crossSiteAccessPolicies / CORS rules), or serve the player from an allowed origin.".into(), None);
    }
    const ERRS: &[(&str, &str)] = &[
        ("MEDIA_ERR_ABORTED", "the player aborted the fetch (often the user, or a new source)"),
        ("MEDIA_ERR_NETWORK", "a network error stopped the download part-way: look for the failing request's status"),
        ("MEDIA_ERR_DECODE", "the media could not be decoded: a codec or a corrupt segment"),
        (
            "MEDIA_ERR_SRC_NOT_SUPPORTED",
            "the source could not be loaded: the request failed (status, CORS) or the format is not supported",
        ),
        ("MEDIA_ERR_ENCRYPTED", "the media is encrypted and the player has no key: check DRM or AES key delivery"),
    ];
    for (name, meaning) in ERRS {
        if cx.text.contains(name) {
            cx.note(Level::Info, format!("{name}: {meaning}."), None);
        }
    }
}

/// Azure Media Player: `0x` codes with bits 27-20 a category (1 aborted .. 6 player mismatch).
fn amp(cx: &mut Ctx<'_>) {
    let text = cx.text;
    let b = text.as_bytes();
    let context = ["amp", "AMP", "Azure Media Player", "azuremediaplayer"].iter().any(|k| text.contains(k));
    for at in find_all(text, "0x", 10_000) {
        let s = at + 2;
        let mut e = s;
        while b.get(e).is_some_and(u8::is_ascii_hexdigit) && e - s <= 8 {
            e += 1;
        }
        if e - s < 7 || e - s > 8 || b.get(e).is_some_and(|x| x.is_ascii_alphanumeric()) || cx.is_claimed(at) {
            continue;
        }
        let Some(v) = text.get(s..e).and_then(|h| u32::from_str_radix(h, 16).ok()) else {
            continue;
        };
        let (tech, cat, low) = (v >> 28, (v >> 20) & 0xFF, v & 0xF_FFFF);
        if tech > 6 || !(1..=6).contains(&cat) || !(context || (tech >= 1 && cat == 2)) {
            continue;
        }
        let techs = ["Unknown", "AMP", "AzureHtml5JS", "FlashSS", "SilverlightSS", "Html5", "Html5FairPlayHLS"];
        let tech = techs.get(tech as usize).copied().unwrap_or("Unknown");
        let code = clip(text.get(at..e).unwrap_or_default(), 12);
        match (cat, low) {
            (2, 0x190..=0x1F8) => {
                let status = 400 + (low - 0x190) as u16;
                let detail = format!("Azure Media Player {code} ({tech}): HTTP {status}");
                if !cx.status(status, at..e, Source::PlayerLog, Some(detail)) {
                    continue;
                }
            }
            _ => {
                let what = match (cat, low) {
                    (1, 2) => "mixed content blocked: an http:// stream on an https:// page",
                    (1, _) => "playback aborted",
                    (2, 0x258) => "network timeout",
                    (2, _) => "network error without an HTTP status (connection, CORS)",
                    (3, _) => "decode error",
                    (4, _) => "source not supported or could not be parsed",
                    (5, _) => "encryption error: decrypter, key or licence acquisition failed",
                    _ => "no tech player matches the source",
                };
                cx.note(Level::Info, format!("Azure Media Player {code} ({tech}): {what}."), None);
            }
        }
    }
}
