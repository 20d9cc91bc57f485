//! Reads HAR files with the streaming JSON walker (no tree): every entry of `log.entries[]`
//! whose response failed (status 400 and up, or 0 for a blocked request) gives its status, the
//! `x-ms-error-code` header and the codes in `response.content.text`, with the request URL
//! (query string dropped) as detail. Failures are grouped and counted, conflicts between an
//! entry's status and its body's code are noted, and a cut-off HAR is read as far as it goes.
//! No DOM here.

use std::ops::Range;

use super::found::{Finds, What};
use super::json::{walk, Val};
use super::{escaped, scan, status_at, subjects_for_value, url, xml, Input};
use crate::catalog::{self, Kind};
use crate::notes::NoteKind;
use crate::report::{Source, Subject};

/// What one entry of `log.entries` (a request and its response) holds, as spans of the text.
#[derive(Default)]
struct Exchange {
    url: Option<Range<usize>>,
    status: Option<Range<usize>>,
    body: Option<Range<usize>>,
    base64: bool,
    header_name: Option<Range<usize>>,
    codes: Vec<Range<usize>>,
    error: Option<Range<usize>>,
}

/// Read a HAR file: the whole text. `whole` is set when it held entries.
pub(crate) fn read(input: &Input<'_>) -> Finds {
    let text = input.text;
    let mut out = Finds { urls: Some(Vec::new()), ..Finds::default() };
    let mut lookups = super::found::Lookups::default();
    let mut entries: Vec<Exchange> = Vec::new();
    let mut list_depth: Option<usize> = None;
    let mut cur: Option<Exchange> = None;
    let complete = walk(text, 0..text.len(), |kind, key, span, path| {
        let Some(depth) = list_depth else {
            if kind == Val::Open && key == "entries" {
                list_depth = Some(path.len() + 1);
            }
            return;
        };
        let rel = path.get(depth..).unwrap_or_default();
        match kind {
            Val::Open if path.len() == depth => cur = Some(Exchange::default()),
            Val::Close if path.len() == depth => entries.extend(cur.take()),
            Val::Close if path.len() < depth => list_depth = None,
            Val::Str | Val::Num => {
                let Some(e) = cur.as_mut() else { return };
                match (rel, key) {
                    ([_, "request"], "url") => e.url = Some(span),
                    ([_, "response"], "status") => e.status = Some(span),
                    ([_, "response", "content"], "text") => e.body = Some(span),
                    ([_, "response", "content"], "encoding") => e.base64 = text.get(span) == Some("base64"),
                    ([_], "_error") => e.error = Some(span),
                    ([_, "response", "headers", _], "name") => e.header_name = Some(span),
                    ([_, "response", "headers", _], "value") => {
                        let named = e.header_name.take().and_then(|n| text.get(n));
                        if named.is_some_and(|n| n.eq_ignore_ascii_case("x-ms-error-code")) {
                            e.codes.push(span);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    });
    // A cut-off HAR still yields the entry it was in the middle of.
    entries.extend(cur.take().filter(|e| e.status.is_some()));
    let total = entries.len();
    let mut groups: Vec<(String, usize)> = Vec::new();
    let mut failing = 0;
    for e in entries {
        let status = e.status.clone().and_then(|s| text.get(s)).and_then(|s| s.trim().parse::<u16>().ok());
        let Some(status) = status.filter(|s| *s == 0 || *s >= 400) else {
            continue;
        };
        failing += 1;
        if let Some(u) = e.url.clone() {
            out.urls.get_or_insert_with(Vec::new).push(u);
        }
        let detail = e.url.clone().and_then(|u| text.get(u)).map(url::display);
        // What this entry's headers and body say, each subject once (so counts are per request).
        let mut found = Finds::default();
        for c in &e.codes {
            let v = text.get(c.clone()).unwrap_or_default();
            found.codes(c.clone(), lookups.get(v, subjects_for_value), Source::Har, None);
        }
        if let Some(body) = e.body.clone() {
            // A body the HAR stores as base64, or with its markup escaped: read it decoded.
            let decoded = if e.base64 {
                escaped::base64(text, body.clone())
            } else if escaped::hides_markup(text, body.clone()) {
                escaped::decode(text, body.clone())
            } else {
                None
            };
            match decoded {
                Some(d) => found.absorb(escaped::read_decoded(&d, Source::Har, Some(Source::Har))),
                None => {
                    found.absorb(xml::read(text, body.clone(), Source::Har, &mut lookups));
                    found.absorb(scan::scan(text, body, Some(Source::Har), &mut lookups));
                }
            }
        }
        let mut seen: Vec<Subject> = Vec::new();
        let mut code_name = None;
        for mut h in found.hits {
            let what = match h.what {
                What::Codes(subjects) => {
                    let fresh: Vec<Subject> = subjects.into_iter().filter(|s| !seen.contains(s)).collect();
                    if fresh.is_empty() {
                        continue;
                    }
                    seen.extend(fresh.iter().copied());
                    if code_name.is_none() {
                        code_name = fresh.iter().filter_map(|s| s.entry()).find(|en| en.kind != Kind::Http);
                    }
                    What::Codes(fresh)
                }
                What::Status(code) => {
                    if let Some(e) = catalog::by_status(code).map(Subject::Entry) {
                        if seen.contains(&e) {
                            continue;
                        }
                        seen.push(e);
                    }
                    What::Status(code)
                }
            };
            if h.detail.is_none() {
                h.detail.clone_from(&detail);
            }
            out.hits.push(super::found::Hit { what, ..h });
        }
        if let Some(span) = e.status.clone().filter(|s| status_at(text, s.clone()).is_some()) {
            if !seen.iter().any(|s| s.entry().is_some_and(|x| x.kind == Kind::Http && x.status == Some(status))) {
                out.status(status, span, Source::Har, detail.clone());
            }
        }
        if let Some(c) = code_name {
            if let Some(doc) = c.status.filter(|d| *d != status && status != 0) {
                out.note(NoteKind::StatusDisagrees { status, code: c.name, documented: doc, har: true }, None);
            }
        }
        let label = match (code_name, status) {
            (Some(c), s) => format!("{} ({s})", c.name),
            (None, 0) => {
                let why =
                    e.error.and_then(|r| text.get(r)).map(|s| format!(", {}", super::clip(s, 40))).unwrap_or_default();
                format!("status 0 (blocked: CORS or network{why})")
            }
            (None, s) => s.to_string(),
        };
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some(g) => g.1 += 1,
            None => groups.push((label, 1)),
        }
    }
    if failing > 0 {
        crate::search::sort_small(&mut groups, |g| std::cmp::Reverse(g.1));
        let more = groups.len() > 8;
        let blocked = groups.iter().any(|(l, _)| l.starts_with("status 0"));
        groups.truncate(8);
        out.note(NoteKind::HarFailures { failing, total, groups, more }, None);
        if blocked {
            out.note(NoteKind::HarBlocked, None);
        }
    } else if total > 0 {
        out.note(NoteKind::HarAllOk(total), None);
    }
    if !complete {
        out.note(NoteKind::HarCutOff(total), None);
    }
    out.whole = total > 0;
    out
}
