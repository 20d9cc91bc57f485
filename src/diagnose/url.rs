//! Recognises streaming-endpoint URLs (`*.streaming.media.azure.net`, the older
//! `*.streaming.mediaservices.windows.net`, or any host with an `.ism` path): the locator GUID,
//! `format=` and `encryption=`, and adds notes where they bear on an error found (no
//! `encryption=` behind `MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL` for a CMAF format, an unknown
//! format behind a 400, …). Also gives URLs for display, without their query string. No DOM here.

use super::{clip, Ctx};
use crate::report::{Level, Shape};

/// Output formats the origin knows.
const FORMATS: &[&str] = &[
    "m3u8-aapl",
    "m3u8-aapl-v3",
    "m3u8-aapl-v4",
    "m3u8-aapl-v7",
    "m3u8-cmaf",
    "mpd-time-csf",
    "mpd-time-cmaf",
    "mpd-time-csf-v3",
    "fmp4",
];
/// Encryption tags the origin knows.
const ENCRYPTIONS: &[&str] = &["cenc", "cbcs", "cbcs-aapl", "cbc", "cbc-aapl"];

/// What a streaming URL says.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct StreamingUrl<'a> {
    /// The host name.
    pub host: &'a str,
    /// The locator id (first path segment), when it is a GUID.
    pub locator: Option<&'a str>,
    /// The `format=` value.
    pub format: Option<&'a str>,
    /// The `encryption=` value.
    pub encryption: Option<&'a str>,
}

/// The host of a URL (`scheme://host[:port]/…`).
pub fn host(u: &str) -> Option<&str> {
    let rest = u.split_once("://")?.1;
    let end = rest.find(['/', '?', ':', '#']).unwrap_or(rest.len());
    rest.get(..end).filter(|h| !h.is_empty())
}

/// A URL for people: without query string or fragment, at most 160 bytes.
pub fn display(u: &str) -> String {
    let cut = u.find(['?', '#']).unwrap_or(u.len());
    clip(u.get(..cut).unwrap_or_default(), 160)
}

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(
            |(i, b)| {
                if matches!(i, 8 | 13 | 18 | 23) {
                    b == b'-'
                } else {
                    b.is_ascii_hexdigit()
                }
            },
        )
}

fn param<'a>(u: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = u.get(from..).and_then(|r| r.find(name)) {
        let at = from + at;
        from = at + name.len();
        let before = at.checked_sub(1).and_then(|i| u.as_bytes().get(i));
        if before.is_none_or(|b| matches!(b, b'(' | b',' | b'?' | b'&' | b'/')) {
            let rest = u.get(from..)?;
            let end = rest.find([',', ')', '&', '/', '#']).unwrap_or(rest.len());
            return rest.get(..end);
        }
    }
    None
}

/// Parse a streaming-endpoint URL; `None` for any other URL.
pub fn parse(u: &str) -> Option<StreamingUrl<'_>> {
    let host = host(u)?;
    let lower = host.to_ascii_lowercase();
    let path = u.split_once("://")?.1.get(host.len()..).unwrap_or_default();
    let ams_host = lower.ends_with(".streaming.media.azure.net")
        || lower.ends_with(".streaming.mediaservices.windows.net")
        || lower.contains(".streaming.media.");
    let other = lower.ends_with(".blob.core.windows.net") || lower.contains(".channel.media.");
    let ism = path.contains(".ism/") || path.ends_with(".ism") || path.contains(".ism?");
    if other || (!ams_host && !ism) {
        return None;
    }
    let locator = path.trim_start_matches('/').split('/').next().filter(|s| is_guid(s));
    Some(StreamingUrl { host, locator, format: param(u, "format="), encryption: param(u, "encryption=") })
}

/// URLs in the text (at most `max`), as found.
fn urls(text: &str, max: usize) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|h| h.find("://")) {
        let at = from + at;
        let mut s = at;
        while s > 0 && at - s < 8 && b.get(s - 1).is_some_and(u8::is_ascii_alphabetic) {
            s -= 1;
        }
        let mut e = at + 3;
        while e < b.len()
            && e - s < 2048
            && !matches!(b.get(e), Some(b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\'))
        {
            e += 1;
        }
        from = e.max(at + 3);
        if let Some(u) = text.get(s..e).filter(|_| s < at) {
            out.push(u.trim_end_matches([',', '.', ';']));
        }
        if out.len() >= max {
            break;
        }
    }
    out
}

/// Notes on the streaming URLs of the text, and how they bear on what was found.
pub(crate) fn read(cx: &mut Ctx<'_>, shape: Shape) {
    let found: Vec<&str> = cx.hits.iter().filter_map(|h| h.subject.entry()).map(|e| e.name).collect();
    let has = |n: &str| found.contains(&n);
    let mut first = true;
    let listed: Vec<&str> = match &cx.urls {
        Some(spans) => spans.iter().take(2000).filter_map(|s| cx.text.get(s.clone())).collect(),
        None => urls(cx.text, 2000),
    };
    for u in listed {
        let Some(s) = parse(u) else { continue };
        if first && (shape == Shape::Url || !found.is_empty()) {
            first = false;
            let loc = s.locator.map_or("no locator GUID in the path".to_string(), |l| format!("locator {l}"));
            let fmt = s.format.map_or("no format= (Smooth Streaming)".to_string(), |f| format!("format={f}"));
            let enc = s.encryption.map_or("no encryption=".to_string(), |e| format!("encryption={e}"));
            cx.note(Level::Info, format!("Streaming URL on {}: {loc}, {fmt}, {enc}.", clip(s.host, 100)), None);
        }
        let cmaf = s.format.is_some_and(|f| f.contains("cmaf"));
        if s.encryption.is_none() && has("MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL") {
            let why = if cmaf {
                "CMAF requests must name one"
            } else {
                "a policy with more than one encryption needs it to choose"
            };
            cx.note(Level::Warning, format!("The URL asks for format={} with no encryption= tag: {why} (for example encryption=cbcs-aapl for FairPlay HLS, encryption=cenc for PlayReady or Widevine DASH).", s.format.unwrap_or("(none)")), None);
        }
        if s.encryption.is_none() && has("MPE_ENC_ENCRYPTION_REQUIRED") {
            cx.note(Level::Warning, "The URL names no encryption=, but the streaming policy only allows encrypted delivery: add the encryption the policy uses, and configure the player with its license or key URL.".into(), None);
        }
        if let Some(f) = s.format.filter(|f| !FORMATS.iter().any(|k| k.eq_ignore_ascii_case(f))) {
            if has("MPE_BAD_URL_SYNTAX")
                || has("400")
                || has("MPE_OUTPUT_FORMAT_NOT_SUPPORTED")
                || has("MPE_FORMAT_NOT_SUPPORTED")
            {
                cx.note(Level::Warning, format!("format={} is not a format the origin knows (m3u8-aapl, m3u8-cmaf, mpd-time-csf, mpd-time-cmaf).", clip(f, 40)), None);
            }
        }
        if let Some(e) = s.encryption.filter(|e| !ENCRYPTIONS.iter().any(|k| k.eq_ignore_ascii_case(e))) {
            cx.note(
                Level::Warning,
                format!("encryption={} is not a tag the origin knows (cenc, cbcs, cbcs-aapl, cbc).", clip(e, 40)),
                None,
            );
        }
        if s.locator.is_none() && (has("404") || has("MPE_RESOURCE_NOT_FOUND")) {
            cx.note(Level::Warning, "The URL's first path segment is not a locator GUID: check that it is the streaming locator's path, and that the locator still exists and has not expired.".into(), None);
        }
        if has("MPE_OUTPUT_FORMAT_BLOCKED") {
            if let Some(f) = s.format {
                cx.note(Level::Warning, format!("format={} is blocked by the locator's streaming policy: enable that protocol in the policy, or request another format.", clip(f, 40)), None);
            }
        }
    }
}
