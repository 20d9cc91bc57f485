//! Where in the pasted text a finding was: the line around one span, the span marked, long
//! lines cut to a window around it, and secrets in the line masked. Plain text only.

use std::ops::Range;

use yew::prelude::*;

use crate::diagnose::floor_char_boundary;

/// Bytes of context kept on each side of a span; a line up to twice this long is shown whole.
const CONTEXT: usize = 160;

/// Newlines in `bytes`, eight at a time (a paste can be megabytes; this runs per render).
pub fn count_newlines(bytes: &[u8]) -> usize {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = bytes.chunks_exact(8);
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

/// The pieces of an excerpt: line number, text before, the hit, text after.
#[derive(Debug, PartialEq, Eq)]
pub struct Pieces {
    /// 1-based line of the span start.
    pub line: usize,
    /// Text before the hit (with `…` when cut).
    pub before: String,
    /// The hit itself.
    pub hit: String,
    /// Text after the hit (with `…` when cut).
    pub after: String,
}

fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Cut the excerpt for `span` (on line `line`) out of `text`; `None` when the span is not in the text.
pub fn pieces(text: &str, span: &Range<usize>, line: usize) -> Option<Pieces> {
    let hit = text.get(span.clone())?;
    let bytes = text.as_bytes();
    let from = floor_char_boundary(text, span.start.saturating_sub(CONTEXT));
    let to = ceil_char_boundary(text, span.end.saturating_add(CONTEXT));
    let line_start = bytes.get(from..span.start)?.iter().rposition(|b| *b == b'\n').map_or(from, |p| from + p + 1);
    let line_end =
        bytes.get(span.end..to)?.iter().position(|b| *b == b'\n' || *b == b'\r').map_or(to, |p| span.end + p);
    // Secrets are found on the whole window, so a header name before the hit masks its value after.
    let window = text.get(line_start..line_end)?;
    let secrets = crate::diagnose::secrets::secret_ranges(window);
    let (hit_start, hit_end) = (span.start - line_start, span.end - line_start);
    let mut before = String::new();
    if line_start == from && from > 0 && bytes.get(from - 1) != Some(&b'\n') {
        before.push('…');
    }
    before.push_str(masked(window, &secrets, 0, hit_start).trim_start());
    let mut after = masked(window, &secrets, hit_end, window.len()).trim_end().to_string();
    if line_end == to && to < text.len() && !matches!(bytes.get(to), Some(b'\n' | b'\r')) {
        after.push('…');
    }
    Some(Pieces { line, before, hit: hit.to_string(), after })
}

/// `window[from..to]` with every secret range of the window replaced by `•••`.
fn masked(window: &str, secrets: &[Range<usize>], from: usize, to: usize) -> String {
    let mut out = String::new();
    let mut at = from;
    for r in secrets.iter().filter(|r| r.end > from && r.start < to) {
        let (a, b) = (r.start.max(from), r.end.min(to));
        out.push_str(window.get(at..a).unwrap_or_default());
        out.push_str("•••");
        at = b;
    }
    out.push_str(window.get(at..to).unwrap_or_default());
    out
}

/// One excerpt of `text` around `span`, which starts on line `line`.
pub fn excerpt(text: &str, span: &Range<usize>, line: usize) -> Html {
    let Some(p) = pieces(text, span, line) else { return Html::default() };
    html! {
        <div class="ams-errors__excerpt">
            <span class="ams-errors__line-no">{ format!("line {}", p.line) }</span>
            <code class="ams-errors__excerpt-text">
                { p.before }<mark>{ p.hit }</mark>{ p.after }
            </code>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_the_line_around_the_span() {
        let text = "first\nHTTP/1.1 403 Forbidden\nlast";
        let p = pieces(text, &(15..18), 2).unwrap();
        assert_eq!(
            (p.line, p.before.as_str(), p.hit.as_str(), p.after.as_str()),
            (2, "HTTP/1.1 ", "403", " Forbidden")
        );
    }

    #[test]
    fn long_lines_are_windowed_on_char_boundaries() {
        let text = format!("{}MPE_STORAGE_FAILURE{}", "é".repeat(400), "ü".repeat(400));
        let p = pieces(&text, &(800..819), 1).unwrap();
        assert!(p.before.starts_with('…') && p.after.ends_with('…'));
        assert!(p.before.len() < 200 && p.after.len() < 200);
    }

    #[test]
    fn secrets_on_the_line_are_masked_but_not_the_hit() {
        let text = "GET /a.ism?sig=SeCrEt123&se=2030 x-ms-error-code: MPE_STORAGE_FAILURE";
        let at = text.find("MPE_").unwrap();
        let p = pieces(text, &(at..text.len()), 1).unwrap();
        assert!(!p.before.contains("SeCrEt123"), "{}", p.before);
        assert!(p.before.contains("se=2030"));
        assert_eq!(p.hit, "MPE_STORAGE_FAILURE");
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
        assert_eq!(pieces("abc", &(2..9), 1), None);
    }
}
