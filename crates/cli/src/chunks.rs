//! Reads an input of any size as a sequence of text chunks of at most `CHUNK` bytes, so memory
//! stays bounded by the chunk and not by the file. A chunk is cut just after a newline (in a line
//! longer than a chunk, after its last whole character); in a HAR file, between two entries of
//! `log.entries`, each later piece framed as a HAR of its own (see `har`). Each chunk carries the
//! 1-based line its text starts on and whether more follows. Bytes that are not UTF-8 become
//! U+FFFD, as a browser's text decoder makes them (a chunk grown past `CHUNK` by them is cut
//! again). What a chunk holds is left to `diagnose`.

use std::collections::VecDeque;
use std::io::{self, Read};

use ams_errors_core::diagnose::shape_of;
use ams_errors_core::report::Shape;

use crate::har::{Tracker, FRAME};

/// Bytes per chunk: the most the core reads of one text (`diagnose::MAX_INPUT`), so an input up to
/// that size is read in one piece, exactly as the widget reads a paste or a file.
pub const CHUNK: usize = ams_errors_core::diagnose::MAX_INPUT;

/// One piece of an input.
#[derive(Debug)]
pub struct Chunk {
    /// The text (U+FFFD where the input was not UTF-8); at most `CHUNK` bytes, plus `FRAME`.
    pub text: String,
    /// The 1-based line the text starts on (in a framed piece, the frame's line: the one before
    /// the piece's first).
    pub first_line: usize,
    /// More of the input follows: a document that does not close here is not cut off.
    pub continues: bool,
}

/// How an input is cut.
enum Cut {
    /// Not decided until the first buffer is read.
    Undecided,
    /// At line ends.
    Lines,
    /// Between HAR entries, where there is one in the buffer.
    Har {
        tracker: Tracker,
        /// Bytes of the buffer the tracker has read.
        read: usize,
        /// Where the last entry read ends, in the buffer.
        entry_end: Option<usize>,
    },
}

/// The chunks of a reader, in order.
pub struct Chunks<R> {
    reader: R,
    size: usize,
    buf: Vec<u8>,
    eof: bool,
    line: usize,
    cut: Cut,
    /// The last cut was between two HAR entries: the next piece is framed.
    at_entry: bool,
    pending: VecDeque<Chunk>,
}

impl<R: Read> Chunks<R> {
    /// Chunks of `reader`, `CHUNK` bytes at most.
    pub fn new(reader: R) -> Self {
        Self::with_size(reader, CHUNK)
    }

    /// Chunks of at most `size` bytes (at least 4, so a character always fits).
    pub fn with_size(reader: R, size: usize) -> Self {
        Chunks {
            reader,
            size: size.max(4),
            buf: Vec::new(),
            eof: false,
            line: 1,
            cut: Cut::Undecided,
            at_entry: false,
            pending: VecDeque::new(),
        }
    }

    /// The next chunk, `None` at the end of the input.
    pub fn next_chunk(&mut self) -> io::Result<Option<Chunk>> {
        if let Some(c) = self.pending.pop_front() {
            return Ok(Some(c));
        }
        if !self.eof && self.buf.len() < self.size {
            let want = self.size - self.buf.len();
            let got = (&mut self.reader).take(want as u64).read_to_end(&mut self.buf)?;
            self.eof = got < want;
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let (cut, at_entry) = self.cut_here();
        let rest = self.buf.split_off(cut);
        let raw = std::mem::replace(&mut self.buf, rest);
        if let Cut::Har { read, entry_end, .. } = &mut self.cut {
            *read = read.saturating_sub(cut);
            *entry_end = None;
        }
        let text = String::from_utf8(raw).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let framed = std::mem::replace(&mut self.at_entry, at_entry);
        self.split(text, framed);
        Ok(self.pending.pop_front())
    }

    /// Where to cut the buffer, and whether that is between two HAR entries.
    fn cut_here(&mut self) -> (usize, bool) {
        if let Cut::Undecided = self.cut {
            let har = !self.eof && shape_of(&String::from_utf8_lossy(&self.buf)) == Shape::Har;
            self.cut =
                if har { Cut::Har { tracker: Tracker::default(), read: 0, entry_end: None } } else { Cut::Lines };
        }
        if let Cut::Har { tracker, read, entry_end } = &mut self.cut {
            if let Some(end) = tracker.feed(self.buf.get(*read..).unwrap_or_default()) {
                *entry_end = Some(*read + end);
            }
            *read = self.buf.len();
            if let Some(end) = entry_end.filter(|_| !self.eof) {
                return (end, true);
            }
        }
        if self.eof {
            (self.buf.len(), false)
        } else {
            (cut_point(&self.buf), false)
        }
    }

    /// Queue `text` as chunks of at most `size` bytes (more than one only where U+FFFD grew it),
    /// framing the first as HAR entries when `framed`.
    fn split(&mut self, mut text: String, framed: bool) {
        let mut framed = framed;
        loop {
            let last = text.len() <= self.size;
            let tail = if last {
                String::new()
            } else {
                text.split_off(cut_point(text.as_bytes().get(..self.size).unwrap_or_default()))
            };
            let newlines = text.bytes().filter(|b| *b == b'\n').count();
            let chunk = if framed {
                // Drop the comma (and blanks) between the entry before the cut and the next.
                let body = text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
                let skipped = text.len() - body.len();
                let skipped_lines = text.bytes().take(skipped).filter(|b| *b == b'\n').count();
                let first_line = self.line + skipped_lines - 1;
                Chunk { text: format!("{FRAME}\n{body}"), first_line, continues: true }
            } else {
                Chunk { text, first_line: self.line, continues: true }
            };
            self.line += newlines;
            self.pending.push_back(chunk);
            framed = false;
            if last {
                break;
            }
            text = tail;
        }
        if let Some(c) = self.pending.back_mut() {
            c.continues = !(self.eof && self.buf.is_empty());
        }
    }
}

/// Where to cut a full buffer: just after its last newline, else (one line longer than the buffer)
/// after its last whole character, so no UTF-8 sequence is split.
fn cut_point(buf: &[u8]) -> usize {
    if let Some(nl) = buf.iter().rposition(|b| *b == b'\n') {
        return nl + 1;
    }
    // The last character that starts in the buffer: keep it if it is whole, else cut before it.
    let len = buf.len();
    let last = (len.saturating_sub(4)..len).rev().find(|i| buf.get(*i).is_some_and(|b| b & 0xC0 != 0x80));
    let Some(start) = last.filter(|s| *s > 0) else { return len };
    let need = match buf.get(start).copied().unwrap_or_default() {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    };
    if start + need <= len {
        len
    } else {
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8], size: usize) -> Vec<Chunk> {
        let mut c = Chunks::with_size(text, size);
        let mut out = Vec::new();
        while let Some(chunk) = c.next_chunk().unwrap() {
            out.push(chunk);
        }
        out
    }

    #[test]
    fn chunks_end_at_line_ends_and_count_lines() {
        let chunks = all(b"one\ntwo\nthree\nfour\n", 10);
        let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["one\ntwo\n", "three\n", "four\n"]);
        let lines: Vec<usize> = chunks.iter().map(|c| c.first_line).collect();
        assert_eq!(lines, [1, 3, 4]);
        let continues: Vec<bool> = chunks.iter().map(|c| c.continues).collect();
        assert_eq!(continues, [true, true, false]);
    }

    #[test]
    fn a_line_longer_than_a_chunk_is_cut_on_a_char_boundary() {
        let text = "é".repeat(20);
        let chunks = all(text.as_bytes(), 7);
        assert!(chunks.iter().all(|c| !c.text.contains('\u{FFFD}') && c.text.len() <= 7));
        assert_eq!(chunks.iter().map(|c| c.text.as_str()).collect::<String>(), text);
    }

    #[test]
    fn the_last_chunk_needs_no_newline_and_empty_input_has_none() {
        let chunks = all(b"a\nb", 64);
        assert_eq!(chunks.len(), 1);
        assert_eq!(chunks[0].text, "a\nb");
        assert!(!chunks[0].continues);
        assert!(all(b"", 64).is_empty());
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let chunks = all(b"ok \xff\xfe\nnext\n", 64);
        assert_eq!(chunks[0].text, "ok \u{FFFD}\u{FFFD}\nnext\n");
    }

    #[test]
    fn chunks_grown_by_replacement_characters_are_cut_again() {
        let mut input = b"\xff".repeat(30);
        input.extend_from_slice(b"\nend\n");
        let chunks = all(&input, 16);
        assert!(chunks.iter().all(|c| c.text.len() <= 16), "{chunks:?}");
        let joined: String = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(joined, format!("{}\nend\n", "\u{FFFD}".repeat(30)));
        assert_eq!(chunks.last().unwrap().first_line, 2);
    }

    #[test]
    fn a_har_is_cut_between_entries_and_later_pieces_are_framed() {
        let entry = "    {\n      \"response\": {\"status\": 200}\n    }";
        let har = format!("{{\n  \"log\": {{\n    \"entries\": [\n{}\n    ]\n  }}\n}}\n", [entry; 6].join(",\n"));
        let chunks = all(har.as_bytes(), 120);
        assert!(chunks.len() > 2, "{chunks:?}");
        assert!(chunks[0].text.starts_with("{\n  \"log\"") && chunks[0].text.ends_with('}'));
        let mut line = 1 + chunks[0].text.matches('\n').count();
        for c in &chunks[1..] {
            let body = c.text.strip_prefix(&format!("{FRAME}\n")).expect("framed");
            assert!(body.starts_with("{\n"), "{body:?}");
            assert_eq!(c.first_line, line, "the frame takes the line before the piece's first");
            line += c.text.matches('\n').count();
        }
        assert!(chunks.last().unwrap().text.ends_with("]\n  }\n}\n"));
    }
}
