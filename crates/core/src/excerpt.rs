//! Where in a text a finding was, for people: line numbers of byte offsets (found in one pass),
//! and excerpts: the line around one or more spans, cut to a window when long, the spans marked
//! and every secret on it masked. The widget's cards and the command line show excerpts
//! through this module, so they cut and mask alike; plain text only, no markup.

use std::ops::Range;

use crate::diagnose::floor_char_boundary;
use crate::diagnose::secrets::{masked, secret_ranges};

/// Bytes of context kept on each side of the spans; a line up to twice this long is shown whole.
pub const CONTEXT: usize = 160;

/// Newlines in `bytes`, eight at a time (a paste can be megabytes; this runs per render); sixteen
/// with the `simd` feature in a wasm (the worker's build, `crate::simd`).
pub fn count_newlines(bytes: &[u8]) -> usize {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    #[cfg(all(feature = "simd", target_arch = "wasm32"))]
    let (mut n, bytes) = {
        let (n, end) = crate::simd::count_newlines(bytes);
        (n, bytes.get(end..).unwrap_or_default())
    };
    let mut chunks = bytes.chunks_exact(8);
    #[cfg(not(all(feature = "simd", target_arch = "wasm32")))]
    let mut n = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) ^ 0x0a0a_0a0a_0a0a_0a0a;
        // High bit set exactly in the bytes of `w` that are zero, i.e. were b'\n'.
        n += (!(((w & LO7) + LO7) | w | LO7)).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|b| **b == b'\n').count()
}

/// 1-based line numbers of byte offsets, in one pass over the text however many offsets.
pub struct Lines(Vec<(usize, usize)>);

impl Lines {
    /// Line numbers of `offsets` in `text`.
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut at: Vec<usize> = offsets.into_iter().filter(|o| *o <= text.len()).collect();
        crate::search::sort_small(&mut at, |o| *o);
        at.dedup();
        let (mut line, mut prev) = (1, 0);
        let out = at
            .into_iter()
            .map(|o| {
                line += text.as_bytes().get(prev..o).map_or(0, count_newlines);
                prev = o;
                (o, line)
            })
            .collect();
        Lines(out)
    }

    /// The line of an offset given to `new` (1 for any other).
    pub fn of(&self, offset: usize) -> usize {
        self.0.binary_search_by_key(&offset, |(o, _)| *o).map_or(1, |i| self.0.get(i).map_or(1, |(_, l)| *l))
    }
}

/// A piece of an excerpt's text: plain, or one of the spans (marked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The text, secrets masked (a marked span is shown as it is: it is the code found).
    pub text: String,
    /// Whether this is a span the finding was found at.
    pub mark: bool,
}

/// The line around one or more spans: its number and its pieces in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based line of the first span.
    pub line: usize,
    /// The text, cut (`…` where it is), with the spans marked.
    pub parts: Vec<Part>,
}

impl Excerpt {
    /// The excerpt as one line of plain text, spans between `open` and `close`.
    pub fn plain(&self, open: &str, close: &str) -> String {
        self.parts.iter().fold(String::new(), |mut s, p| {
            if p.mark {
                s.push_str(open);
                s.push_str(&p.text);
                s.push_str(close);
            } else {
                s.push_str(&p.text);
            }
            s
        })
    }
}

fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The excerpt of `text` around `spans` (in order, the first on line `line`): the line of the
/// first span, cut to `CONTEXT` bytes around the spans that fit. Spans past the window or the
/// line are left out. `None` when the first span is not in the text.
pub fn excerpt(text: &str, spans: &[Range<usize>], line: usize) -> Option<Excerpt> {
    let first = spans.first()?;
    text.get(first.clone())?;
    let bytes = text.as_bytes();
    let from = floor_char_boundary(text, first.start.saturating_sub(CONTEXT));
    let line_start = bytes.get(from..first.start)?.iter().rposition(|b| *b == b'\n').map_or(from, |p| from + p + 1);
    let eol =
        |from: usize, to: usize| bytes.get(from..to).and_then(|b| b.iter().position(|b| matches!(b, b'\n' | b'\r')));
    // The spans on the first one's line and within reach of its window, in order, not overlapping.
    let mut marks: Vec<Range<usize>> = vec![first.clone()];
    for s in spans.get(1..).unwrap_or_default() {
        let last_end = marks.last().map_or(first.end, |m| m.end);
        let reach = first.end.saturating_add(CONTEXT);
        if s.start >= last_end && s.end <= reach && text.get(s.clone()).is_some() && eol(last_end, s.end).is_none() {
            marks.push(s.clone());
        }
    }
    let last = marks.last().map_or(first.end, |m| m.end);
    let to = ceil_char_boundary(text, last.saturating_add(CONTEXT));
    let line_end = eol(last, to).map_or(to, |p| last + p);
    // Secrets are found on the whole window, so a header name before a span masks its value after.
    let window = text.get(line_start..line_end)?;
    let secrets = secret_ranges(window);
    let mut parts = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for (i, m) in marks.iter().enumerate() {
        let (a, b) = (m.start - line_start, m.end - line_start);
        let mut plain = masked(window, &secrets, at, a);
        if i == 0 {
            plain = plain.trim_start().to_string();
            if line_start == from && from > 0 && bytes.get(from - 1) != Some(&b'\n') {
                plain.insert(0, '…');
            }
        }
        parts.push(Part { text: plain, mark: false });
        parts.push(Part { text: window.get(a..b).unwrap_or_default().to_string(), mark: true });
        at = b;
    }
    let mut after = masked(window, &secrets, at, window.len()).trim_end().to_string();
    if line_end == to && to < text.len() && !matches!(bytes.get(to), Some(b'\n' | b'\r')) {
        after.push('…');
    }
    parts.push(Part { text: after, mark: false });
    parts.retain(|p| p.mark || !p.text.is_empty());
    Some(Excerpt { line, parts })
}

/// The excerpts of a finding's `spans` (in text order): spans that share a line and a window
/// share one excerpt, marked together.
pub fn excerpts(text: &str, spans: &[Range<usize>], lines: &Lines) -> Vec<Excerpt> {
    let mut out: Vec<Excerpt> = Vec::new();
    let mut i = 0;
    while let Some(s) = spans.get(i) {
        let line = lines.of(s.start);
        let rest = spans.get(i..).unwrap_or_default();
        let shared = rest.iter().take_while(|r| lines.of(r.start) == line && r.start >= s.start).count().max(1);
        match excerpt(text, rest.get(..shared).unwrap_or_default(), line) {
            Some(e) => {
                let taken = e.parts.iter().filter(|p| p.mark).count().max(1);
                out.push(e);
                i += taken;
            }
            None => i += 1,
        }
    }
    out
}

/// Whole lines shown on each side of a place when the lines around it are read (`around`).
pub const AROUND: usize = 3;

/// Bytes of a text read on each side of a place for `around`: room for `AROUND` lines of an
/// excerpt's width, and more.
pub const AROUND_BYTES: usize = 4096;

/// The lines around a place of a text, numbered, cut to an excerpt's width (`…`) and with their
/// secrets masked; the place's own line is the finding's excerpt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Around {
    /// Up to `AROUND` lines before the place's line.
    pub before: Vec<(usize, String)>,
    /// Up to `AROUND` lines after it.
    pub after: Vec<(usize, String)>,
}

/// The lines around a place in a long text (a file) that is not in memory, from `piece`: the
/// text's bytes from offset `from` on, read around the place (`AROUND_BYTES` on each side). The
/// place is `found` at offset `at` of the text, on line `line`; the piece reaches the text's end
/// when `to_end`. Lines cut by the piece's edges are left out. `None` when the piece does not
/// hold `found` at `at` (the text changed, or its offsets are not the piece's bytes) or its
/// lines are not UTF-8.
pub fn around(piece: &[u8], from: usize, (at, found): (usize, &str), line: usize, to_end: bool) -> Option<Around> {
    let at = at.checked_sub(from)?;
    let end = at + found.len();
    if piece.get(at..end)? != found.as_bytes() {
        return None;
    }
    // Whole lines only: from after the first newline before the place (unless the piece starts
    // the text) to the last one after it (unless it ends the text).
    let newline = |b: &u8| *b == b'\n';
    let start = match piece.get(..at)?.iter().position(newline) {
        _ if from == 0 => 0,
        Some(i) => i + 1,
        None => at,
    };
    let stop = match piece.get(end..)?.iter().rposition(newline) {
        _ if to_end => piece.len(),
        Some(i) => end + i,
        None => end,
    };
    let text = std::str::from_utf8(piece.get(start..stop)?).ok()?;
    let (at, end) = (at - start, end - start);
    let line_start = text.get(..at)?.bytes().rposition(|b| b == b'\n').map_or(0, |i| i + 1);
    let line_end = text.get(end..)?.bytes().position(|b| b == b'\n').map_or(text.len(), |i| end + i + 1);
    let before: Vec<&str> = text.get(..line_start)?.split_terminator('\n').collect();
    let before = before.get(before.len().saturating_sub(AROUND)..).unwrap_or_default();
    let after: Vec<&str> = text.get(line_end..)?.split_terminator('\n').take(AROUND).collect();
    // The excerpt drops its line's indentation: so do the lines around, as far as they have it.
    let indent = text.get(line_start..)?.bytes().take_while(|b| matches!(b, b' ' | b'\t')).count();
    let before = numbered(before, line.saturating_sub(before.len()), indent);
    Some(Around { before, after: numbered(&after, line + 1, indent) })
}

/// `lines` numbered from `first`, each without up to `indent` leading blanks, cut to an excerpt's
/// width (`…`) and its secrets masked.
fn numbered(lines: &[&str], first: usize, indent: usize) -> Vec<(usize, String)> {
    let mut out = Vec::with_capacity(lines.len());
    for (k, t) in lines.iter().enumerate() {
        let t = t.strip_suffix('\r').unwrap_or(t);
        let t = t.get(t.bytes().take(indent).take_while(|b| matches!(b, b' ' | b'\t')).count()..).unwrap_or(t);
        let cut = floor_char_boundary(t, 2 * CONTEXT);
        let mut s = masked(t, &secret_ranges(t), 0, cut);
        if cut < t.len() {
            s.push('…');
        }
        out.push((first + k, s));
    }
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a list of one span, not a range of numbers
mod tests {
    use super::*;

    fn plain(text: &str, spans: &[Range<usize>]) -> String {
        excerpt(text, spans, 1).unwrap().plain("[", "]")
    }

    #[test]
    fn cuts_the_line_around_the_span() {
        let text = "first\nHTTP/1.1 403 Forbidden\nlast";
        let e = excerpt(text, &[15..18], 2).unwrap();
        assert_eq!((e.line, e.plain("[", "]")), (2, "HTTP/1.1 [403] Forbidden".to_string()));
    }

    #[test]
    fn several_spans_on_one_line_are_marked_in_one_excerpt() {
        let text = "a 404 then 404 again\nnext 404";
        let spans = [2..5, 11..14, 26..29];
        let lines = Lines::new(text, spans.iter().map(|s| s.start));
        let all = excerpts(text, &spans, &lines);
        let shown: Vec<(usize, String)> = all.iter().map(|e| (e.line, e.plain("[", "]"))).collect();
        assert_eq!(shown, [(1, "a [404] then [404] again".to_string()), (2, "next [404]".to_string())]);
    }

    #[test]
    fn spans_out_of_reach_get_their_own_excerpt() {
        let text = format!("MPE_A {} MPE_B", "x".repeat(400));
        let spans = [0..5, text.len() - 5..text.len()];
        let lines = Lines::new(&text, spans.iter().map(|s| s.start));
        assert_eq!(excerpts(&text, &spans, &lines).len(), 2);
    }

    #[test]
    fn long_lines_are_windowed_on_char_boundaries() {
        let text = format!("{}MPE_STORAGE_FAILURE{}", "é".repeat(400), "ü".repeat(400));
        let e = excerpt(&text, &[800..819], 1).unwrap();
        let (before, after) = (&e.parts[0].text, &e.parts[2].text);
        assert!(before.starts_with('…') && after.ends_with('…'));
        assert!(before.len() < 200 && after.len() < 200);
    }

    #[test]
    fn secrets_on_the_line_are_masked_but_not_the_hit() {
        let text = "GET /a.ism?sig=SeCrEt123&se=2030 x-ms-error-code: MPE_STORAGE_FAILURE";
        let at = text.find("MPE_").unwrap();
        let shown = plain(text, &[at..text.len()]);
        assert!(!shown.contains("SeCrEt123") && shown.contains("•••"), "{shown}");
        assert!(shown.contains("se=2030") && shown.ends_with("[MPE_STORAGE_FAILURE]"));
    }

    #[test]
    fn newlines_are_counted_exactly_and_lines_found_in_one_pass() {
        let text = "a\nb\n\n\nccccccccccccccccc\nd\u{e9}\n\n".repeat(50);
        for end in 0..text.len() {
            let naive = text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count();
            assert_eq!(count_newlines(&text.as_bytes()[..end]), naive, "{end}");
        }
        let lines = Lines::new(&text, [40, 3, 0, 40]);
        assert_eq!(
            (lines.of(0), lines.of(3), lines.of(40), lines.of(7)),
            (1, 2, 1 + count_newlines(&text.as_bytes()[..40]), 1)
        );
    }

    #[test]
    fn bad_span_gives_nothing() {
        assert_eq!(excerpt("abc", &[2..9], 1), None);
        assert!(excerpts("abc", &[2..9], &Lines::new("abc", [2])).is_empty());
    }

    #[test]
    fn lines_around_a_place_come_whole_numbered_and_masked() {
        let text = "l1\nl2\nAuthorization: Bearer abc.def.ghi\nl4\nHTTP/1.1 403 Forbidden\r\nl6\nl7\nl8\nl9";
        let at = text.find("403").unwrap();
        let numbers = |a: &Around| (a.before.iter().map(|l| l.0).collect(), a.after.iter().map(|l| l.0).collect());
        let all = around(text.as_bytes(), 0, (at, "403"), 5, true).unwrap();
        assert_eq!(numbers(&all), (vec![2, 3, 4], vec![6, 7, 8]));
        assert_eq!(all.before[1].1, "Authorization: •••");
        // A piece from the middle of the text: lines cut by its edges are left out.
        let from = text.find("2\n").unwrap();
        let piece = &text.as_bytes()[from..text.find("l7").unwrap() + 1];
        assert_eq!(numbers(&around(piece, from, (at, "403"), 5, false).unwrap()), (vec![3, 4], vec![6]));
        // Not there: the text changed, or the piece is not where the place is.
        assert_eq!(around(text.as_bytes(), 0, (at, "404"), 5, true), None);
        assert_eq!(around(piece, from, (1, "l1"), 1, false), None);
        // Indented lines lose the place's indentation, as its excerpt does.
        let json = "{\n  \"a\": {\n    \"code\": \"MPE_X\",\n  \"b\": 1\n}";
        let got = around(json.as_bytes(), 0, (json.find("MPE_X").unwrap(), "MPE_X"), 3, true).unwrap();
        assert_eq!(got.before, [(1, "{".to_string()), (2, "\"a\": {".to_string())]);
        assert_eq!(got.after, [(4, "\"b\": 1".to_string()), (5, "}".to_string())]);
        // A place at the text's edges, on a line of its own.
        let one = around(b"MPE_X", 0, (0, "MPE_X"), 1, true).unwrap();
        assert_eq!(one, Around::default());
        // A long line is cut to an excerpt's width.
        let long = format!("x\n{}\nMPE_X", "y".repeat(1000));
        let got = around(long.as_bytes(), 0, (long.len() - 5, "MPE_X"), 3, true).unwrap();
        assert_eq!(numbers(&got), (vec![1, 2], vec![]));
        assert_eq!(got.before[1].1.chars().count(), 2 * CONTEXT + 1);
    }
}
