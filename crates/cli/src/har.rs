//! Follows a HAR file's JSON as it streams past, byte by byte, so that a HAR bigger than a chunk
//! can be cut between two entries of `log.entries` rather than inside one, and each later piece
//! framed as a HAR of its own (`FRAME`): the core then reads every piece as a HAR, failing
//! entries only, instead of reading the rest of the file as free text. Where to cut is this
//! module's; cutting is `chunks`'s.

/// Put before a piece that starts with an entry, on a line of its own, so the core reads the
/// piece as a HAR's entries.
pub const FRAME: &str = "{\"log\":{\"entries\":[";

/// Where a stream of JSON is: string state, nesting depth, and whether it is inside
/// `log.entries`.
#[derive(Debug, Default)]
pub struct Tracker {
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

impl Tracker {
    /// Read the next `bytes` of the stream; the offset in `bytes` just after the last entry of
    /// `log.entries` that ends in them, if one does.
    pub fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut last = None;
        for (i, &b) in bytes.iter().enumerate() {
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
                } else if self.in_key && self.key.len() <= 8 {
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
                        last = Some(i + 1);
                    }
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth <= LOG_DEPTH {
                        self.in_entries = false;
                    }
                    self.after_entries_key = false;
                }
                b':' | b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => self.after_entries_key = false,
            }
        }
        last
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
    fn other_arrays_named_entries_do_not_count() {
        let mut t = Tracker::default();
        assert_eq!(t.feed(br#"{"log": {"creator": {"entries": [{}]}, "x": "entries", "y": [{}]}}"#), None);
    }
}
