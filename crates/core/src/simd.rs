//! Wasm's 128-bit SIMD for the scans that touch every byte of a long text: the end of a JSON
//! string (`diagnose::text::string_stop`), counting newlines (`excerpt::count_newlines`) and the
//! marks of a HAR's JSON that its cut follows (`stream::Marks`), each sixteen bytes at a time.
//! Only with the `simd` feature in a wasm (the worker's build, which reads files of any size);
//! the callers finish the bytes short of sixteen with their own words.
//!
//! Every engine the widget runs in has 128-bit SIMD (Chrome 91, Firefox 89, Safari 16.4); a
//! module that uses it does not even compile in one that has not, which is why Rust lets safe
//! code call a wasm function with a target feature. Each scan is tested against the plain one it
//! stands in for, in a wasm under node (`cargo test --target wasm32-unknown-unknown -p
//! ams-errors-core --features simd --lib`).

use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load, v128_or};

use crate::stream::Marks;

/// The sixteen bytes of `b` at `i`, while they are all before `end` (`end <= b.len()`).
#[inline]
#[target_feature(enable = "simd128")]
fn load(b: &[u8], i: usize, end: usize) -> Option<v128> {
    let end = end.min(b.len());
    // SAFETY: `i + 16 <= end <= b.len()`: the sixteen bytes are in `b` (a v128 load needs no
    // alignment).
    (i.checked_add(16)? <= end).then(|| unsafe { v128_load(b.as_ptr().add(i).cast::<v128>()) })
}

/// The index of the first `"` or `\` in `i..end` of `b`, or the start of the bytes short of
/// sixteen before `end` when none is in the sixteen-byte blocks.
#[target_feature(enable = "simd128")]
pub(crate) fn string_stop(b: &[u8], mut i: usize, end: usize) -> usize {
    let (quote, backslash) = (u8x16_splat(b'"'), u8x16_splat(b'\\'));
    while let Some(v) = load(b, i, end) {
        let hits = u8x16_bitmask(v128_or(u8x16_eq(v, quote), u8x16_eq(v, backslash)));
        if hits != 0 {
            return i + hits.trailing_zeros() as usize;
        }
        i += 16;
    }
    i
}

/// The newlines in the sixteen-byte blocks of `b` from its start, and where those blocks end.
#[target_feature(enable = "simd128")]
pub(crate) fn count_newlines(b: &[u8]) -> (usize, usize) {
    let newline = u8x16_splat(b'\n');
    let (mut n, mut i) = (0, 0);
    while let Some(v) = load(b, i, b.len()) {
        n += u8x16_bitmask(u8x16_eq(v, newline)).count_ones() as usize;
        i += 16;
    }
    (n, i)
}

/// The bytes of `v` equal to `b`.
#[inline]
#[target_feature(enable = "simd128")]
fn eq(v: v128, b: u8) -> v128 {
    u8x16_eq(v, u8x16_splat(b))
}

/// The marks of 64 bytes of JSON (`Marks::one_by_one`, sixteen bytes at a time).
#[target_feature(enable = "simd128")]
pub(crate) fn marks(block: &[u8; 64]) -> Marks {
    let mut m = Marks::default();
    for k in 0..4 {
        let Some(v) = load(block, k * 16, 64) else { break };
        let shift = k * 16;
        // `[` and `{` are 0x5B and 0x7B, `]` and `}` 0x5D and 0x7D: alike but for 0x20.
        let folded = v128_or(v, u8x16_splat(0x20));
        let bracket = v128_or(eq(folded, b'{'), eq(folded, b'}'));
        m.quote |= u64::from(u8x16_bitmask(eq(v, b'"'))) << shift;
        m.backslash |= u64::from(u8x16_bitmask(eq(v, b'\\'))) << shift;
        m.bracket |= u64::from(u8x16_bitmask(bracket)) << shift;
    }
    m
}

/// Each scan against the word-at-a-time or byte-by-byte code it stands in for, on blocks of
/// every mark at every place and on pseudo-random bytes rich in marks.
#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    /// `n` bytes of a fixed linear congruential sequence (the same every run): drawn from the
    /// ones that matter and a few that do not when `marks`, else any byte.
    fn bytes(n: usize, seed: u64, marks: bool) -> Vec<u8> {
        const SOME: &[u8] = b"\"\\{}[]\n ax;\xc3\xa9\xfb\xfd";
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                if marks {
                    SOME[(x >> 33) as usize % SOME.len()]
                } else {
                    (x >> 56) as u8
                }
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn marks_are_those_found_byte_by_byte() {
        // Each byte that folds to a bracket's (`{`, `}`, `[`, `]`, and 0x20 from them) or is a
        // mark, alone at each place.
        for mark in [b'"', b'\\', b'{', b'}', b'[', b']', 0x1b, 0x1d, 0x3b, 0x3d, 0xfb, 0xfd, b'a'] {
            for at in 0..64 {
                let mut block = [b' '; 64];
                block[at] = mark;
                assert_eq!(marks(&block), Marks::one_by_one(&block), "{mark:#x} at {at}");
            }
        }
        let (some, any) = (bytes(64 * 500, 1, true), bytes(64 * 500, 3, false));
        for block in some.chunks_exact(64).chain(any.chunks_exact(64)) {
            let block: &[u8; 64] = block.try_into().unwrap();
            assert_eq!(marks(block), Marks::one_by_one(block));
        }
    }

    #[wasm_bindgen_test]
    fn string_stops_and_newlines_are_those_of_the_plain_scans() {
        let b = bytes(4000, 2, true);
        for i in 0..b.len() {
            for end in [b.len(), (i + 17).min(b.len()), (i + 16).min(b.len())] {
                let stop = string_stop(&b, i, end);
                let plain = (i..end).find(|k| matches!(b[*k], b'"' | b'\\')).unwrap_or(end);
                // It stops at the first stop in whole blocks, else where the blocks end.
                assert!(stop <= plain && (stop == plain || end - stop < 16), "{i}..{end}: {stop} vs {plain}");
                assert!(b[i..stop].iter().all(|c| !matches!(c, b'"' | b'\\')));
            }
        }
        for n in [0, 1, 15, 16, 17, 100, 4000] {
            let (count, end) = count_newlines(&b[..n]);
            assert_eq!(end, n / 16 * 16);
            assert_eq!(count, b[..end].iter().filter(|c| **c == b'\n').count());
        }
    }
}
