//! Reads error bodies that arrive escaped: an origin XML or JSON error inside a JSON or JS string
//! (`\"`, `\u003c`, `\x3c`, `\r\n`), URL-encoded (`%3Chresult%3E`, a streaming URL in a query
//! parameter) or HTML-escaped (`&lt;hresult&gt;`). Each line that holds such escapes is decoded
//! (twice at most, for text escaped twice) with a map from every decoded byte back to the text,
//! read by the XML, JSON and token readers, and what they find is mapped back, so spans point at
//! the escaped text itself. Also decodes base64 (HAR bodies with `"encoding": "base64"`).
//! No DOM here.

use std::ops::Range;

use super::found::{Finds, Hit, Lookups};
use super::text::skip_until;
use super::{json, scan, xml, Input};
use crate::report::Source;

/// Escapes that hide markup itself (`<`) from the XML reader.
const HIDING: &[&str] = &["\\u003c", "\\u003C", "\\x3c", "\\x3C", "%3C", "%3c", "&lt;"];

/// Escaped quotes: tags stay legible, but JSON inside a JSON string is only read once decoded.
const QUOTES: &[&str] = &["\\\"", "%22"];

/// The first place in `from..end` of `b` where one of `markers` starts: one pass that stops only
/// at the bytes an escape can start with.
fn next_marker(b: &[u8], mut from: usize, end: usize, markers: &[&[&str]]) -> Option<usize> {
    while from < end {
        let at = skip_until(b, from, end, b"\\%&");
        if at >= end {
            return None;
        }
        if markers.iter().flat_map(|m| m.iter()).any(|m| b.get(at..at + m.len()) == Some(m.as_bytes())) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether `range` of `text` holds markup hidden by escapes (`\u003chresult\u003e`, `%3C`).
pub(crate) fn hides_markup(text: &str, range: Range<usize>) -> bool {
    next_marker(text.as_bytes(), range.start, range.end.min(text.len()), &[HIDING]).is_some()
}

/// Decoded text read at most per paste, so a paste of escapes stays cheap.
const MAX_DECODED: usize = 1 << 20;

/// A decoded text and, for each of its bytes (and its end), the offset in the original text.
pub(crate) struct Decoded {
    pub text: String,
    map: Vec<usize>,
}

impl Decoded {
    /// The original span of decoded `span`.
    pub(crate) fn original(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let start = *self.map.get(span.start)?;
        let end = *self.map.get(span.end)?;
        (start < end).then_some(start..end)
    }
}

fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// The character an escape at `b[i..]` stands for, and the escape's length.
fn unescape(b: &[u8], i: usize) -> Option<(char, usize)> {
    let at = |k: usize| b.get(i + k).copied().unwrap_or_default();
    let hexes = |from: usize, n: usize| -> Option<u32> {
        (0..n).try_fold(0u32, |acc, k| hex(at(from + k)).map(|d| acc * 16 + d))
    };
    match at(0) {
        b'\\' => match at(1) {
            b'u' => char::from_u32(hexes(2, 4)?).map(|c| (c, 6)),
            b'x' => char::from_u32(hexes(2, 2)?).map(|c| (c, 4)),
            b'n' => Some(('\n', 2)),
            b'r' => Some(('\r', 2)),
            b't' => Some(('\t', 2)),
            c @ (b'"' | b'\'' | b'\\' | b'/') => Some((c as char, 2)),
            _ => None,
        },
        b'%' => char::from_u32(hexes(1, 2)?).filter(char::is_ascii).map(|c| (c, 3)),
        b'&' => [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&amp;", '&'), ("&#39;", '\'')]
            .iter()
            .find(|(e, _)| b.get(i..i + e.len()) == Some(e.as_bytes()))
            .map(|(e, c)| (*c, e.len())),
        _ => None,
    }
}

/// Decode `range` of `text` once. `None` when nothing in it was an escape.
fn decode_once(text: &str, range: Range<usize>, outer: Option<&[usize]>) -> Option<Decoded> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(range.len());
    let mut map = Vec::with_capacity(range.len() + 1);
    let origin = |i: usize| outer.map_or(i, |m| m.get(i).copied().unwrap_or_default());
    let mut i = range.start;
    let mut any = false;
    while i < range.end {
        if let Some((c, len)) = unescape(b, i).filter(|(_, len)| i + len <= range.end) {
            any = true;
            let o = origin(i);
            for _ in 0..c.len_utf8() {
                map.push(o);
            }
            out.push(c);
            i += len;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        for k in 0..c.len_utf8() {
            map.push(origin(i + k));
        }
        out.push(c);
        i += c.len_utf8();
    }
    map.push(origin(range.end));
    any.then_some(Decoded { text: out, map })
}

/// Decode `range` of `text`, and the result again if it still holds escapes (text escaped twice).
pub(crate) fn decode(text: &str, range: Range<usize>) -> Option<Decoded> {
    let once = decode_once(text, range, None)?;
    if next_marker(once.text.as_bytes(), 0, once.text.len(), &[HIDING, QUOTES]).is_none() {
        return Some(once);
    }
    match decode_once(&once.text, 0..once.text.len(), Some(&once.map)) {
        Some(twice) => Some(twice),
        None => Some(once),
    }
}

/// The lines of the text that hold a marker, in order: one pass, stopping only at the bytes an
/// escape starts with.
fn marked_lines(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut budget = MAX_DECODED;
    let mut i = 0;
    while let Some(at) = next_marker(b, i, b.len(), &[HIDING, QUOTES]) {
        let start = b.get(..at).and_then(|h| h.iter().rposition(|x| *x == b'\n')).map_or(0, |p| p + 1);
        let end = b.get(at..).and_then(|t| t.iter().position(|x| *x == b'\n')).map_or(b.len(), |p| at + p);
        if end - start > budget {
            break;
        }
        budget -= end - start;
        out.push(start..end);
        i = end;
    }
    out
}

/// Read what the lines holding escapes say once decoded.
pub(crate) fn read(input: &Input<'_>) -> Finds {
    let mut out = Finds::default();
    for line in marked_lines(input.text) {
        let Some(d) = decode(input.text, line) else { continue };
        out.absorb(read_decoded(&d, Source::XmlBody, None));
    }
    out
}

/// Read a decoded text with the body readers, mapping every span back. `source` names what the
/// XML reader finds; `None` lets the scanner name the rest by their line.
pub(crate) fn read_decoded(d: &Decoded, source: Source, scan_source: Option<Source>) -> Finds {
    let t = d.text.as_str();
    let mut lookups = Lookups::default();
    let mut found = xml::read(t, 0..t.len(), source, &mut lookups);
    if let Some(start) = t.find('{') {
        found.absorb(json::read(t, start..t.len(), Source::JsonBody, false, &mut lookups));
    }
    found.absorb(scan::scan(t, 0..t.len(), scan_source, &mut lookups));
    let mut out = Finds::default();
    for h in found.hits {
        if let Some(span) = d.original(&h.span) {
            out.hits.push(Hit { span, ..h });
        }
    }
    out.notes = found.notes.into_iter().filter(|(_, s)| s.is_none()).collect();
    out
}

/// Decode `range` of `text` as base64 (standard or URL-safe alphabet; padding, white space and
/// JSON's `\/` allowed). `None` when it is not base64, or not UTF-8 text once decoded (an image,
/// a media segment).
pub(crate) fn base64(text: &str, range: Range<usize>) -> Option<Decoded> {
    let encoded = text.as_bytes().get(range.clone())?;
    let mut bytes = Vec::with_capacity(encoded.len() / 4 * 3);
    let mut map = Vec::with_capacity(encoded.len() / 4 * 3 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (i, c) in encoded.iter().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b'\\' | b' ' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        acc = ((acc << 6) | u32::from(v)) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            map.push(range.start + i);
        }
    }
    map.push(range.end);
    let text = String::from_utf8(bytes).ok()?;
    Some(Decoded { text, map })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_spans_map_back_to_the_escapes() {
        let t = r#"{"body":"\u003cstatus\u003e403\u003c/status\u003e\u003chresult\u003eMPE_ENC_ENCRYPTION_REQUIRED\u003c/hresult\u003e"}"#;
        let d = decode(t, 0..t.len()).unwrap();
        assert!(d.text.contains("<hresult>MPE_ENC_ENCRYPTION_REQUIRED</hresult>"));
        let at = d.text.find("MPE_").unwrap();
        let span = d.original(&(at..at + 27)).unwrap();
        assert_eq!(&t[span], "MPE_ENC_ENCRYPTION_REQUIRED");
        let at = d.text.find("403").unwrap();
        assert_eq!(&t[d.original(&(at..at + 3)).unwrap()], "403");
    }

    #[test]
    fn twice_escaped_and_url_encoded_text_is_decoded() {
        let t = r#"msg: "\\u003chresult\\u003eMPE_FRAGMENT_NOT_READY\\u003c/hresult\\u003e" url=https%3A%2F%2Fx%2Fa.ism%2Fmanifest%28format%3Dm3u8-cmaf%29"#;
        let d = decode(t, 0..t.len()).unwrap();
        assert!(d.text.contains("<hresult>MPE_FRAGMENT_NOT_READY</hresult>"), "{}", d.text);
        assert!(d.text.contains("https://x/a.ism/manifest(format=m3u8-cmaf)"), "{}", d.text);
        let at = d.text.find("MPE_").unwrap();
        assert_eq!(&t[d.original(&(at..at + 22)).unwrap()], "MPE_FRAGMENT_NOT_READY");
    }

    #[test]
    fn base64_bodies_decode_and_map_into_the_encoded_text() {
        let b = "PHN0YXR1cz40MTI8L3N0YXR1cz4="; // <status>412</status>
        let d = base64(b, 0..b.len()).unwrap();
        assert_eq!(d.text, "<status>412</status>");
        let at = d.text.find("412").unwrap();
        let span = d.original(&(at..at + 3)).unwrap();
        assert!(span.start < span.end && span.end <= b.len());
        assert!(base64("not base64!", 0..11).is_none());
        assert!(base64("/9j/4AAQ", 0..8).is_none(), "binary (a JPEG) is not text");
    }
}
