//! What a typed or deep-linked query means: an HTTP status (`415`), a catalog or event name in
//! any case, an HRESULT in hex with or without `0x`, or in signed or unsigned decimal, a WinHTTP
//! error, an Azure Media Player code (its name, its 28-bit code, or the full 32-bit code with the
//! tech in bits 31-28), or plain words. `lookup` turns it into a `Report`; near misses and word
//! matches come from `search`. Pure; no DOM here.

use crate::catalog::{self, Entry, Hresult, Tech};
use crate::notes::NoteKind;
use crate::report::{Finding, Note, Report, Shape, Subject};
use crate::search;

/// The longest text treated as a query rather than a paste.
pub const MAX_QUERY_LEN: usize = 200;

/// A parsed query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query<'a> {
    /// Nothing but white space.
    Empty,
    /// Three digits from 100 to 599.
    Status(u16),
    /// Hex (with `0x`, or exactly 8 hex digits) or a decimal that fits 32 bits.
    Hresult(Hresult),
    /// A decimal too small to be a failure HRESULT: maybe a WinHTTP error number.
    Number(u32),
    /// One identifier-like token (`MPE_...`, `LiveEventEncoderDisconnected`, `ERROR_WINHTTP_TIMEOUT`).
    Name(&'a str),
    /// Anything else: words to search for.
    Words(&'a str),
}

/// Parse a query. Surrounding white space and quotes are ignored.
///
/// ```
/// use ams_errors_core::query::{parse, Query};
/// use ams_errors_core::catalog::Hresult;
/// assert_eq!(parse("415"), Query::Status(415));
/// assert_eq!(parse("8088024c"), Query::Hresult(Hresult(0x8088024C)));
/// assert_eq!(parse("-2138570164"), Query::Hresult(Hresult(0x8088024C)));
/// ```
pub fn parse(q: &str) -> Query<'_> {
    let q = clean(q);
    if q.is_empty() {
        return Query::Empty;
    }
    if let Some(h) = parse_hex(q) {
        return Query::Hresult(h);
    }
    if let Some(n) = parse_decimal(q) {
        if q.len() == 3 && (100..=599).contains(&n) {
            return Query::Status(n as u16);
        }
        if n < 0 {
            return match i32::try_from(n) {
                Ok(v) => Query::Hresult(Hresult::from_signed(v)),
                Err(_) => Query::Words(q),
            };
        }
        return match u32::try_from(n) {
            Ok(v) if v >= 0x8000_0000 => Query::Hresult(Hresult(v)),
            Ok(v) => Query::Number(v),
            Err(_) => Query::Words(q),
        };
    }
    let is_name = q.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        && q.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    if is_name {
        Query::Name(q)
    } else {
        Query::Words(q)
    }
}

/// The query without surrounding white space and quotes.
fn clean(q: &str) -> &str {
    q.trim().trim_matches(|c| matches!(c, '"' | '\'' | '`')).trim()
}

/// An Azure Media Player code of the catalog, and the tech when the code was given in full: the
/// 28-bit code as `0x` plus up to 7 hex digits or as 7 hex digits (`0x0200194`, `0200194`), or
/// the full code as 8 hex digits with or without `0x` (`0x20200194`), or in decimal as the
/// player's `error().code` prints it (`538968468`). `None` for anything else, so a value that is
/// no player code keeps its other meanings (an HRESULT, a status, a WinHTTP number).
///
/// ```
/// use ams_errors_core::query::player_code;
/// let (e, tech) = player_code("0x20200194").unwrap();
/// assert_eq!((e.name, tech.map(|t| t.name())), ("networkErrHttpUrlNotFound", Some("AzureHtml5JS")));
/// assert_eq!(player_code("0200194").map(|(e, t)| (e.name, t)), Some(("networkErrHttpUrlNotFound", None)));
/// assert!(player_code("0x8088024C").is_none());
/// ```
pub fn player_code(q: &str) -> Option<(&'static Entry, Option<Tech>)> {
    let q = clean(q);
    let (digits, prefixed) = match q.get(..2) {
        Some("0x" | "0X") => (q.get(2..)?, true),
        _ => (q, false),
    };
    let hex = !digits.is_empty() && digits.len() <= 8 && digits.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(v) = hex.then(|| u32::from_str_radix(digits, 16).ok()).flatten() {
        let found = match digits.len() {
            8 => catalog::amp(v).map(|(e, t)| (e, Some(t))),
            7 => catalog::by_amp_code(v).map(|e| (e, None)),
            _ if prefixed => catalog::by_amp_code(v).map(|e| (e, None)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    let decimal = !prefixed && (7..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    let v: u32 = if decimal { digits.parse().ok()? } else { return None };
    catalog::amp(v).map(|(e, t)| (e, Some(t)))
}

/// `0x` plus 1 to 8 hex digits, or exactly 8 hex digits.
pub fn parse_hex(q: &str) -> Option<Hresult> {
    let digits = match q.get(..2) {
        Some("0x" | "0X") => q.get(2..)?,
        _ if q.len() == 8 => q,
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok().map(Hresult)
}

/// An optionally signed decimal of at most 11 digits.
fn parse_decimal(q: &str) -> Option<i64> {
    let digits = q.strip_prefix('-').unwrap_or(q);
    if digits.is_empty() || digits.len() > 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    q.parse().ok()
}

/// Everything the catalog says about an HRESULT: its entry, the WinHTTP code it wraps, or a
/// field-by-field decoding when it is not in the catalog.
pub fn subjects_for_hresult(h: Hresult) -> Vec<Subject> {
    if let Some(e) = catalog::by_hresult(h) {
        return vec![Subject::Entry(e)];
    }
    // HRESULT_FROM_WIN32 of a WinHTTP error (0x80072EE2), or the bare Win32 number.
    let win32 = if h.facility() == 7 && h.is_failure() { Some(u32::from(h.code())) } else { None };
    let bare = if h.0 < 0x1_0000 { Some(h.0) } else { None };
    if let Some(e) = win32.or(bare).and_then(catalog::by_winhttp) {
        return vec![Subject::Entry(e), Subject::Hresult(h)];
    }
    if h.is_failure() {
        vec![Subject::Hresult(h)]
    } else {
        Vec::new()
    }
}

/// Entries a name-like token stands for: catalog names and aliases, live events (also with
/// `Microsoft.Media.`), and WinHTTP error names.
pub fn subjects_for_name(name: &str) -> Vec<Subject> {
    let mut out: Vec<Subject> = catalog::by_name(name).map(Subject::Entry).collect();
    if let Some(e) = catalog::event(name) {
        if !out.contains(&Subject::Entry(e)) {
            out.push(Subject::Entry(e));
        }
    }
    if out.is_empty() {
        out.extend(
            catalog::all()
                .iter()
                .filter(|e| e.winhttp.as_ref().is_some_and(|w| w.name.eq_ignore_ascii_case(name)))
                .map(Subject::Entry),
        );
    }
    out
}

/// Answer a query. A query that names nothing gets suggestions (near misses, word matches).
pub fn lookup(text: &str) -> Report {
    let mut report = Report { shape: Shape::Query, analyzed: text.len(), total: text.len(), ..Report::default() };
    let len = text.len();
    if let Some((e, tech)) = player_code(text) {
        report.push(Finding { tech, ..Finding::query(Subject::Entry(e), len) });
        return report;
    }
    let subjects = match parse(text) {
        Query::Empty => {
            report.shape = Shape::Empty;
            return report;
        }
        Query::Status(s) => match catalog::by_status(s) {
            Some(e) => vec![Subject::Entry(e)],
            None => {
                report.notes.push(Note { kind: NoteKind::UndocumentedStatus(s), span: None });
                Vec::new()
            }
        },
        Query::Hresult(h) => subjects_for_hresult(h),
        Query::Number(n) => catalog::by_winhttp(n).map(Subject::Entry).into_iter().collect(),
        Query::Name(n) => {
            let mut found = subjects_for_name(n);
            if found.is_empty() {
                found.extend(catalog::player(n).map(Subject::Entry));
            }
            if found.is_empty() {
                // A plain word (`encryption`, `cmaf`) is a search; a code-like name, or a word
                // nothing mentions, gets the names nearest to it ("did you mean").
                if !n.contains('_') {
                    report.suggestions = search::search(n);
                }
                if report.suggestions.is_empty() {
                    report.suggestions = search::did_you_mean(n);
                } else {
                    report.searched = search::search_words(n);
                }
                if report.suggestions.is_empty() {
                    report.suggestions = search::words(n);
                }
            }
            found
        }
        Query::Words(w) => {
            report.searched = search::search_words(w);
            report.suggestions = search::search(w);
            Vec::new()
        }
    };
    for s in subjects {
        report.push(Finding::query(s, len));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_three_digits_in_range() {
        assert_eq!(parse(" 415 "), Query::Status(415));
        assert_eq!(parse("600"), Query::Number(600));
        assert_eq!(parse("0415"), Query::Number(415));
    }

    #[test]
    fn hex_forms() {
        for q in ["0x8088024C", "0X8088024c", "8088024c", "8088024C"] {
            assert_eq!(parse(q), Query::Hresult(Hresult(0x8088024C)), "{q}");
        }
        assert_eq!(parse("0x2ee2"), Query::Hresult(Hresult(0x2EE2)));
        assert_eq!(parse("0x"), Query::Words("0x"));
        assert_eq!(parse("0x123456789"), Query::Words("0x123456789"));
    }

    #[test]
    fn decimal_forms() {
        assert_eq!(parse("2156397132"), Query::Hresult(Hresult(0x8088024C)));
        assert_eq!(parse("-2138570164"), Query::Hresult(Hresult(0x8088024C)));
        assert_eq!(parse("12002"), Query::Number(12002));
        assert_eq!(parse("99999999999"), Query::Words("99999999999"));
        assert_eq!(parse("-99999999999"), Query::Words("-99999999999"));
    }

    #[test]
    fn names_and_words() {
        assert_eq!(parse("'mpe_storage_failure'"), Query::Name("mpe_storage_failure"));
        assert_eq!(
            parse("Microsoft.Media.LiveEventEncoderDisconnected"),
            Query::Name("Microsoft.Media.LiveEventEncoderDisconnected")
        );
        assert_eq!(parse("token expired"), Query::Words("token expired"));
    }

    #[test]
    fn unknown_failure_hresult_is_decoded() {
        let r = lookup("0x80070005");
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].subject, Subject::Hresult(Hresult(0x80070005)));
    }

    #[test]
    fn success_hresult_names_nothing() {
        assert!(lookup("0x00000001").findings.is_empty());
    }

    #[test]
    fn player_codes_in_every_spelling() {
        let found = |q: &str| {
            let r = lookup(q);
            r.findings.first().map(|f| (f.subject.entry().map(|e| e.name), f.tech.map(Tech::name)))
        };
        let name = Some("networkErrHttpUrlNotFound");
        for q in ["networkErrHttpUrlNotFound", "NETWORKERRHTTPURLNOTFOUND", "0x0200194", "0X200194", "0200194"] {
            assert_eq!(found(q), Some((name, None)), "{q}");
        }
        for q in ["0x20200194", "20200194", "538968468", " '0x20200194' "] {
            assert_eq!(found(q), Some((name, Some("AzureHtml5JS"))), "{q}");
        }
        assert_eq!(found("0x00200194"), Some((name, Some("Unknown"))));
        // Not a tech (7 and up), or not a code: the other meanings stand.
        assert_eq!(lookup("0x70200194").findings.len(), 0);
        assert_eq!(found("0x8088024C"), Some((Some("MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"), None)));
        assert_eq!(parse("0x20200194"), Query::Hresult(Hresult(0x20200194)));
    }
}
