//! Reads JSON without building a tree: a streaming walker (`walk`) that reports each string and
//! number with its key and the keys of the containers around it, and a reader for JSON error
//! bodies on top of it: ARM `{"error":{"code","message"}}`, Event Grid live events
//! (`Microsoft.Media.LiveEvent*` with `data.resultCode`, `encoderIp`, `streamId`), and any key
//! that carries a code, HRESULT or status. The HAR reader reuses the walker. Truncated JSON is
//! read as far as it goes. No DOM here.

use std::ops::Range;

use super::found::{Finds, Lookups};
use super::text::string_stop;
use super::{clip, phrases, status_at, subjects_for_value, Input};
use crate::catalog;
use crate::notes::NoteKind;
use crate::report::{Source, Subject};

/// Containers tracked with their keys; deeper nesting is only counted.
const MAX_DEPTH: usize = 128;

/// What the walker met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    /// A string value (span excludes the quotes, escapes left as written).
    Str,
    /// A number (or `true`/`false`/`null`) value.
    Num,
    /// An object or array opens; `path` does not include it yet.
    Open,
    /// An object or array closed; `path` no longer includes it.
    Close,
}

/// Walk the JSON in `range` of `text`, calling `f(kind, key, span, path)` for every value.
/// `key` is the value's key ("" in arrays); `path` the keys of the containers around it.
/// Returns true when the text closed every container it opened.
pub(crate) fn walk<'t>(
    text: &'t str,
    range: Range<usize>,
    mut f: impl FnMut(Val, &'t str, Range<usize>, &[&'t str]),
) -> bool {
    let b = text.as_bytes();
    let end = range.end.min(b.len());
    let mut i = range.start;
    let mut path: Vec<&'t str> = Vec::new();
    let mut objs: Vec<bool> = Vec::new();
    let mut extra = 0usize;
    let mut key: Option<&'t str> = None;
    let mut want_key = false;
    let mut opened = false;
    while i < end {
        let Some(&c) = b.get(i) else { break };
        match c {
            b'"' => {
                let mut j = i + 1;
                while j < end {
                    j = string_stop(b, j, end);
                    match b.get(j) {
                        Some(b'"') => break,
                        Some(b'\\') => j += 2,
                        _ => j += 1,
                    }
                }
                let j = j.min(end);
                if want_key && extra == 0 {
                    key = Some(text.get(i + 1..j).unwrap_or_default());
                    want_key = false;
                } else if extra == 0 {
                    f(Val::Str, key.take().unwrap_or_default(), i + 1..j, &path);
                }
                i = j + 1;
                if j >= end {
                    return false;
                }
            }
            b'{' | b'[' => {
                opened = true;
                if objs.len() < MAX_DEPTH && extra == 0 {
                    let k = key.take().unwrap_or_default();
                    f(Val::Open, k, i..i + 1, &path);
                    path.push(k);
                    objs.push(c == b'{');
                } else {
                    extra += 1;
                }
                want_key = c == b'{';
                i += 1;
            }
            b'}' | b']' => {
                if extra > 0 {
                    extra -= 1;
                } else if objs.pop().is_some() {
                    path.pop();
                    f(Val::Close, "", i..i + 1, &path);
                }
                key = None;
                want_key = false;
                i += 1;
            }
            b',' => {
                want_key = objs.last() == Some(&true);
                key = None;
                i += 1;
            }
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                let s = i;
                while i < end && b.get(i).is_some_and(|x| x.is_ascii_alphanumeric() || matches!(x, b'-' | b'+' | b'.'))
                {
                    i += 1;
                }
                if extra == 0 {
                    f(Val::Num, key.take().unwrap_or_default(), s..i, &path);
                }
            }
            _ => i += 1,
        }
    }
    !opened || (objs.is_empty() && extra == 0)
}

fn key_is(key: &str, keys: &[&str]) -> bool {
    keys.iter().any(|k| key.eq_ignore_ascii_case(k))
}

/// Keys whose value is an error code.
const CODE_KEYS: &[&str] =
    &["code", "errorcode", "error_code", "resultcode", "hresult", "errorname", "x-ms-error-code"];
/// Keys whose number is an HTTP status.
const STATUS_KEYS: &[&str] = &["status", "statuscode", "httpstatuscode", "httpstatus", "status_code"];

/// Read the whole text as a JSON document.
pub(crate) fn read_document(input: &Input<'_>) -> Finds {
    read(input.text, 0..input.text.len(), Source::JsonBody, true, &mut Lookups::default())
}

/// Read JSON error bodies in `range` of `text`. `whole` when the range is the whole paste (a
/// truncation note is then added if it is cut).
pub(crate) fn read<'a>(
    text: &'a str,
    range: Range<usize>,
    source: Source,
    whole: bool,
    lookups: &mut Lookups<'a>,
) -> Finds {
    let mut out = Finds::default();
    let mut event: Option<(usize, usize)> = None; // (depth, first hit index)
    let mut facts: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut message: Option<Range<usize>> = None;
    let complete = walk(text, range, |kind, key, span, path| {
        let value = text.get(span.clone()).unwrap_or_default();
        let src = if event.is_some() { Source::EventGrid } else { source };
        match kind {
            Val::Str if key.eq_ignore_ascii_case("eventType") && value.starts_with("Microsoft.Media.") => {
                let start = out.hits.len();
                if let Some(e) = catalog::event(value) {
                    out.codes(span, vec![Subject::Entry(e)], Source::EventGrid, None);
                }
                event = Some((path.len(), start));
                facts.clear();
            }
            Val::Str if key_is(key, STATUS_KEYS) => {
                if let Some(code) = status_at(text, span.clone()).or_else(|| phrases::status_named(value)) {
                    out.status(code, span, src, None);
                }
            }
            Val::Str if key_is(key, CODE_KEYS) => {
                let subjects = lookups.get(value, subjects_for_value);
                if let Some(code) = phrases::status_named(value).filter(|_| subjects.is_empty()) {
                    // `{"error": {"code": "Conflict"}}` is a REST (management API) error envelope:
                    // the streaming endpoint answers in XML.
                    let rest = path.iter().any(|p| p.eq_ignore_ascii_case("error"));
                    out.status(code, span, if rest { Source::Management } else { src }, None);
                } else if subjects.is_empty() {
                    let named =
                        value.len() > 2 && value.bytes().all(|x| x.is_ascii_alphanumeric() || x == b'_' || x == b'.');
                    if named && !value.eq_ignore_ascii_case("S_OK") && unknown.len() < 3 {
                        unknown.push(value.to_string());
                    }
                } else {
                    out.codes(span, subjects, src, None);
                }
            }
            Val::Str if key.eq_ignore_ascii_case("message") && message.is_none() => message = Some(span),
            Val::Str | Val::Num
                if event.is_some() && key_is(key, &["encoderIp", "encoderPort", "streamId", "ingestUrl"]) =>
            {
                let v = if key.eq_ignore_ascii_case("ingestUrl") {
                    super::url::host(value).unwrap_or_default()
                } else {
                    value
                };
                if !v.is_empty() && facts.len() < 4 {
                    facts.push(format!("{key} {}", clip(v, 80)));
                }
            }
            Val::Num if key_is(key, STATUS_KEYS) => {
                if let Some(code) = status_at(text, span.clone()) {
                    out.status(code, span, src, None);
                }
            }
            Val::Num if key_is(key, CODE_KEYS) => {
                if let Some(code) = status_at(text, span.clone()) {
                    if path.last().is_some_and(|p| p.eq_ignore_ascii_case("response")) {
                        out.status(code, span, src, None);
                    }
                } else if value.len() >= 9 {
                    let subjects = lookups.get(value, subjects_for_value);
                    out.codes(span, subjects, src, None);
                }
            }
            Val::Close => {
                if let Some((depth, first)) = event {
                    if path.len() <= depth {
                        let detail = (!facts.is_empty()).then(|| facts.join(", "));
                        for h in out.hits.iter_mut().skip(first) {
                            if h.detail.is_none() {
                                h.detail.clone_from(&detail);
                            }
                        }
                        event = None;
                    }
                }
            }
            _ => {}
        }
    });
    if !unknown.is_empty() {
        let message = message.and_then(|m| text.get(m)).map(|m| clip(m, 160));
        out.note(NoteKind::ForeignJsonCode { codes: unknown, message }, None);
    }
    if whole && !complete {
        out.note(NoteKind::JsonCutOff, None);
    }
    out
}
