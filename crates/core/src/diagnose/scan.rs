//! The fallback scanner every text goes through after the structured readers: one pass over
//! word tokens that finds catalog and event names, HRESULTs (hex, or decimal in the catalog or
//! in an hresult/error-code context) and 3-digit HTTP statuses, but only in a status context
//! (`HTTP/1.1 403`, `status=403`, `"status": 403`, `status code 403`, `403 (Forbidden)`).
//! Tokens a structured reader already read are skipped. Total and linear; no DOM here.

use std::ops::Range;

use super::found::{Finds, Lookups};
use super::{phrases, status_at, Input};
use crate::catalog::{self, Hresult};
use crate::query;
use crate::report::{Shape, Source, Subject};

/// Bytes that make up a token: ASCII letters and digits, `_` and `.`.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
        i += 1;
    }
    t
};

#[inline(always)]
fn is_word(b: u8) -> bool {
    WORD[b as usize]
}

/// Scan the whole text; what is found is named after the text's shape.
pub(crate) fn read_document(input: &Input<'_>) -> Finds {
    let source = match input.shape {
        Shape::Json | Shape::Har => Some(Source::JsonBody),
        Shape::Xml => Some(Source::XmlBody),
        Shape::PlayerLog => Some(Source::PlayerLog),
        Shape::Http | Shape::Binary => Some(Source::BareToken),
        _ => None,
    };
    scan(input.text, 0..input.text.len(), source, &mut Lookups::default())
}

/// Scan `range` of `text`. `source` is what to call a code found; `None` means "a log line",
/// or "a code standing alone" when the token is alone on its line.
pub(crate) fn scan<'a>(text: &'a str, range: Range<usize>, source: Option<Source>, lookups: &mut Lookups<'a>) -> Finds {
    let mut out = Finds::default();
    let b = text.as_bytes();
    let end = range.end.min(b.len());
    let mut i = range.start;
    let hay = b.get(..end).unwrap_or_default();
    while i < end {
        // Skip to the next token start in one tight loop.
        let Some(skip) = hay.get(i..).and_then(|r| r.iter().position(|x| is_word(*x) || *x == b'-')) else {
            break;
        };
        i += skip;
        let c = hay.get(i).copied().unwrap_or_default();
        let neg = c == b'-'
            && hay.get(i + 1).is_some_and(u8::is_ascii_digit)
            && !(i > 0 && hay.get(i - 1).is_some_and(|p| is_word(*p)));
        if !is_word(c) && !neg {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        i += hay.get(i..).map_or(0, |r| r.iter().take_while(|x| is_word(**x)).count());
        let mut stop = i;
        while stop > start && b.get(stop - 1) == Some(&b'.') {
            stop -= 1;
        }
        if stop <= start || stop - start > 96 {
            continue;
        }
        let Some(tok) = text.get(start..stop) else {
            continue;
        };
        token(text, &mut out, lookups, tok, start..stop, source);
    }
    out
}

fn token<'a>(
    text: &'a str,
    out: &mut Finds,
    lookups: &mut Lookups<'a>,
    tok: &'a str,
    span: Range<usize>,
    source: Option<Source>,
) {
    let b = text.as_bytes();
    let first = tok.as_bytes().first().copied().unwrap_or_default();
    let range = span.clone();
    let src = || source.unwrap_or_else(|| line_source(b, range.clone()));
    let status_src = match source {
        Some(s @ (Source::PlayerLog | Source::Har)) => s,
        _ => Source::StatusLine,
    };
    if let Some(hex) = tok.strip_prefix("0x").or_else(|| tok.strip_prefix("0X")) {
        if hex.is_empty() || hex.len() > 8 || !hex.bytes().all(|x| x.is_ascii_hexdigit()) {
            return;
        }
        let Ok(v) = u32::from_str_radix(hex, 16) else {
            return;
        };
        let h = Hresult(v);
        let subjects = if h.is_failure() {
            // An HRESULT the catalog does not know needs a known facility or an hresult context,
            // so a 32-bit pointer (`Open(0xd79e9b40)`) is not taken for one.
            let subjects = lookups.get(tok, |_| query::subjects_for_hresult(h));
            if !in_catalog(&subjects, h) && h.facility_name().is_none() && !hr_context(b, span.start) {
                return;
            }
            subjects
        } else {
            catalog::by_winhttp(v).map(Subject::Entry).into_iter().collect()
        };
        out.codes(span.clone(), subjects, src(), None);
        return;
    }
    let len = tok.len();
    let digits = tok.bytes().all(|x| x.is_ascii_digit());
    if digits && len == 3 {
        if let Some(code) = status_at(text, span.clone()) {
            if status_context(b, span.clone()) || phrases::beside(b, span.start, span.end, code) {
                out.status(code, span, status_src, None);
            }
        }
        return;
    }
    let bare_hex = len == 8
        && tok.bytes().all(|x| x.is_ascii_hexdigit())
        && b.get(span.end) != Some(&b'-')
        && b.get(span.start.wrapping_sub(1)) != Some(&b'-');
    if bare_hex {
        let Ok(v) = u32::from_str_radix(tok, 16) else {
            return;
        };
        let h = Hresult(v);
        if h.is_failure() {
            // Known to the catalog (an entry among the subjects), or in an hresult context.
            let subjects = lookups.get(tok, |_| query::subjects_for_hresult(h));
            if in_catalog(&subjects, h) || hr_context(b, span.start) {
                out.codes(span.clone(), subjects, src(), None);
                return;
            }
        }
    }
    let signed = first == b'-' && tok.get(1..).is_some_and(|d| d.bytes().all(|x| x.is_ascii_digit()));
    if (digits || signed) && (9..=12).contains(&len) {
        let Ok(v) = tok.parse::<i64>() else { return };
        let h =
            if v < 0 { i32::try_from(v).ok().map(Hresult::from_signed) } else { u32::try_from(v).ok().map(Hresult) };
        if let Some(h) = h.filter(|h| h.is_failure()) {
            let subjects = lookups.get(tok, |_| query::subjects_for_hresult(h));
            if in_catalog(&subjects, h) || hr_context(b, span.start) {
                out.codes(span, subjects, src(), None);
            }
        }
        return;
    }
    if first.is_ascii_uppercase() && (4..=32).contains(&len) {
        if let Some(code) = phrases::status_named(tok).filter(|_| phrase_context(b, span.clone())) {
            out.status(code, span, status_src, None);
            return;
        }
    }
    if first.is_ascii_alphabetic() && name_like(tok) {
        let subjects = lookups.get(tok, query::subjects_for_name);
        if subjects.is_empty() {
            let read_as = lookups.near_name(tok);
            if let Some(name) = read_as.first().and_then(|s| s.entry()).map(|e| e.name) {
                out.codes(span, read_as, Source::NearName, Some(format!("read as {name} (the text says {tok})")));
            } else if out.near.len() < 8 && tok.contains('_') && len >= 8 {
                out.near.push(span);
            }
        } else {
            let s = src();
            out.codes(span, subjects, s, None);
        }
    }
}

/// Whether `subjects` (of `h`) hold the catalog entry with that very HRESULT.
fn in_catalog(subjects: &[Subject], h: Hresult) -> bool {
    subjects.iter().any(|s| s.entry().is_some_and(|e| e.hresult == Some(h)))
}

/// Cheap filter before a catalog lookup: prefixes the catalog's names use, or an upper-case
/// identifier with underscores.
fn name_like(tok: &str) -> bool {
    let b = tok.as_bytes();
    let starts = |p: &str| b.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    if starts("MPE_") || starts("MPI_") || starts("ERROR_") || starts("LiveEvent") || starts("Microsoft.Media.") {
        return true;
    }
    b.len() >= 6 && b.contains(&b'_') && b.iter().all(|x| x.is_ascii_uppercase() || x.is_ascii_digit() || *x == b'_')
}

/// Whether the token at `span` is alone on its line: a bare code, else a log line.
fn line_source(b: &[u8], span: Range<usize>) -> Source {
    let blank = |x: &u8| *x == b' ' || *x == b'\t' || *x == b'\r' || *x == b'"' || *x == b'\'' || *x == b'`';
    let before = b.get(span.start.saturating_sub(64)..span.start).unwrap_or_default();
    let after = b.get(span.end..(span.end + 64).min(b.len())).unwrap_or_default();
    let left =
        before.iter().rev().take_while(|x| **x != b'\n').all(blank) && (span.start < 64 || before.contains(&b'\n'));
    let right =
        after.iter().take_while(|x| **x != b'\n').all(blank) && (span.end + 64 >= b.len() || after.contains(&b'\n'));
    if left && right {
        Source::BareToken
    } else {
        Source::LogLine
    }
}

/// Separators between a label and its value; a backslash too, so escaped JSON
/// (`\"status\": 403`) reads as JSON does.
fn is_sep(x: u8) -> bool {
    matches!(x, b' ' | b'\t' | b':' | b'=' | b'"' | b'\'' | b'(' | b'<' | b'>' | b'{' | b',' | b'[' | b'#' | b'\\')
}

/// The word before `pos`, skipping a few separators: `(start, word)`.
pub(crate) fn prev_word(b: &[u8], pos: usize) -> Option<(usize, &[u8])> {
    let mut i = pos;
    let mut skipped = 0;
    while i > 0 && skipped < 12 && b.get(i - 1).is_some_and(|x| is_sep(*x)) {
        i -= 1;
        skipped += 1;
    }
    let end = i;
    while i > 0
        && end - i < 24
        && b.get(i - 1).is_some_and(|x| x.is_ascii_alphanumeric() || matches!(x, b'_' | b'/' | b'.' | b'-'))
    {
        i -= 1;
    }
    let w = b.get(i..end)?;
    (!w.is_empty()).then_some((i, w))
}

fn is(w: &[u8], words: &[&str]) -> bool {
    words.iter().any(|k| w.eq_ignore_ascii_case(k.as_bytes()))
}

/// A 3-digit number in a status context: after `status`, `HTTP/1.1`, `status code`, `response
/// code`, or followed by ` (Reason)` as browsers print failed requests.
pub(crate) fn status_context(b: &[u8], span: Range<usize>) -> bool {
    let after = b.get(span.end..(span.end + 3).min(b.len())).unwrap_or_default();
    // hls.js: `[error] > 404 while loading https://…`
    if b.get(span.end..span.end + 14) == Some(b" while loading") {
        return true;
    }
    if after.first() == Some(&b' ') && after.get(1) == Some(&b'(') && after.get(2).is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    let Some((at, w)) = prev_word(b, span.start) else {
        return false;
    };
    if is(w, STATUS_WORDS) || is(w, &["http", "https", "error", "err", "returned", "response"]) {
        return true;
    }
    if w.len() > 5 && w.get(..5).is_some_and(|p| p.eq_ignore_ascii_case(b"http/")) {
        return true;
    }
    if is(w, &["code"]) {
        return prev_word(b, at).is_some_and(|(_, p)| is(p, &["status", "response", "http", "error"]));
    }
    if is(w, &["of"]) {
        return prev_word(b, at).is_some_and(|(_, p)| is(p, &["status"]));
    }
    false
}

/// Words after which a value is a status.
const STATUS_WORDS: &[&str] =
    &["status", "statuscode", "status_code", "httpstatus", "httpstatuscode", "http_status", "sc-status"];

/// A place where a reason phrase stands for a status: after a status or code label
/// (`status code 'NotFound'`, `Code: Conflict`), or in parentheses after an exception's name
/// (`HttpResponseError: (Conflict)`).
fn phrase_context(b: &[u8], span: Range<usize>) -> bool {
    let Some((_, w)) = prev_word(b, span.start) else {
        return false;
    };
    if is(w, STATUS_WORDS) || is(w, &["code", "errorcode", "error_code", "reason", "reasonphrase"]) {
        return true;
    }
    let ends =
        |suffix: &[u8]| w.get(w.len().saturating_sub(suffix.len())..).is_some_and(|t| t.eq_ignore_ascii_case(suffix));
    let around =
        |open: u8, close: u8| span.start > 0 && b.get(span.start - 1) == Some(&open) && b.get(span.end) == Some(&close);
    // autorest PowerShell: `Message : [Conflict] : A streaming locator named …`
    let bracketed = around(b'[', b']') && b.get(span.end + 1..span.end + 3) == Some(b" :");
    bracketed || (around(b'(', b')') && (ends(b"error") || ends(b"exception")))
}

/// An hresult or error-code context before `pos`.
pub(crate) fn hr_context(b: &[u8], pos: usize) -> bool {
    prev_word(b, pos).is_some_and(|(_, w)| {
        is(
            w,
            &["hresult", "hr", "error", "errorcode", "error_code", "code", "result", "resultcode", "failed", "failure"],
        )
    })
}
