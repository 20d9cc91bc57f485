//! Reads HTTP exchanges: raw responses and `curl -v` / `curl -i` transcripts. Finds every status
//! line (`HTTP/1.1 403 Forbidden`, `< HTTP/2 412`), the `x-ms-error-code` header wherever it is,
//! notes `x-ms-request-id`, and hands each JSON body after a response head to the JSON reader
//! (XML bodies are read by the XML reader over the whole text). No DOM here.

use std::ops::Range;

use super::found::{Finds, Lookups};
use super::{clip, json, status_at, subjects_for_value, Input};
use crate::notes::NoteKind;
use crate::report::Source;

/// Header lines `name: value` whose name ends with `suffix` (case-insensitive) and starts with
/// `x-ms-`: the value's span.
fn headers(text: &str, suffix: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    for (at, _) in text.match_indices(suffix) {
        let from = at + suffix.len();
        let name_start = at.saturating_sub(5);
        let ok_prefix = b.get(name_start..at).is_some_and(|p| p.eq_ignore_ascii_case(b"x-ms-"));
        let mut v = from;
        while b.get(v) == Some(&b' ') {
            v += 1;
        }
        if !ok_prefix || b.get(v) != Some(&b':') {
            continue;
        }
        v += 1;
        while matches!(b.get(v), Some(b' ' | b'\t')) {
            v += 1;
        }
        let mut e = v;
        while e < b.len() && e - v < 200 && !matches!(b.get(e), Some(b'\r' | b'\n' | b'"' | b',' | b'}' | b'<')) {
            e += 1;
        }
        if e > v {
            out.push(v..e);
        }
        if out.len() >= 10_000 {
            break;
        }
    }
    out
}

/// Read status lines, `x-ms-*` headers and JSON bodies of the text.
pub(crate) fn read(input: &Input<'_>) -> Finds {
    let text = input.text;
    let b = text.as_bytes();
    let mut out = Finds::default();
    let mut lookups = Lookups::default();
    for span in headers(text, "error-code") {
        let v = text.get(span.clone()).unwrap_or_default();
        let subjects = lookups.get(v, subjects_for_value);
        out.codes(span, subjects, Source::Header, None);
    }
    if let Some(id) = headers(text, "request-id").first().and_then(|r| text.get(r.clone())) {
        out.note(NoteKind::RequestId(clip(id.trim(), 64)), None);
    }
    for (at, _) in text.match_indices("HTTP/") {
        let from = at + 5;
        let mut i = from;
        while b.get(i).is_some_and(|x| x.is_ascii_digit() || *x == b'.') && i - from < 4 {
            i += 1;
        }
        if i == from || b.get(i) != Some(&b' ') {
            continue;
        }
        let span = i + 1..i + 4;
        if b.get(span.end).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let Some(code) = status_at(text, span.clone()) else {
            continue;
        };
        out.status(code, span.clone(), Source::StatusLine, None);
        let line_start = at == 0 || b.get(at - 1) == Some(&b'\n') || (at >= 2 && b.get(at - 2..at) == Some(b"< "));
        if line_start {
            if let Some(body) = body_after(text, span.end) {
                out.absorb(json::read(text, body, Source::JsonBody, false, &mut lookups));
            }
        }
    }
    out
}

/// The JSON body after a response head that ends at `from`: from the first `{`/`[` after a
/// blank line up to the next status line.
fn body_after(text: &str, from: usize) -> Option<Range<usize>> {
    // The head ends at the first blank line (`<` alone in curl -v), within 16 KB.
    let b = text.as_bytes();
    let limit = (from + 16 * 1024).min(b.len());
    let mut line = b.iter().skip(from).take(limit.saturating_sub(from)).position(|x| *x == b'\n')? + from + 1;
    let start = loop {
        let end = b.get(line..limit)?.iter().position(|x| *x == b'\n').map_or(limit, |e| line + e);
        let blank = b.get(line..end)?.iter().all(|x| matches!(x, b'<' | b' ' | b'\r' | b'\t'));
        if blank {
            break (end + 1).min(b.len());
        }
        if end >= limit {
            return None;
        }
        line = end + 1;
    };
    let tail = text.get(start..)?;
    let lead = tail.len() - tail.trim_start().len();
    let first = tail.as_bytes().get(lead)?;
    if *first != b'{' && *first != b'[' {
        return None;
    }
    let end = tail.find("HTTP/").map_or(text.len(), |e| start + e);
    Some(start + lead..end)
}
