//! The diagnosis of a text of any size, fed in pieces: `Diagnosis::feed` takes the text as it
//! comes (pieces of any size, split anywhere, even inside a line or a token; decoding bytes is
//! the caller's, with a streaming UTF-8 decoder), and `finish` returns the report of the whole,
//! with each finding's excerpts (line numbers counted from the start of the text). A text up to
//! the window (`WINDOW`, 8 MiB: what `diagnose` reads of one text) is read in one piece, exactly
//! as `diagnose` reads it. A longer one is cut into windows, each read on its own with
//! `diagnose`'s readers and merged: findings per subject (counts added, the first places kept),
//! notes each once, a HAR's failure tally added up. A window ends just after the last newline in
//! it (a line longer than the window is cut at a character boundary); in a HAR, just after the
//! last entry of `log.entries` that ends in it, and the next window is framed as a HAR of its own
//! (`{"log":{"entries":[` on a line before it), so the failing entries of a capture of any size are
//! read as HAR entries. Other JSON documents are read as a document in their first window only.
//!
//! Where a window ends depends only on the text (its first bytes decide how to cut, and a cut is
//! made only when the text is known past the window), never on how it was split into `feed`
//! calls, so neither does the report. Memory is one window and the findings, never the text.
//! Pure; no DOM here.

use std::ops::Range;

use crate::catalog::Entry;
use crate::diagnose::{self, floor_char_boundary, shape_of, skip_spaces, string_stop, MAX_FIXES, MAX_INPUT, MAX_NOTES};
use crate::excerpt::{count_newlines, excerpts, Excerpt, Lines};
use crate::notes::NoteKind;
use crate::report::{Finding, Note, Report, Shape, UrlFix, MAX_SPANS};

/// The window a text is cut into by default: what `diagnose` reads of one text.
pub const WINDOW: usize = MAX_INPUT;

/// The smallest window (`Diagnosis::with_window` raises a smaller one to it): room for the
/// HAR frame and a few characters.
pub const MIN_WINDOW: usize = 64;

/// Put before a window that starts with a HAR entry, on a line of its own, so that the window is
/// read as a HAR's entries.
const FRAME: &str = "{\"log\":{\"entries\":[\n";

/// A diagnosis in progress: feed it text, then `finish` it.
///
/// ```
/// use ams_errors_core::stream::Diagnosis;
///
/// let mut d = Diagnosis::new();
/// d.feed("HTTP/1.1 403 Forbidden\r\nx-ms-error-code: MPE_ENC_ENCRY");
/// d.feed("PTION_REQUIRED\r\n");
/// let done = d.finish();
/// assert_eq!(done.report.findings[0].subject.entry().map(|e| e.name), Some("MPE_ENC_ENCRYPTION_REQUIRED"));
/// assert_eq!(done.excerpts[0][0].line, 2);
/// ```
#[derive(Debug)]
pub struct Diagnosis {
    /// The most bytes one window holds.
    window: usize,
    /// The text not read yet: the current window (after the HAR frame, if any) and what follows.
    buf: String,
    /// Bytes of `buf` that are the HAR frame (0 or `FRAME.len()`), not text.
    prefix: usize,
    /// Offset in the whole text of `buf[prefix]`.
    base: usize,
    /// The 1-based line of `buf[prefix]`.
    line: usize,
    /// Just cut after a HAR entry: the commas and blanks before the next are being dropped.
    skipping: bool,
    cut: Cut,
    /// Bytes fed in all.
    total: usize,
    merged: Merged,
}

/// How a text longer than a window is cut.
#[derive(Debug)]
enum Cut {
    /// Not known until the first window is full.
    Undecided,
    /// At line ends.
    Lines,
    /// After HAR entries, where one ends in the window (else at a line end).
    Har {
        tracker: Tracker,
        /// Offset in the whole text up to which the tracker has read.
        tracked: usize,
        /// Offset in the whole text just after the last entry the tracker saw end.
        last_end: Option<usize>,
    },
}

/// What the windows read so far found, merged.
#[derive(Clone, Debug, Default)]
struct Merged {
    /// Windows read.
    windows: usize,
    /// Findings ranked as a report ranks them, each with its excerpts.
    found: Vec<(Finding, Vec<Excerpt>)>,
    notes: Vec<Note>,
    /// The first window's "nothing recognised", said only if no window finds anything.
    nothing: Option<Note>,
    /// The first suggestions (and the words searched for them), kept for a text with no finding.
    suggestions: Option<(Vec<&'static Entry>, Vec<String>)>,
    url_fixes: Vec<UrlFix>,
    tally: HarTally,
    /// The last window's HAR did not close.
    cut_off: bool,
    shape: Shape,
}

/// Where a window sits in the whole text.
#[derive(Clone, Copy)]
struct Place {
    /// Bytes of the window that are the frame.
    prefix: usize,
    /// Offset in the whole text of the window's byte `prefix`.
    base: usize,
    /// The line of the window's byte `prefix`.
    line: usize,
}

impl Place {
    fn offset(self, o: usize) -> usize {
        self.base + o.saturating_sub(self.prefix)
    }

    fn span(self, s: &Range<usize>) -> Range<usize> {
        self.offset(s.start)..self.offset(s.end)
    }

    /// The line in the whole text of a window's line: a framed window's line 2 is `line`.
    fn line_of(self, l: usize) -> usize {
        (l + self.line).saturating_sub(1 + usize::from(self.prefix > 0)).max(1)
    }
}

/// The whole text's report, and where each finding was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnosed {
    /// The report of the whole text: spans and notes' spans are offsets in the whole text, as
    /// `diagnose` would give for a text it read whole.
    pub report: Report,
    /// For each of `report.findings`, in the same order: the excerpts of its first places (spans
    /// on one line share one), line numbers counted from the start of the text.
    pub excerpts: Vec<Vec<Excerpt>>,
}

impl Diagnosed {
    /// Each finding with its excerpts.
    pub fn places(&self) -> impl Iterator<Item = (&Finding, &[Excerpt])> {
        self.report.findings.iter().zip(self.excerpts.iter().map(Vec::as_slice))
    }
}

impl Default for Diagnosis {
    fn default() -> Self {
        Self::new()
    }
}

impl Diagnosis {
    /// A diagnosis that cuts at `WINDOW` bytes.
    pub fn new() -> Self {
        Self::with_window(WINDOW)
    }

    /// A diagnosis that cuts at `window` bytes (at least `MIN_WINDOW`, at most `WINDOW`): a small
    /// window makes a test's text span several.
    pub fn with_window(window: usize) -> Self {
        Diagnosis {
            window: window.clamp(MIN_WINDOW, WINDOW),
            buf: String::new(),
            prefix: 0,
            base: 0,
            line: 1,
            skipping: false,
            cut: Cut::Undecided,
            total: 0,
            merged: Merged::default(),
        }
    }

    /// Read the next piece of the text.
    pub fn feed(&mut self, text: &str) {
        self.total += text.len();
        let mut text = text;
        while !text.is_empty() {
            if self.skipping {
                text = self.skip(text);
                continue;
            }
            // Whole characters, until the window is known to be full (a byte past it is known).
            let room = (self.window + 1).saturating_sub(self.buf.len()).max(1);
            let take = ceil_char_boundary(text, room);
            let (head, rest) = (text.get(..take).unwrap_or(text), text.get(take..).unwrap_or_default());
            self.reserve(head.len());
            self.buf.push_str(head);
            text = rest;
            while self.buf.len() > self.window {
                self.cut_window();
            }
        }
    }

    /// Bytes fed so far.
    pub fn fed(&self) -> usize {
        self.total
    }

    /// The findings of the windows read so far, ranked, each with its excerpts (nothing until
    /// the first window is full: a text of one window is read by `finish`).
    pub fn findings(&self) -> impl Iterator<Item = (&Finding, &[Excerpt])> {
        self.merged.found.iter().map(|(f, e)| (f, e.as_slice()))
    }

    /// Windows read so far (none until the first is full): when it grows, `so_far` has more.
    pub fn windows(&self) -> usize {
        self.merged.windows
    }

    /// The report of the windows read so far, with the excerpts: what `finish` gives for the text
    /// up to the end of the last window read (`report.total`), except for what only the text's end
    /// tells (a HAR or JSON document cut off there). An empty report until the first window is
    /// full. Leaves the diagnosis as it is.
    pub fn so_far(&self) -> Diagnosed {
        if self.merged.windows == 0 {
            return Diagnosed { report: Report::default(), excerpts: Vec::new() };
        }
        self.merged.clone().finish(self.base)
    }

    /// Read what is left and report on the whole text.
    pub fn finish(mut self) -> Diagnosed {
        if self.merged.windows == 0 {
            // One window: read whole, as `diagnose` reads a paste.
            let report = diagnose::diagnose(&self.buf);
            let lines = Lines::new(&self.buf, report.findings.iter().flat_map(|f| f.spans.iter().map(|s| s.start)));
            let excerpts = report.findings.iter().map(|f| excerpts(&self.buf, &f.spans, &lines)).collect();
            return Diagnosed { report, excerpts };
        }
        let end = self.buf.len();
        self.read_window(end, true);
        self.merged.finish(self.total)
    }

    /// Grow `buf` for `more` bytes, never past a window and a frame.
    fn reserve(&mut self, more: usize) {
        let need = self.buf.len() + more;
        if need > self.buf.capacity() {
            let most = self.window + 4 + FRAME.len();
            let want = need.max(self.buf.capacity() * 2).min(most).max(need);
            self.buf.reserve_exact(want - self.buf.len());
        }
    }

    /// Drop the commas and blanks at the start of `text` (after a HAR entry), counting them.
    fn skip<'t>(&mut self, text: &'t str) -> &'t str {
        let rest = text.trim_start_matches(skipped);
        let n = text.len() - rest.len();
        self.base += n;
        self.line += count_newlines(text.as_bytes().get(..n).unwrap_or_default());
        self.skipping = rest.is_empty();
        rest
    }

    /// Read the full window at the start of `buf` and drop it.
    fn cut_window(&mut self) {
        let (at, entry) = self.cut_point();
        self.read_window(at, false);
        let body = self.buf.as_bytes().get(self.prefix..at).unwrap_or_default();
        self.line += count_newlines(body);
        self.base += at - self.prefix;
        if entry {
            // Frame the next entries, dropping the comma and blanks before them.
            let after = self.buf.get(at..).unwrap_or_default();
            let n = after.len() - after.trim_start_matches(skipped).len();
            self.line += count_newlines(after.as_bytes().get(..n).unwrap_or_default());
            self.base += n;
            self.skipping = n == after.len();
            self.buf.replace_range(..at + n, FRAME);
            self.prefix = FRAME.len();
        } else {
            self.buf.replace_range(..at, "");
            self.prefix = 0;
        }
    }

    /// Where the full window ends (an offset of `buf` past the frame, on a character boundary),
    /// and whether that is just after a HAR entry.
    fn cut_point(&mut self) -> (usize, bool) {
        let limit = floor_char_boundary(&self.buf, self.window);
        if let Cut::Undecided = self.cut {
            let har = shape_of(self.buf.get(..limit).unwrap_or_default()) == Shape::Har;
            self.cut =
                if har { Cut::Har { tracker: Tracker::default(), tracked: 0, last_end: None } } else { Cut::Lines };
        }
        if let Cut::Har { tracker, tracked, last_end } = &mut self.cut {
            // The tracker reads up to the window's end, once.
            let end = self.base + (self.window - self.prefix);
            let from = (*tracked).max(self.base);
            if from < end {
                let bytes = self.buf.as_bytes().get(self.prefix + (from - self.base)..self.window).unwrap_or_default();
                if let Some(e) = tracker.feed(bytes) {
                    *last_end = Some(from + e);
                }
                *tracked = end;
            }
            if let Some(e) = last_end.filter(|e| *e > self.base && *e <= end) {
                let at = self.prefix + (e - self.base);
                if self.buf.is_char_boundary(at) {
                    return (at, true);
                }
            }
        }
        let body = self.buf.as_bytes().get(self.prefix..limit).unwrap_or_default();
        match body.iter().rposition(|b| *b == b'\n') {
            Some(nl) => (self.prefix + nl + 1, false),
            None => (limit, false),
        }
    }

    /// Read `buf[..at]` as one window of several (`last`: the text ends with it).
    fn read_window(&mut self, at: usize, last: bool) {
        let place = Place { prefix: self.prefix, base: self.base, line: self.line };
        let text = self.buf.get(..at).unwrap_or_default();
        self.merged.windows += 1;
        if text.get(self.prefix..).is_none_or(|b| b.trim().is_empty()) {
            return;
        }
        let suggest = self.merged.found.is_empty() && self.merged.suggestions.is_none();
        self.merged.absorb(text, diagnose::paste(text, suggest), place, last);
    }
}

/// What is dropped between a HAR entry and the next.
fn skipped(c: char) -> bool {
    c.is_ascii_whitespace() || c == ','
}

/// The smallest char boundary of `s` at or after `i` (its length past the end).
fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Merged {
    /// Merge one window's report.
    fn absorb(&mut self, text: &str, report: Report, place: Place, last: bool) {
        if self.shape == Shape::Empty {
            self.shape = report.shape;
        }
        let lines = Lines::new(text, report.findings.iter().flat_map(|f| f.spans.iter().map(|s| s.start)));
        let shown = |spans: &[Range<usize>]| -> Vec<Excerpt> {
            let mut ex = excerpts(text, spans, &lines);
            for e in &mut ex {
                e.line = place.line_of(e.line);
            }
            ex
        };
        for f in report.findings {
            let rank = f.subject.rank();
            match self.found.iter_mut().find(|(g, _)| g.subject == f.subject) {
                Some((g, ex)) => {
                    g.count += f.count;
                    if g.detail.is_none() {
                        g.detail = f.detail;
                    }
                    let mut fresh = Vec::new();
                    for s in f.spans {
                        let whole = place.span(&s);
                        if g.spans.len() < MAX_SPANS && !g.spans.contains(&whole) {
                            g.spans.push(whole);
                            fresh.push(s);
                        }
                    }
                    ex.extend(shown(&fresh));
                    ex.truncate(MAX_SPANS);
                }
                None => {
                    let ex = shown(&f.spans);
                    let spans = f.spans.iter().map(|s| place.span(s)).collect();
                    let at = self.found.iter().position(|(g, _)| g.subject.rank() > rank).unwrap_or(self.found.len());
                    self.found.insert(at, (Finding { spans, ..f }, ex));
                }
            }
        }
        for n in report.notes {
            let span = n.span.as_ref().map(|s| place.span(s));
            match n.kind {
                // Windows are at most what `diagnose` reads, and one that does not close goes on.
                NoteKind::Truncated { .. } => {}
                NoteKind::HarCutOff(_) => self.cut_off = last,
                NoteKind::JsonCutOff if !last => {}
                // Each window counts its own entries: added up at the end.
                kind @ (NoteKind::HarFailures { .. } | NoteKind::HarAllOk(_)) => self.tally.add(kind),
                kind @ NoteKind::NothingRecognised { .. } => {
                    self.nothing.get_or_insert(Note { kind, span });
                }
                kind => note(&mut self.notes, Note { kind, span }),
            }
        }
        if self.suggestions.is_none() && !report.suggestions.is_empty() {
            self.suggestions = Some((report.suggestions, report.searched));
        }
        for u in report.url_fixes {
            if self.url_fixes.len() < MAX_FIXES && !self.url_fixes.iter().any(|o| o.urls == u.urls) {
                self.url_fixes.push(UrlFix { span: place.span(&u.span), ..u });
            }
        }
    }

    /// The report of every window.
    fn finish(mut self, total: usize) -> Diagnosed {
        if let Some(kind) = self.tally.note() {
            note(&mut self.notes, Note { kind, span: None });
        }
        if self.cut_off {
            note(&mut self.notes, Note { kind: NoteKind::HarCutOff(self.tally.total), span: None });
        }
        let (findings, excerpts): (Vec<Finding>, Vec<Vec<Excerpt>>) = self.found.into_iter().unzip();
        let mut report = Report { shape: self.shape, analyzed: total, total, ..Report::default() };
        if findings.is_empty() {
            if let Some(n) = self.nothing {
                note(&mut self.notes, n);
            }
            if let Some((suggestions, searched)) = self.suggestions {
                report.suggestions = suggestions;
                report.searched = searched;
            }
        }
        report.findings = findings;
        report.notes = self.notes;
        report.url_fixes = self.url_fixes;
        Diagnosed { report, excerpts }
    }
}

/// Add a note unless one of its kind is there, up to what a report holds.
fn note(notes: &mut Vec<Note>, n: Note) {
    if notes.len() < MAX_NOTES && !notes.iter().any(|o| o.kind == n.kind) {
        notes.push(n);
    }
}

/// A HAR's failures over all its windows: what each window's `HarFailures` or `HarAllOk` note
/// says of its own entries, added up.
#[derive(Clone, Debug, Default)]
struct HarTally {
    failing: usize,
    total: usize,
    groups: Vec<(String, usize)>,
    more: bool,
}

impl HarTally {
    fn add(&mut self, kind: NoteKind) {
        match kind {
            NoteKind::HarAllOk(total) => self.total += total,
            NoteKind::HarFailures { failing, total, groups, more } => {
                self.failing += failing;
                self.total += total;
                self.more |= more;
                for (label, n) in groups {
                    match self.groups.iter_mut().find(|(l, _)| *l == label) {
                        Some(g) => g.1 += n,
                        None => self.groups.push((label, n)),
                    }
                }
            }
            _ => {}
        }
    }

    /// The one note for the whole HAR, as the HAR reader words it for a HAR read whole. Leaves
    /// the count of entries.
    fn note(&mut self) -> Option<NoteKind> {
        if self.failing == 0 {
            return (self.total > 0).then_some(NoteKind::HarAllOk(self.total));
        }
        let mut groups = std::mem::take(&mut self.groups);
        crate::search::sort_small(&mut groups, |g| std::cmp::Reverse(g.1));
        let more = self.more || groups.len() > 8;
        groups.truncate(8);
        Some(NoteKind::HarFailures { failing: self.failing, total: self.total, groups, more })
    }
}

/// Follows a HAR's JSON byte by byte as it streams past, to find where entries of `log.entries`
/// end (and nothing else: not other arrays named `entries`, not braces inside strings).
#[derive(Debug, Default)]
struct Tracker {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Collecting a string at the depth of `log`'s keys.
    in_key: bool,
    key: Vec<u8>,
    /// The last thing read at that depth was the key `"entries"` (and its colon).
    after_entries_key: bool,
    /// Inside the `entries` array.
    in_entries: bool,
}

/// Depth of `log`'s keys: the root object is 1, `log`'s object 2.
const LOG_DEPTH: usize = 2;

/// Whether the tracker reads 64 bytes at a time where it can: only where it finds their marks
/// sixteen bytes at a time (wasm's SIMD, in the worker's build). One by one, finding them costs
/// more than reading the bytes.
const BLOCKS: bool = cfg!(all(feature = "simd", target_arch = "wasm32"));

impl Tracker {
    /// Read the next `bytes`; the offset in `bytes` just after the last entry of `log.entries`
    /// that ends in them, if one does.
    fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        self.read(bytes, BLOCKS)
    }

    /// `feed`, inside `entries` 64 bytes at a time if `blocks`, else byte by byte (what the
    /// block-wise reading is tested against).
    fn read(&mut self, bytes: &[u8], blocks: bool) -> Option<usize> {
        let mut last = None;
        let mut i = 0;
        // Bytes before this are read one by one: a block there held a backslash.
        let mut bytewise = 0;
        while let Some(&b) = bytes.get(i) {
            // Inside `entries` (most of a HAR), 64 bytes at a time while they hold no backslash.
            if blocks && i >= bytewise && self.in_entries && !self.escaped {
                if let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<64>) {
                    let marks = Marks::of(block);
                    if marks.backslash == 0 {
                        let (read, end) = self.block(block, &marks);
                        last = end.map(|e| i + e).or(last);
                        i += read;
                        continue;
                    }
                    bytewise = i + 64;
                }
            }
            i += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.in_key {
                        self.in_key = false;
                        self.after_entries_key = self.key == b"entries";
                    }
                } else if !self.in_key {
                    // Nothing in a value matters but where it ends.
                    i = string_stop(bytes, i, bytes.len());
                } else if self.key.len() <= 8 {
                    self.key.push(b);
                }
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.in_key = self.depth == LOG_DEPTH;
                    self.key.clear();
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    if b == b'[' && self.depth == LOG_DEPTH + 1 && self.after_entries_key {
                        self.in_entries = true;
                    }
                    self.after_entries_key = false;
                }
                b'}' | b']' => {
                    if b == b'}' && self.in_entries && self.depth == LOG_DEPTH + 2 {
                        last = Some(i);
                    }
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth <= LOG_DEPTH {
                        self.in_entries = false;
                    }
                    self.after_entries_key = false;
                }
                b' ' => i = skip_spaces(bytes, i, bytes.len()),
                b':' | b'\t' | b'\r' | b'\n' => {}
                _ => self.after_entries_key = false,
            }
        }
        last
    }

    /// Read `block`, 64 bytes inside `entries` that hold no backslash, from its marks: strings
    /// are where an odd number of quotes is behind, and only brackets outside them count. The
    /// bytes read (fewer than 64 when the `entries` array closes in them: the rest is read byte
    /// by byte), and the offset just after the last entry that ends in them.
    fn block(&mut self, block: &[u8; 64], marks: &Marks) -> (usize, Option<usize>) {
        let mut inside = marks.quote;
        for shift in [1, 2, 4, 8, 16, 32] {
            inside ^= inside << shift;
        }
        if self.in_string {
            inside = !inside;
        }
        let mut last = None;
        let mut brackets = marks.bracket & !inside;
        while brackets != 0 {
            let at = brackets.trailing_zeros() as usize;
            brackets &= brackets - 1;
            let b = block.get(at).copied().unwrap_or_default();
            if matches!(b, b'{' | b'[') {
                self.depth += 1;
                continue;
            }
            if b == b'}' && self.depth == LOG_DEPTH + 2 {
                last = Some(at + 1);
            }
            self.depth = self.depth.saturating_sub(1);
            if self.depth <= LOG_DEPTH {
                // Out of `entries`, outside a string: the rest byte by byte.
                (self.in_entries, self.in_string) = (false, false);
                return (at + 1, last);
            }
        }
        self.in_string = inside >> 63 == 1;
        (64, last)
    }
}

/// Where 64 bytes of JSON hold its marks, a bit each (bit `k` for byte `k`).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Marks {
    pub quote: u64,
    pub backslash: u64,
    /// `{`, `}`, `[` and `]`.
    pub bracket: u64,
}

impl Marks {
    /// The marks of `block`: sixteen bytes at a time with the `simd` feature in a wasm.
    fn of(block: &[u8; 64]) -> Marks {
        #[cfg(all(feature = "simd", target_arch = "wasm32"))]
        {
            crate::simd::marks(block)
        }
        #[cfg(not(all(feature = "simd", target_arch = "wasm32")))]
        {
            Marks::one_by_one(block)
        }
    }

    /// The marks of `block`, byte by byte.
    #[cfg_attr(all(feature = "simd", target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn one_by_one(block: &[u8; 64]) -> Marks {
        let mut m = Marks::default();
        for (k, &b) in block.iter().enumerate() {
            let bit = |is: bool| u64::from(is) << k;
            m.quote |= bit(b == b'"');
            m.backslash |= bit(b == b'\\');
            m.bracket |= bit(matches!(b, b'{' | b'}' | b'[' | b']'));
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ends_are_found_and_nothing_else() {
        let har = br#"{"log": {"pages": [{"id": "}"}], "entries": [{"a": {"b": "x\"}"}}, {"c": [1, {}]}]}}"#;
        let mut t = Tracker::default();
        let end = t.feed(har).unwrap();
        assert_eq!(
            &har[..end],
            br#"{"log": {"pages": [{"id": "}"}], "entries": [{"a": {"b": "x\"}"}}, {"c": [1, {}]}"#
        );
        // Fed in pieces, the state carries over.
        let mut t = Tracker::default();
        let (a, b) = har.split_at(40);
        assert_eq!(t.feed(a), None);
        assert_eq!(t.feed(b).map(|e| e + 40), Some(end));
    }

    #[test]
    fn strings_are_skipped_to_their_end_whatever_the_pieces() {
        // Escaped quotes and backslashes, multi-byte characters beside quotes, long values, runs
        // of spaces, and `"entries"` inside a value.
        let har = concat!(
            r#"{"log": {"pages": [{"id": "é\\\"}]}\\"}], "x": "entries",          "#,
            r#""entries":           [{"a": "0123456789abcdef\"}{\\ü", "b": "\\"}, "#,
            r#"{"c": "ü\"}"}        , {"d": "\"\\\\\"}"}]}}"#,
        )
        .as_bytes();
        let mut t = Tracker::default();
        let all: Vec<usize> = (0..har.len()).filter_map(|i| t.feed(&har[i..i + 1]).map(|_| i + 1)).collect();
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|e| har[e - 1] == b'}'));
        for i in 0..=har.len() {
            let (a, b) = har.split_at(i);
            let mut t = Tracker::default();
            let got = [t.feed(a), t.feed(b).map(|e| e + i)];
            let want = [all.iter().rev().find(|e| **e <= i).copied(), all.last().copied().filter(|e| *e > i)];
            assert_eq!(got, want, "split at {i}");
        }
    }

    /// Any text, HAR or not, in any pieces: the entry ends found 64 bytes at a time are those
    /// found byte by byte, and so is the state after each piece.
    #[cfg(not(target_arch = "wasm32"))]
    mod blocks {
        use super::*;
        use proptest::prelude::*;

        /// The state that decides what comes next (not the last key's bytes, read again at the
        /// next).
        fn state(t: &Tracker) -> (usize, bool, bool, bool, bool) {
            (t.depth, t.in_string, t.escaped, t.after_entries_key, t.in_entries)
        }

        const BITS: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            "\"",
            "\\",
            ":",
            ",",
            " ",
            "    ",
            "\n",
            "a",
            "é",
            "\"url\": \"https://x/y?z=1\"",
            "\"entries\"",
            "\"entries\": [",
            "{\"log\": {",
            "\"\\\"}\"",
            "0123456789abcdef0123456789",
        ];

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
            #[test]
            fn read_in_blocks_or_byte_by_byte_alike(
                start in prop::sample::select(vec!["", "{\"log\": {\"entries\": [", "{\"log\":{\"pages\":[{}],\"entries\":["]),
                bits in prop::collection::vec(prop::sample::select(BITS), 0..300),
                cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
            ) {
                let text = format!("{start}{}", bits.concat());
                let bytes = text.as_bytes();
                let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
                at.sort_unstable();
                let (mut fast, mut slow) = (Tracker::default(), Tracker::default());
                let mut from = 0;
                for to in at.into_iter().chain([bytes.len()]) {
                    let piece = &bytes[from..to];
                    prop_assert_eq!(fast.read(piece, true), slow.read(piece, false), "piece {}..{}", from, to);
                    prop_assert_eq!(state(&fast), state(&slow));
                    from = to;
                }
            }
        }

        #[test]
        fn the_marks_are_where_the_bytes_are() {
            let block: [u8; 64] = *br#"{"a": "b\"}", "c": [1, {"d": "]"}]}                             "#;
            let m = Marks::of(&block);
            let at = |c: u8| block.iter().enumerate().filter(|(_, b)| **b == c).fold(0u64, |m, (k, _)| m | 1 << k);
            assert_eq!(m.quote, at(b'"'));
            assert_eq!(m.backslash, at(b'\\'));
            assert_eq!(m.bracket, at(b'{') | at(b'}') | at(b'[') | at(b']'));
        }
    }

    #[test]
    fn other_arrays_named_entries_do_not_count() {
        let mut t = Tracker::default();
        assert_eq!(t.feed(br#"{"log": {"creator": {"entries": [{}]}, "x": "entries", "y": [{}]}}"#), None);
    }

    #[test]
    fn the_tally_adds_up_and_words_it_as_for_a_har_read_whole() {
        let mut t = HarTally::default();
        t.add(NoteKind::HarAllOk(5));
        t.add(NoteKind::HarFailures { failing: 1, total: 3, groups: vec![("a".into(), 1)], more: false });
        t.add(NoteKind::HarFailures {
            failing: 3,
            total: 4,
            groups: vec![("b".into(), 2), ("a".into(), 1)],
            more: false,
        });
        let want = vec![("a".to_string(), 2), ("b".to_string(), 2)];
        assert_eq!(t.note(), Some(NoteKind::HarFailures { failing: 4, total: 12, groups: want, more: false }));
    }

    #[test]
    fn a_log_is_cut_after_its_last_newline_in_the_window() {
        let mut d = Diagnosis::with_window(64);
        let line = "0123456789 abcdefghij\n"; // 22 bytes: two fit a window of 64, a third does not
        d.feed(&line.repeat(4));
        assert_eq!((d.merged.windows, d.base, d.line), (1, 44, 3));
        assert_eq!(d.buf, line.repeat(2));
    }
}

/// Throughput on a big file (`AMS_BENCH_HAR`, default `/tmp/h100.har`, e.g. from
/// `node scripts/gen-har.mjs /tmp/h100.har 100`) and on a free-text log of about 100 MB:
/// `cargo test --release -p ams-errors-core stream::speed -- --ignored --nocapture`.
#[cfg(test)]
mod speed {
    use super::*;
    use std::time::Instant;

    fn mib_s(bytes: usize, t: Instant) -> f64 {
        bytes as f64 / (1 << 20) as f64 / t.elapsed().as_secs_f64()
    }

    /// Fed in pieces of 1 MiB: the best of three runs.
    fn stream(name: &str, text: &str) {
        let mut most = 0.0f64;
        for _ in 0..3 {
            let t = Instant::now();
            let mut d = Diagnosis::new();
            let mut rest = text;
            while !rest.is_empty() {
                let (a, b) = rest.split_at(ceil_char_boundary(rest, 1 << 20));
                d.feed(a);
                rest = b;
            }
            assert!(!d.finish().report.findings.is_empty());
            most = most.max(mib_s(text.len(), t));
        }
        println!("{name}: {most:.0} MiB/s");
    }

    #[test]
    #[ignore]
    fn speed() {
        let path = std::env::var("AMS_BENCH_HAR").unwrap_or_else(|_| "/tmp/h100.har".into());
        if let Ok(har) = std::fs::read_to_string(&path) {
            stream("har", &har);
            let window = har.get(..floor_char_boundary(&har, WINDOW)).unwrap_or_default();
            let best = |name: &str, bytes: usize, f: &mut dyn FnMut()| {
                let most = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        mib_s(bytes, t)
                    })
                    .fold(0.0, f64::max);
                println!("  {name}: {most:.0} MiB/s");
            };
            best("tracker", har.len(), &mut || {
                let _ = std::hint::black_box(Tracker::default().feed(har.as_bytes()));
            });
            best("string_stop", har.len(), &mut || {
                let (b, mut i, mut n) = (har.as_bytes(), 0, 0);
                while i < b.len() {
                    i = string_stop(b, i, b.len()) + 1;
                    n += 1;
                }
                std::hint::black_box(n);
            });
            best("walk", window.len(), &mut || {
                let _ = std::hint::black_box(diagnose::json::walk(window, 0..window.len(), |_, _, _, _| {}));
            });
            best("paste", window.len(), &mut || drop(diagnose::paste(window, true)));
        }
        let log = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/pastes/log_hresults.txt"
        ))
        .unwrap_or_default();
        stream("log", &log.repeat((100 << 20) / log.len().max(1)));
    }
}
