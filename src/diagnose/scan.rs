//! The fallback scanner every input goes through: finds catalog names, event names and
//! HRESULTs (hex or decimal) standing anywhere in a text. Total and linear; no DOM here.

use crate::catalog::Hresult;
use crate::query;
use crate::report::{Finding, Source, Subject};

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'
}

/// Codes standing alone in `input`, in order of appearance.
pub fn scan_tokens(input: &str) -> Vec<Finding> {
    let bytes = input.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        let Some(tok) = input.get(start..i) else { continue };
        let tok = tok.trim_end_matches(['.', '-']);
        let end = start + tok.len();
        for s in subjects(tok) {
            found.push(Finding { subject: s, source: Source::BareToken, spans: vec![start..end], count: 1, detail: None });
        }
    }
    found
}

fn subjects(tok: &str) -> Vec<Subject> {
    let b = tok.as_bytes();
    if b.len() < 6 {
        return Vec::new();
    }
    if b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.') && b[0].is_ascii_alphabetic() {
        if tok.contains('_') || tok.starts_with("LiveEvent") || tok.starts_with("Microsoft.Media.") {
            return query::subjects_for_name(tok);
        }
    }
    if let Some(h) = query::parse_hex(tok) {
        if h.is_failure() {
            return query::subjects_for_hresult(h);
        }
    }
    if let Ok(v) = tok.parse::<i64>() {
        let h = if v < 0 { i32::try_from(v).ok().map(Hresult::from_signed) } else { u32::try_from(v).ok().map(Hresult) };
        if let Some(h) = h.filter(|h| h.is_failure()) {
            if crate::catalog::by_hresult(h).is_some() {
                return query::subjects_for_hresult(h);
            }
        }
    }
    Vec::new()
}
