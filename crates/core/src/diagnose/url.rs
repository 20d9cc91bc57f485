//! Recognises streaming-endpoint URLs (`*.streaming.media.azure.net`, the older
//! `*.streaming.mediaservices.windows.net`, or any host with an `.ism` path): the locator GUID,
//! `format=` and `encryption=`, and adds notes where they bear on an error found (no
//! `encryption=` behind `MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL` for a CMAF format, an unknown
//! format behind a 400, …). Also gives URLs for display, without their query string. No DOM here.

use std::ops::Range;

use super::clip;
use super::text::upto;
use crate::notes::NoteKind;
use crate::report::Shape;

/// Output formats the origin knows.
pub(crate) const FORMATS: &[&str] = &[
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
pub(crate) const ENCRYPTIONS: &[&str] = &["cenc", "cbcs", "cbcs-aapl", "cbc", "cbc-aapl"];

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
    let end = upto(rest, b"/?:#");
    rest.get(..end).filter(|h| !h.is_empty())
}

/// A URL for people: without query string or fragment, at most 160 bytes.
pub fn display(u: &str) -> String {
    let cut = upto(u, b"?#");
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

/// The value of `name` (`format=`) among a URL's parameters.
pub(crate) fn param<'a>(u: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = u.get(from..).and_then(|r| r.find(name)) {
        let at = from + at;
        from = at + name.len();
        let before = at.checked_sub(1).and_then(|i| u.as_bytes().get(i));
        if before.is_none_or(|b| matches!(b, b'(' | b',' | b'?' | b'&' | b'/')) {
            let rest = u.get(from..)?;
            let end = upto(rest, b",)&/#");
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
    while let Some(at) = super::text::find_from(text, from, "://") {
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

/// The URLs to look at: those a reader knew mattered (`spans`), else every URL of the text;
/// 2,000 at most.
pub(crate) fn listed<'a>(text: &'a str, spans: Option<&[Range<usize>]>) -> Vec<&'a str> {
    match spans {
        Some(spans) => spans.iter().take(2000).filter_map(|s| text.get(s.clone())).collect(),
        None => urls(text, 2000),
    }
}

/// Notes on the `listed` URLs, and how they bear on `found`, the names of the entries found.
pub(crate) fn notes(shape: Shape, found: &[&str], listed: &[&str]) -> Vec<NoteKind> {
    let has = |n: &str| found.contains(&n);
    let mut out = Vec::new();
    let mut first = true;
    for &u in listed {
        let Some(s) = parse(u) else { continue };
        if first && (shape == Shape::Url || !found.is_empty()) {
            first = false;
            out.push(NoteKind::StreamingUrl {
                host: clip(s.host, 100),
                locator: s.locator.map(str::to_string),
                format: s.format.map(str::to_string),
                encryption: s.encryption.map(str::to_string),
            });
        }
        let cmaf = s.format.is_some_and(|f| f.contains("cmaf"));
        if s.encryption.is_none() && has("MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL") {
            out.push(NoteKind::EncryptionTagMissing { format: s.format.map(str::to_string), cmaf });
        }
        if s.encryption.is_none() && has("MPE_ENC_ENCRYPTION_REQUIRED") {
            out.push(NoteKind::EncryptionRequired);
        }
        if let Some(f) = s.format.filter(|f| !FORMATS.iter().any(|k| k.eq_ignore_ascii_case(f))) {
            if has("MPE_BAD_URL_SYNTAX")
                || has("400")
                || has("MPE_OUTPUT_FORMAT_NOT_SUPPORTED")
                || has("MPE_FORMAT_NOT_SUPPORTED")
            {
                out.push(NoteKind::UnknownFormat(clip(f, 40)));
            }
        }
        if let Some(e) = s.encryption.filter(|e| !ENCRYPTIONS.iter().any(|k| k.eq_ignore_ascii_case(e))) {
            out.push(NoteKind::UnknownEncryption(clip(e, 40)));
        }
        if s.locator.is_none() && (has("404") || has("MPE_RESOURCE_NOT_FOUND")) {
            out.push(NoteKind::NoLocator);
        }
        if has("MPE_OUTPUT_FORMAT_BLOCKED") {
            if let Some(f) = s.format {
                out.push(NoteKind::FormatBlocked(clip(f, 40)));
            }
        }
    }
    out
}
