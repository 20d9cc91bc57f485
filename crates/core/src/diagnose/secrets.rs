//! Finds secret values in a pasted text, so an excerpt can mask them: the values of
//! `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, `Ocp-Apim-Subscription-Key`
//! and `x-ms-*` key/token/signature headers (as header lines, JSON keys or HAR
//! `{"name": …, "value": …}` pairs), `Bearer` tokens, SAS `sig=`, `token=`, `access_token=`,
//! `key=` and similar parameters, JWTs (`eyJ…`) and storage account keys. Non-secret SAS fields
//! (`se=`, `sv=`, `sp=`) are left alone. One linear pass; no DOM here.

use std::ops::Range;

/// Names whose value is secret (compared without case).
const SECRET_NAMES: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "ocp-apim-subscription-key",
    "sig",
    "signature",
    "token",
    "access_token",
    "id_token",
    "refresh_token",
    "key",
    "accountkey",
    "sharedaccesskey",
    "sharedaccesssignature",
    "password",
    "client_secret",
    "secret",
    "apikey",
    "api_key",
    "x-api-key",
    "subscription-key",
    "primarykey",
    "secondarykey",
    "x-ms-access-token",
    "x-ms-client-secret",
];

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn is_secret_name(w: &[u8]) -> bool {
    if SECRET_NAMES.iter().any(|n| w.eq_ignore_ascii_case(n.as_bytes())) {
        return true;
    }
    let lower_has = |p: &[u8]| w.windows(p.len()).any(|x| x.eq_ignore_ascii_case(p));
    w.len() > 5
        && w.get(..5).is_some_and(|p| p.eq_ignore_ascii_case(b"x-ms-"))
        && (lower_has(b"key") || lower_has(b"token") || lower_has(b"signature") || lower_has(b"secret"))
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'=' | b'+' | b'/' | b'%' | b'~')
}

/// End of a value starting at `i`: a quoted string's closing quote, else the first delimiter
/// (`line` runs to the end of the line, as header values do).
fn value_end(b: &[u8], i: usize, quote: Option<u8>, line: bool) -> usize {
    let mut j = i;
    while let Some(&c) = b.get(j) {
        let stop = match quote {
            Some(q) => c == q || c == b'\n',
            None if line => c == b'\r' || c == b'\n',
            None => matches!(
                c,
                b'&' | b';' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'<' | b'>' | b')' | b',' | b'}' | b'\\'
            ),
        };
        if stop {
            break;
        }
        j += if quote.is_some() && c == b'\\' { 2 } else { 1 };
    }
    j.min(b.len())
}

fn push(r: Range<usize>, out: &mut Vec<Range<usize>>) {
    if r.start >= r.end {
        return;
    }
    match out.last_mut() {
        Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
        _ => out.push(r),
    }
}

/// Byte ranges (on char boundaries, sorted, not overlapping) of secret values in `text`.
///
/// ```
/// use ams_errors_core::diagnose::secrets::secret_ranges;
/// let t = "GET /a?sv=2020&sig=abc%2Fdef HTTP/1.1\nAuthorization: Bearer eyJh.eyJi.c2ln";
/// let masked: Vec<&str> = secret_ranges(t).into_iter().map(|r| &t[r]).collect();
/// assert_eq!(masked, ["abc%2Fdef", "Bearer eyJh.eyJi.c2ln"]);
/// ```
pub fn secret_ranges(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or_default();
        if !is_name_byte(c) || (i > 0 && b.get(i - 1).is_some_and(|p| is_name_byte(*p))) {
            i += 1;
            continue;
        }
        let s = i;
        while b.get(i).is_some_and(|x| is_name_byte(*x)) {
            i += 1;
        }
        let word = b.get(s..i).unwrap_or_default();
        // A JWT, or a long base64 run that ends in "==" (storage account keys).
        if word.starts_with(b"eyJ") && b.get(i) == Some(&b'.') {
            let mut e = i;
            while b.get(e).is_some_and(|x| x.is_ascii_alphanumeric() || matches!(x, b'-' | b'_' | b'.')) {
                e += 1;
            }
            push(s..e, &mut out);
            i = e;
            continue;
        }
        if word.eq_ignore_ascii_case(b"bearer") && b.get(i) == Some(&b' ') {
            let mut e = i + 1;
            while b.get(e).is_some_and(|x| is_token_byte(*x)) {
                e += 1;
            }
            push(s..e, &mut out);
            i = e;
            continue;
        }
        if word.len() >= 40 {
            let mut e = i;
            while b.get(e).is_some_and(|x| x.is_ascii_alphanumeric() || matches!(x, b'+' | b'/' | b'=')) {
                e += 1;
            }
            if e - s >= 64 && b.get(e.saturating_sub(2)..e) == Some(b"==") {
                push(s..e, &mut out);
            }
            i = e.max(i);
            continue;
        }
        let next = b.get(i).copied().unwrap_or_default();
        if !matches!(next, b':' | b'=' | b'"' | b'\'' | b' ') || !is_secret_name(word) {
            continue;
        }
        // What follows the name: `: value`, `=value`, `": "value"`, or a HAR name/value pair.
        let mut j = i;
        let quoted_name = b.get(j) == Some(&b'"') || b.get(j) == Some(&b'\'');
        if quoted_name {
            j += 1;
        }
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        match b.get(j) {
            Some(b':') | Some(b'=') => {
                let eq = b.get(j) == Some(&b'=');
                j += 1;
                while matches!(b.get(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
                let quote = b.get(j).copied().filter(|q| matches!(q, b'"' | b'\''));
                if quote.is_some() {
                    j += 1;
                }
                let line = !eq && quote.is_none();
                let e = value_end(b, j, quote, line);
                push(j..e, &mut out);
                i = e.max(i);
            }
            Some(b',') if quoted_name => {
                // HAR: {"name": "Authorization", "value": "…"}
                let window = b.get(j..(j + 40).min(b.len())).unwrap_or_default();
                if let Some(v) = window.windows(7).position(|w| w == b"\"value\"") {
                    let mut k = j + v + 7;
                    while matches!(b.get(k), Some(b' ' | b':')) {
                        k += 1;
                    }
                    if b.get(k) == Some(&b'"') {
                        let e = value_end(b, k + 1, Some(b'"'), false);
                        push(k + 1..e, &mut out);
                        i = e.max(i);
                    }
                }
            }
            _ => {}
        }
    }
    out.retain(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    out
}

/// What a secret value is shown as, wherever one is masked (excerpts, details, the CLI).
pub const MASK: &str = "•••";

/// `text[from..to]` with every one of `secrets` (ranges of `text`) that overlaps it shown as `MASK`.
pub fn masked(text: &str, secrets: &[Range<usize>], from: usize, to: usize) -> String {
    let mut out = String::new();
    let mut at = from;
    for r in secrets.iter().filter(|r| r.end > from && r.start < to) {
        out.push_str(text.get(at..r.start.max(from)).unwrap_or_default());
        out.push_str(MASK);
        at = r.end.min(to);
    }
    out.push_str(text.get(at..to).unwrap_or_default());
    out
}

/// `text` with its secret values masked.
pub fn scrub(text: &str) -> String {
    masked(text, &secret_ranges(text), 0, text.len())
}
