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

/// The index of the first of the `stops` bytes in `i..end` of `b` (or `end`), reading eight
/// bytes at a time: most of a large paste is plain text (HAR string values, log lines) that the
/// readers skip to reach a quote, a backslash or an escape.
pub(crate) fn skip_until<const N: usize>(b: &[u8], mut i: usize, end: usize, stops: &[u8; N]) -> usize {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // High bit set exactly in the zero bytes of `w`.
    let zero = |w: u64| !(((w & LO7) + LO7) | w | LO7);
    let end = end.min(b.len());
    while let Some(w) = word(b, i, end) {
        let hits = stops.iter().fold(0, |acc, s| acc | zero(w ^ (u64::from(*s) * 0x0101_0101_0101_0101)));
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && !b.get(i).is_some_and(|x| stops.contains(x)) {
        i += 1;
    }
    i
}

/// The eight bytes at `i` of `b`, if they end by `end`, as one word (little-endian).
#[inline(always)]
fn word(b: &[u8], i: usize, end: usize) -> Option<u64> {
    b.get(i..i + 8).filter(|_| i + 8 <= end).and_then(|c| c.try_into().ok()).map(u64::from_le_bytes)
}

/// `skip_until(b, i, end, b"\"\\")`, the stops of a JSON string, twice as fast in a build for
/// size (which does not unroll the loop over the stops); sixteen bytes at a time with the `simd`
/// feature in a wasm (the worker's build, `crate::simd`).
pub(crate) fn string_stop(b: &[u8], mut i: usize, end: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    let end = end.min(b.len());
    #[cfg(all(feature = "simd", target_arch = "wasm32"))]
    {
        i = crate::simd::string_stop(b, i, end);
    }
    while let Some(w) = word(b, i, end) {
        let (q, s) = (w ^ (LO * u64::from(b'"')), w ^ (LO * u64::from(b'\\')));
        // The lowest high bit is at the first zero byte of `q` or `s`: a borrow only sets bits
        // above a zero byte.
        let hits = (q.wrapping_sub(LO) & !q | s.wrapping_sub(LO) & !s) & (LO << 7);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && !matches!(b.get(i), Some(b'"' | b'\\')) {
        i += 1;
    }
    i
}

/// The index just past the run of spaces at `i` in `i..end` of `b`, eight at a time (for
/// indentation; a few may be left before the next byte).
#[inline]
pub(crate) fn skip_spaces(b: &[u8], mut i: usize, end: usize) -> usize {
    while word(b, i, end) == Some(0x2020_2020_2020_2020) {
        i += 8;
    }
    i
}

/// The length of `s` up to its first byte among `stops` (all of it when there is none). ASCII
/// stops only, so the cut is on a char boundary.
pub(crate) fn upto<const N: usize>(s: &str, stops: &[u8; N]) -> usize {
    skip_until(s.as_bytes(), 0, s.len(), stops)
}

/// The first occurrence of `needle` (case-sensitive) at or after `from`.
pub(crate) fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
    text.get(from..)?.find(needle).map(|at| from + at)
}

/// Whether `needle` occurs in `text` (as `find_from`).
pub(crate) fn has(text: &str, needle: &str) -> bool {
    find_from(text, 0, needle).is_some()
}

/// Every occurrence of `needle` (case-sensitive), at most `max`.
pub(crate) fn find_all(text: &str, needle: &str, max: usize) -> Vec<usize> {
    text.match_indices(needle).take(max).map(|(at, _)| at).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_until_stops_at_the_first_stop_byte() {
        // After a stop, the byte one above it (`"#`, `\\]`, `%&'`): a borrow must not hide it.
        let text = "abcdefghijklmnopqrstuvwxyz0123456789\"tail\\%&\"#é\\]ü%&'\u{1}\"\u{80}".as_bytes();
        let check = |stops: &[u8], got: &dyn Fn(usize, usize) -> usize| {
            for start in 0..text.len() {
                for end in start..=text.len() {
                    let want = (start..end).find(|&k| stops.contains(&text[k])).unwrap_or(end);
                    assert_eq!(got(start, end), want, "{stops:?} from {start} to {end}");
                }
            }
        };
        check(b"\"\\", &|s, e| skip_until(text, s, e, b"\"\\"));
        check(b"\\%&", &|s, e| skip_until(text, s, e, b"\\%&"));
        check(b"\"\\", &|s, e| string_stop(text, s, e));
        check(b"&", &|s, e| skip_until(text, s, e, b"&"));
    }
}
