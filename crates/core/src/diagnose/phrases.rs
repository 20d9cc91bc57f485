//! HTTP statuses named in words: the reason phrases of the statuses the catalog documents, as
//! tools print them beside the number (`404 Not Found`, `(403) Forbidden`, `Forbidden (403)`) or
//! alone where a status belongs (`status code 'NotFound'`, `"code": "Conflict"`, Python's
//! `HttpResponseError: (Conflict)`). A phrase counts only beside its own number or in such a
//! place, never as an ordinary word of prose. No DOM here.

/// Reason phrases, as RFC 9110 and the tools that print them spell them.
const PHRASES: &[(u16, &str)] = &[
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (412, "Precondition Failed"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (416, "Requested Range Not Satisfiable"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
];

/// Where `phrase` matches `b` from `i`, ignoring case, and with or without the spaces between
/// its words (`Not Found`, `NotFound`, `not found`): the end of the match. The match must end at
/// a word boundary.
fn matches_at(b: &[u8], i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    for p in phrase.bytes() {
        if p == b' ' {
            if matches!(b.get(j), Some(b' ' | b'_' | b'-')) {
                j += 1;
            }
            continue;
        }
        if !b.get(j)?.eq_ignore_ascii_case(&p) {
            return None;
        }
        j += 1;
    }
    (!b.get(j).is_some_and(u8::is_ascii_alphanumeric)).then_some(j)
}

/// The status whose phrase starts at `i`, and where the phrase ends.
pub(crate) fn phrase_at(b: &[u8], i: usize) -> Option<(u16, usize)> {
    let first = b.get(i)?.to_ascii_uppercase();
    PHRASES
        .iter()
        .filter(|(_, p)| p.as_bytes().first() == Some(&first))
        .find_map(|(code, p)| matches_at(b, i, p).map(|end| (*code, end)))
}

/// The status a whole token names: `NotFound`, `Conflict`, `PreconditionFailed`.
pub(crate) fn status_named(tok: &str) -> Option<u16> {
    phrase_at(tok.as_bytes(), 0).filter(|(_, end)| *end == tok.len()).map(|(code, _)| code)
}

/// Whether `code`'s own phrase follows the number ending at `end` (`404 Not Found`,
/// `(403) Forbidden`, `412 (Precondition Failed)`, `404: Not Found`) or precedes the number
/// starting at `start` (`Forbidden (403)`).
pub(crate) fn beside(b: &[u8], start: usize, end: usize, code: u16) -> bool {
    let glue = |x: &u8| matches!(x, b' ' | b'(' | b')' | b'\'' | b'"' | b':' | b'-');
    let mut i = end;
    while i < end + 4 && b.get(i).is_some_and(glue) {
        i += 1;
    }
    // Python requests: `412 Client Error: Precondition Failed for url: …`
    for class in [&b"Client Error: "[..], b"Server Error: "] {
        if b.get(i..i + class.len()) == Some(class) {
            i += class.len();
        }
    }
    if phrase_at(b, i).is_some_and(|(c, _)| c == code) {
        return true;
    }
    let mut j = start;
    while j + 4 > start && j > 0 && b.get(j - 1).is_some_and(glue) {
        j -= 1;
    }
    PHRASES.iter().filter(|(c, _)| *c == code).any(|(_, p)| {
        let len = p.len();
        (len - p.matches(' ').count()..=len).any(|n| {
            j.checked_sub(n).is_some_and(|s| {
                matches_at(b, s, p) == Some(j) && (s == 0 || !b.get(s - 1).is_some_and(u8::is_ascii_alphanumeric))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_name_statuses_whole() {
        assert_eq!(status_named("NotFound"), Some(404));
        assert_eq!(status_named("PRECONDITIONFAILED"), Some(412));
        assert_eq!(status_named("Conflicts"), None);
        assert_eq!(status_named("ResourceNotFound"), None);
        assert_eq!(status_named("Found"), None);
    }

    #[test]
    fn phrases_beside_their_own_number() {
        let t = b"HTTP error 403 Forbidden; Forbidden (403); (404) Not Found; 409 Gone; 412 (Precondition Failed)";
        let at = |n: &str| {
            let s = t.windows(3).position(|w| w == n.as_bytes()).unwrap();
            (s, s + 3)
        };
        let (s, e) = at("403");
        assert!(beside(t, s, e, 403));
        let s = t.windows(5).position(|w| w == b"(403)").unwrap() + 1;
        assert!(beside(t, s, s + 3, 403));
        let (s, e) = at("404");
        assert!(beside(t, s, e, 404));
        let (s, e) = at("409");
        assert!(!beside(t, s, e, 409), "409's phrase is Conflict, not Gone");
        let (s, e) = at("412");
        assert!(beside(t, s, e, 412));
    }
}
