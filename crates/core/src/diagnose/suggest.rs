//! What to say when nothing was recognised: why, in terms of the text's shape and the statuses
//! it holds, and the nearest catalog entries ("did you mean" for name-like tokens that named
//! nothing, else a word search of a short text). No DOM here.

use std::ops::Range;

use super::rank::Seen;
use crate::catalog;
use crate::notes::{NoteKind, Nothing};
use crate::query;
use crate::report::Shape;
use crate::search;

/// Why nothing was recognised, in terms of the shape.
pub(crate) fn nothing(shape: Shape, seen: &[Seen]) -> NoteKind {
    let why = if let Some(s) = seen.iter().map(|s| s.code).find(|c| *c >= 400) {
        Nothing::UnknownErrorStatus(s)
    } else if let Some(s) = seen.first() {
        Nothing::OnlyStatus(s.code)
    } else {
        Nothing::Shape
    };
    NoteKind::NothingRecognised { shape, why }
}

/// Nearest entries: for name-like tokens that named nothing, else a word search of short texts.
pub(crate) fn suggestions(text: &str, near: &[Range<usize>], shape: Shape) -> Vec<&'static catalog::Entry> {
    let mut out: Vec<&'static catalog::Entry> = Vec::new();
    for r in near.iter().take(3) {
        let Some(tok) = text.get(r.clone()) else {
            continue;
        };
        for e in search::did_you_mean(tok) {
            if !out.iter().any(|o| std::ptr::eq(*o, e)) && out.len() < search::MAX_SUGGESTIONS {
                out.push(e);
            }
        }
    }
    let trimmed = text.trim();
    if out.is_empty() && shape == Shape::Text && trimmed.len() <= 2 * query::MAX_QUERY_LEN {
        out = search::words(trimmed);
    }
    out
}
