//! Reads an input of any size as text, a buffer at a time, so memory stays bounded by the buffer
//! and not by the file: each buffer's bytes are decoded as UTF-8 and handed on, a character cut at
//! the buffer's end carried into the next. Bytes that are not UTF-8 become U+FFFD, exactly as
//! `String::from_utf8_lossy` (and a browser's streaming `TextDecoder`) makes them of the whole
//! input, wherever the buffers end. Where the text is cut into windows and what it holds is the
//! core's (`stream::Diagnosis`).

use std::io::{self, Read};

/// Bytes read at a time.
pub const BUFFER: usize = 1 << 20;

/// Read `input` to its end, handing its text to `text` in pieces.
pub fn decode(input: impl Read, text: impl FnMut(&str)) -> io::Result<()> {
    decode_with(input, BUFFER, text)
}

/// `decode`, reading `size` bytes at a time (at least 4).
pub fn decode_with(mut input: impl Read, size: usize, mut text: impl FnMut(&str)) -> io::Result<()> {
    let mut buf = vec![0u8; size.max(4)];
    // Bytes at the start of `buf`: the start of a character cut at the last buffer's end.
    let mut kept = 0;
    loop {
        let n = match input.read(buf.get_mut(kept..).unwrap_or_default()) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let end = kept + n;
        let eof = n == 0;
        let mut at = 0;
        while at < end {
            let bytes = buf.get(at..end).unwrap_or_default();
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    text(s);
                    at = end;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    if let Some(s) = bytes.get(..good).and_then(|b| std::str::from_utf8(b).ok()) {
                        text(s);
                    }
                    match e.error_len() {
                        Some(bad) => {
                            text("\u{FFFD}");
                            at += good + bad;
                        }
                        // A character cut at the end of the input.
                        None if eof => {
                            text("\u{FFFD}");
                            at = end;
                        }
                        // A character cut at the end of the buffer: carried into the next.
                        None => {
                            at += good;
                            break;
                        }
                    }
                }
            }
        }
        if eof {
            return Ok(());
        }
        buf.copy_within(at..end, 0);
        kept = end - at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `step` bytes per read.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(out.len()).min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn all(bytes: &[u8], step: usize, size: usize) -> String {
        let mut out = String::new();
        decode_with(Trickle(bytes, step), size, |s| out.push_str(s)).unwrap();
        out
    }

    #[test]
    fn any_buffering_decodes_as_the_whole_input_does() {
        let inputs: [&[u8]; 6] = [
            "é€😀 plain\r\n".as_bytes(),
            b"ok \xff\xfe\nnext\n",
            b"cut \xe2\x82",
            b"\xf0\x9f\x98\x80\xf0\x9f",
            b"\xc3\x28 \xe2\x28\xa1 \xf0\x28\x8c\x28",
            b"",
        ];
        for input in inputs {
            let want = String::from_utf8_lossy(input);
            for step in 1..=input.len().max(1) {
                for size in [4, 5, 7, 64] {
                    assert_eq!(all(input, step, size), want, "{input:?}, {step} bytes a read, buffer {size}");
                }
            }
        }
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        assert_eq!(all(b"ok \xff\xfe\nnext\n", 64, 64), "ok \u{FFFD}\u{FFFD}\nnext\n");
    }
}
