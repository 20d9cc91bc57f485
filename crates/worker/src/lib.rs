//! What the widget's Web Worker runs while a file is read (`js/worker.js` drives it): `FileJob`
//! feeds a file to the core's streaming diagnosis and hands back its findings encoded for the
//! page (`wire`); `RedactJob` streams a file's bytes (or a paste's) through the redactor for a
//! redacted copy. A wasm of its own, without the UI, fetched only when a file is first opened: the
//! page's wasm carries neither the streaming diagnosis nor the redactor.
//!
//! A UTF-8 file comes as bytes (`feed_bytes`) and is decoded here, a character cut at a chunk's
//! end kept for the next: handing the wasm a JS string costs more than the diagnosis itself
//! (wasm-bindgen copies an ASCII string a character at a time, ~130 MiB/s), bytes are one copy.
//! A UTF-16 file (its byte-order mark) is decoded by the browser's streaming `TextDecoder` and
//! comes as text (`feed`).
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

use ams_errors_core::redact::{Options, Redactor};
use ams_errors_core::stream::Diagnosis;
use ams_errors_core::wire;
use wasm_bindgen::prelude::*;

/// The allocator of the wasm: talc is smaller than Rust's default (dlmalloc) and faster.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The first characters of a file that decide whether it is text.
const SNIFF: usize = 4096;

/// Whether the start of a decoded file is not text: a NUL character, or more than one in ten
/// characters that did not decode (U+FFFD).
pub fn looks_binary(start: &str) -> bool {
    let (mut n, mut bad) = (0, 0);
    for c in start.chars().take(SNIFF) {
        if c == '\0' {
            return true;
        }
        n += 1;
        bad += usize::from(c == char::REPLACEMENT_CHARACTER);
    }
    bad * 10 > n
}

/// What `FileJob::feed` found.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fed {
    /// Read; nothing new to show.
    Read = 0,
    /// New findings: `found()` has them.
    Found = 1,
    /// The file is not text: stop.
    NotText = 2,
}

/// The diagnosis of one file, fed in pieces.
#[wasm_bindgen]
#[derive(Default)]
pub struct FileJob {
    diagnosis: Diagnosis,
    windows: usize,
    sniffed: bool,
    /// The bytes of a character cut at the end of the last chunk (at most 3).
    carry: Vec<u8>,
}

#[wasm_bindgen]
impl FileJob {
    /// A job for a new file.
    #[wasm_bindgen(constructor)]
    pub fn new() -> FileJob {
        FileJob::default()
    }

    /// Read the next piece of the text.
    pub fn feed(&mut self, text: &str) -> Fed {
        if !self.sniffed && !text.is_empty() {
            self.sniffed = true;
            if looks_binary(text) {
                return Fed::NotText;
            }
        }
        self.diagnosis.feed(text);
        let windows = self.diagnosis.windows();
        if windows == self.windows {
            return Fed::Read;
        }
        self.windows = windows;
        Fed::Found
    }

    /// Read the next bytes of a UTF-8 file (bytes that are not UTF-8 read as U+FFFD).
    pub fn feed_bytes(&mut self, bytes: &[u8]) -> Fed {
        // A UTF-8 byte-order mark is not text (the browser's TextDecoder drops it too).
        let bytes = if self.sniffed { bytes } else { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) };
        if self.carry.is_empty() {
            if let Ok(text) = std::str::from_utf8(bytes) {
                return self.feed(text);
            }
        }
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        let mut text = String::with_capacity(data.len());
        let mut rest = data.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    text.push_str(s);
                    break;
                }
                Err(e) => {
                    let (valid, bad) = rest.split_at(e.valid_up_to());
                    text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    let Some(n) = e.error_len() else {
                        // Cut at the chunk's end: the rest of it comes with the next chunk.
                        self.carry = bad.to_vec();
                        break;
                    };
                    text.push(char::REPLACEMENT_CHARACTER);
                    rest = bad.get(n..).unwrap_or_default();
                }
            }
        }
        self.feed(&text)
    }

    /// The findings so far, encoded for the page.
    pub fn found(&self) -> Vec<u8> {
        wire::encode(&self.diagnosis.so_far())
    }

    /// The report on the whole file, encoded for the page.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.carry.is_empty() {
            // The file ends inside a character.
            self.carry.clear();
            self.diagnosis.feed("\u{FFFD}");
        }
        wire::encode(&self.diagnosis.finish())
    }
}

/// The name of the redacted copy of a file named `name`: `capture.har` -> `capture.redacted.har`.
#[wasm_bindgen]
pub fn copy_name(name: &str) -> String {
    ams_errors_core::redact::copy_name(name)
}

/// A redacted copy of one file, made in pieces.
#[wasm_bindgen]
pub struct RedactJob(Redactor);

#[wasm_bindgen]
impl RedactJob {
    /// A job that masks IP addresses too when `ip`.
    #[wasm_bindgen(constructor)]
    pub fn new(ip: bool) -> RedactJob {
        RedactJob(Redactor::new(Options { ip }))
    }

    /// The redacted copy of the next bytes (some may be held back until the next call).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        self.0.feed(bytes, &mut out);
        out
    }

    /// What was held back.
    pub fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.0.finish(&mut out);
        out
    }

    /// How many values were masked.
    pub fn masked(&self) -> usize {
        self.0.summary().total()
    }

    /// What was masked, how many of each kind.
    pub fn summary(&self) -> String {
        self.0.summary().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_binary() {
        assert!(!looks_binary("HTTP/1.1 403 Forbidden\r\n"));
        assert!(!looks_binary("{\"log\": {\"entries\": [] } } — ünïcode"));
        assert!(looks_binary("PK\u{3}\u{4}\0\0"));
        assert!(looks_binary(&"\u{FFFD}ab".repeat(20)));
        assert!(!looks_binary(""));
    }

    #[test]
    fn a_file_in_pieces_is_diagnosed_and_refused_when_binary() {
        let mut job = FileJob::new();
        assert_eq!(job.feed("HTTP/1.1 403 Forbidden\r\nx-ms-error-code: MPE_ENC_ENCRY"), Fed::Read);
        assert_eq!(job.feed("PTION_REQUIRED\r\n"), Fed::Read);
        let done = wire::decode(&job.finish()).expect("decodes");
        let names: Vec<_> = done.report.findings.iter().filter_map(|f| f.subject.entry()).map(|e| e.name).collect();
        assert_eq!(names, ["MPE_ENC_ENCRYPTION_REQUIRED", "403"]);
        assert_eq!(done.excerpts[0][0].line, 2);

        let mut binary = FileJob::new();
        assert_eq!(binary.feed("\u{7f}ELF\0\u{2}\u{1}"), Fed::NotText);
    }

    #[test]
    fn bytes_cut_anywhere_read_as_the_whole_text() {
        let text =
            "HTTP/1.1 403 Forbidden\r\nx-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED\r\nnote: naïve “quoted” 🎬\r\n";
        let whole = {
            let mut job = FileJob::new();
            job.feed(text);
            job.finish()
        };
        for size in 1..9 {
            let mut job = FileJob::new();
            for piece in text.as_bytes().chunks(size) {
                assert_ne!(job.feed_bytes(piece), Fed::NotText, "chunks of {size}");
            }
            assert_eq!(job.finish(), whole, "chunks of {size}");
        }
        // A byte-order mark is dropped; bytes that are not UTF-8 read as U+FFFD, also at the end.
        let mut bom = FileJob::new();
        bom.feed_bytes(b"\xEF\xBB\xBF{\"log\":");
        assert_eq!(wire::decode(&bom.finish()).map(|d| d.report.total), Some(7));
        let mut job = FileJob::new();
        job.feed_bytes(b"HTTP/1.1 404 Not Found \xff\r\n");
        job.feed_bytes(b"x \xe2\x80");
        let done = wire::decode(&job.finish()).expect("decodes");
        assert_eq!(done.report.total, "HTTP/1.1 404 Not Found \u{FFFD}\r\nx \u{FFFD}".len());
    }

    #[test]
    fn a_redacted_copy_in_pieces() {
        let text = "GET /x?sig=abcdefSECRET&se=2024 HTTP/1.1\r\nCookie: a=SECRETVALUE\r\n";
        let mut job = RedactJob::new(false);
        let mut out = Vec::new();
        for piece in text.as_bytes().chunks(7) {
            out.extend(job.feed(piece));
        }
        out.extend(job.finish());
        let out = String::from_utf8(out).expect("utf-8");
        assert!(!out.contains("SECRET"), "{out}");
        assert!(out.contains("se=2024"), "{out}");
        assert_eq!(job.masked(), 2);
        assert!(job.summary().contains("cookie"), "{}", job.summary());
    }
}
