//! Small text helpers every reader uses: char-boundary cuts, clipping for display, finding every
//! occurrence of a needle, reading a digit run or a 3-digit status at a place, and what an
//! error-code value names. Total (no slicing that can panic); no DOM here.

use std::ops::Range;

use crate::query::{self, Query};
use crate::report::Subject;

/// The largest index `<= i` that is a char boundary of `s`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Keep at most `max` bytes of `s` (on a char boundary), adding an ellipsis when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let end = floor_char_boundary(s, max);
    match s.get(..end) {
        Some(p) if end < s.len() => format!("{p}…"),
        _ => s.to_string(),
    }
}

/// Every occurrence of `needle` (case-sensitive), at most `max`.
pub(crate) fn find_all(text: &str, needle: &str, max: usize) -> Vec<usize> {
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
pub(crate) fn digits_at(b: &[u8], mut i: usize) -> Range<usize> {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let s = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) && i - s < 12 {
        i += 1;
    }
    s..i
}

/// The value of a 3-digit ASCII status at `span` of `text`, if it is one.
pub(crate) fn status_at(text: &str, span: Range<usize>) -> Option<u16> {
    let s = text.get(span)?;
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|v| (100..=599).contains(v))
}

/// Subjects an error-code value names: a catalog or event name, or an HRESULT in hex or decimal.
pub(crate) fn subjects_for_value(v: &str) -> Vec<Subject> {
    let v = v.trim();
    if v.is_empty() || v.len() > 80 {
        return Vec::new();
    }
    match query::parse(v) {
        Query::Hresult(h) if h.is_failure() => query::subjects_for_hresult(h),
        Query::Name(n) => query::subjects_for_name(n),
        _ => Vec::new(),
    }
}
