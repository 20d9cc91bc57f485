//! `ams-errors explain`: answers a query as the widget's box does (the core's `diagnose()`, which
//! hands a short query to `query::lookup`: a status, a name in any case, an HRESULT in hex or
//! decimal, a live-event name, several of these separated by commas), and decides what a query
//! that names nothing gets: a word search for plain words (`encryption`, `token expired`), best
//! first, or "did you mean" for a name that is near a catalog name. Printing is left to `text` and
//! `json`.

use ams_errors_core::diagnose::diagnose;
use ams_errors_core::query::{self, Query};
use ams_errors_core::search;

use crate::outcome::{Found, Outcome};

/// The outcome of one query.
pub fn run(query: &str) -> Outcome {
    let report = diagnose(query);
    let mut out = Outcome { shape: Some(report.shape), ..Outcome::default() };
    for f in &report.findings {
        out.push(Found::new(f, "", Vec::new(), &report.url_fixes));
    }
    for note in report.notes {
        out.note(None, note);
    }
    if out.findings.is_empty() {
        let q = query.trim();
        let words = if is_words(q) { search::words(q) } else { Vec::new() };
        if words.is_empty() {
            out.did_you_mean = report.suggestions;
        } else {
            out.word_matches = words;
        }
    }
    out
}

/// Whether the query is words rather than an attempt at a code's name: several words, or one
/// word of letters only that is not written like a code (`encryption`, `Timeout`, but not
/// `ENCRYPTON`, `LiveEventEncoderDisconected` or `MPE_FRAGMENT_NOT_REDY`).
fn is_words(q: &str) -> bool {
    match query::parse(q) {
        Query::Words(_) => true,
        Query::Name(n) => {
            n.bytes().all(|b| b.is_ascii_alphabetic()) && n.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        }
        _ => false,
    }
}

/// Whether the query was understood: it named something, or its words matched entries.
pub fn understood(out: &Outcome) -> bool {
    !out.findings.is_empty() || !out.word_matches.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_a_word_search_and_code_like_names_are_not() {
        for q in ["encryption", "Timeout", "token expired", "segment not ready"] {
            assert!(is_words(q), "{q}");
        }
        for q in ["ENCRYPTON", "LiveEventEncoderDisconected", "MPE_FRAGMENT_NOT_REDY", "415", "0x8088024C"] {
            assert!(!is_words(q), "{q}");
        }
    }
}
