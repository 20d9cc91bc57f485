//! Reads HAR files with the streaming JSON walker (no tree): every entry of `log.entries[]`
//! whose response failed (status 400 and up, or 0 for a blocked request) gives its status, the
//! `x-ms-error-code` header and the codes in `response.content.text`, with the request URL
//! (query string dropped) as detail. Failures are grouped and counted, conflicts between an
//! entry's status and its body's code are noted, and a cut-off HAR is read as far as it goes.
//! No DOM here.

use std::ops::Range;

use super::json::{walk, Val};
use super::{scan, status_at, subjects_for_value, url, xml, Ctx};
use crate::catalog::Kind;
use crate::report::{Level, Source, Subject};

/// What one entry holds, as spans of the text.
#[derive(Default)]
struct Entry {
    url: Option<Range<usize>>,
    status: Option<Range<usize>>,
    body: Option<Range<usize>>,
    header_name: Option<Range<usize>>,
    codes: Vec<Range<usize>>,
    error: Option<Range<usize>>,
}

/// Read a HAR file: the context's whole text. Returns how many entries it held.
pub(crate) fn read(cx: &mut Ctx<'_>) -> usize {
    let text = cx.text;
    let mut entries: Vec<Entry> = Vec::new();
    let mut list_depth: Option<usize> = None;
    let mut cur: Option<Entry> = None;
    let complete = walk(text, 0..text.len(), |kind, key, span, path| {
        let Some(depth) = list_depth else {
            if kind == Val::Open && key == "entries" {
                list_depth = Some(path.len() + 1);
            }
            return;
        };
        let rel = path.get(depth..).unwrap_or_default();
        match kind {
            Val::Open if path.len() == depth => cur = Some(Entry::default()),
            Val::Close if path.len() == depth => entries.extend(cur.take()),
            Val::Close if path.len() < depth => list_depth = None,
            Val::Str | Val::Num => {
                let Some(e) = cur.as_mut() else { return };
                match (rel, key) {
                    ([_, "request"], "url") => e.url = Some(span),
                    ([_, "response"], "status") => e.status = Some(span),
                    ([_, "response", "content"], "text") => e.body = Some(span),
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
    cx.urls = Some(Vec::new());
    let mut groups: Vec<(String, usize)> = Vec::new();
    let mut failing = 0;
    for e in entries {
        let status = e.status.clone().and_then(|s| text.get(s)).and_then(|s| s.trim().parse::<u16>().ok());
        let Some(status) = status.filter(|s| *s == 0 || *s >= 400) else {
            continue;
        };
        failing += 1;
        if let Some(u) = e.url.clone() {
            cx.urls.get_or_insert_with(Vec::new).push(u);
        }
        let detail = e.url.clone().and_then(|u| text.get(u)).map(url::display);
        let first = cx.hits.len();
        for c in &e.codes {
            let v = text.get(c.clone()).unwrap_or_default();
            let subjects = cx.lookup(v, subjects_for_value);
            cx.add(c.clone(), subjects, Source::Har, None);
        }
        if let Some(body) = e.body.clone() {
            xml::read(cx, body.clone(), Source::Har);
            scan::scan(cx, body, Some(Source::Har));
        }
        let mut code_name = None;
        let mut seen: Vec<Subject> = Vec::new();
        let mut i = first;
        while i < cx.hits.len() {
            let Some(h) = cx.hits.get_mut(i) else { break };
            if seen.contains(&h.subject) {
                cx.hits.remove(i);
                continue;
            }
            seen.push(h.subject);
            if h.detail.is_none() {
                h.detail.clone_from(&detail);
            }
            if let Subject::Entry(en) = h.subject {
                if en.kind != Kind::Http && code_name.is_none() {
                    code_name = Some(en);
                }
            }
            i += 1;
        }
        if let Some(span) = e.status.clone().filter(|s| status_at(text, s.clone()).is_some()) {
            if !seen.iter().any(|s| s.entry().is_some_and(|x| x.kind == Kind::Http && x.status == Some(status))) {
                cx.status(status, span, Source::Har, detail.clone());
            }
        }
        if let Some(c) = code_name {
            if let Some(doc) = c.status.filter(|d| *d != status && status != 0) {
                cx.note(
                    Level::Warning,
                    format!("A request answered {status} but its body says {} (documented with {doc}): trust the code; the status may come from a CDN or proxy in between.", c.name),
                    None,
                );
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
        let parts: Vec<String> = groups.iter().take(8).map(|(l, n)| format!("{n} × {l}")).collect();
        let more = if groups.len() > 8 { ", …" } else { "" };
        let level = if groups.len() > 1 { Level::Warning } else { Level::Info };
        let noun = if failing == 1 { "failing request" } else { "failing requests" };
        cx.note(level, format!("{failing} {noun} of {total}: {}{more}.", parts.join(", ")), None);
    } else if total > 0 {
        cx.note(
            Level::Info,
            format!(
                "The HAR holds {total} requests and none of them failed (no status 400 or above, no blocked request)."
            ),
            None,
        );
    }
    if groups.iter().any(|(l, _)| l.starts_with("status 0")) {
        cx.note(
            Level::Warning,
            "Status 0 means the browser got no HTTP answer it could show: a CORS refusal, mixed content (http on an https page), DNS or a dropped connection. Check the streaming endpoint's CORS settings and the console.".into(),
            None,
        );
    }
    if !complete {
        cx.note(
            Level::Warning,
            format!("The HAR ends before it closes (cut off?): read {total} entries as far as it goes."),
            None,
        );
    }
    total
}
