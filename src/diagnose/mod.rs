//! Diagnoses whatever a person pastes: decides what the text is (a short query, an HTTP
//! exchange, XML/JSON bodies, a HAR file, player logs, a URL, free text), hands it to the readers
//! for that shape (one module each), then ranks what they found, most specific first, and adds
//! notes on conflicts and on what could not be read. Total: any text gives a `Report`, never a
//! panic; every pass is linear in the text. Pure; no DOM here.

pub mod console;
pub mod har;
pub mod http;
pub mod json;
pub mod scan;
pub mod secrets;
pub mod url;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::catalog::{self, Kind};
use crate::query::{self, Query};
use crate::report::{Finding, Level, Note, Report, Shape, Source, Subject};
use crate::search;

/// Bytes of a paste that are read; the rest is counted and reported as skipped.
pub const MAX_INPUT: usize = 8 * 1024 * 1024;

/// Notes kept at most (conflicts are deduplicated by text).
const MAX_NOTES: usize = 24;

/// One place where a subject was found, before merging.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub subject: Subject,
    pub span: Range<usize>,
    pub source: Source,
    pub detail: Option<String>,
}

/// An HTTP status seen in a status context, known to the catalog or not.
#[derive(Clone, Debug)]
pub(crate) struct Status {
    pub code: u16,
    pub source: Source,
}

/// What the readers share while reading one text.
pub(crate) struct Ctx<'a> {
    /// The text being read (already cut to `MAX_INPUT`).
    pub text: &'a str,
    pub hits: Vec<Hit>,
    pub statuses: Vec<Status>,
    pub notes: Vec<Note>,
    /// Name-like tokens that named nothing: candidates for "did you mean".
    pub near: Vec<Range<usize>>,
    /// Start offsets already read by a more specific reader.
    claimed: HashSet<usize>,
    /// Catalog answers per token, so a code repeated ten thousand times is looked up once.
    memo: HashMap<&'a str, Vec<Subject>>,
    statuses_memo: HashMap<u16, Option<&'static catalog::Entry>>,
    /// The URLs that matter, when a reader knows them (the HAR reader: failing requests only);
    /// `None` means every URL of the text.
    pub urls: Option<Vec<Range<usize>>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Ctx {
            text,
            hits: Vec::new(),
            statuses: Vec::new(),
            notes: Vec::new(),
            near: Vec::new(),
            claimed: HashSet::new(),
            memo: HashMap::new(),
            statuses_memo: HashMap::new(),
            urls: None,
        }
    }

    /// `f(token)`, remembered per token text.
    pub(crate) fn lookup(&mut self, token: &'a str, f: impl FnOnce(&str) -> Vec<Subject>) -> Vec<Subject> {
        if let Some(v) = self.memo.get(token) {
            return v.clone();
        }
        let v = f(token);
        if self.memo.len() < 4096 {
            self.memo.insert(token, v.clone());
        }
        v
    }

    /// True when a more specific reader already read the token starting here.
    pub(crate) fn is_claimed(&self, start: usize) -> bool {
        self.claimed.contains(&start)
    }

    /// Record subjects found at `span`, unless that token was read already. True if recorded.
    pub(crate) fn add(
        &mut self,
        span: Range<usize>,
        subjects: Vec<Subject>,
        source: Source,
        detail: Option<String>,
    ) -> bool {
        if subjects.is_empty() || !self.claimed.insert(span.start) {
            return false;
        }
        for subject in subjects {
            self.hits.push(Hit { subject, span: span.clone(), source, detail: detail.clone() });
        }
        true
    }

    /// Record an HTTP status seen at `span` (its catalog entry, if any, becomes a hit).
    pub(crate) fn status(&mut self, code: u16, span: Range<usize>, source: Source, detail: Option<String>) -> bool {
        if !(100..=599).contains(&code) || !self.claimed.insert(span.start) {
            return false;
        }
        self.statuses.push(Status { code, source });
        let entry = *self.statuses_memo.entry(code).or_insert_with(|| catalog::by_status(code));
        if let Some(e) = entry {
            self.hits.push(Hit { subject: Subject::Entry(e), span, source, detail });
        }
        true
    }

    /// Add a note once.
    pub(crate) fn note(&mut self, level: Level, text: String, span: Option<Range<usize>>) {
        if self.notes.len() < MAX_NOTES && !self.notes.iter().any(|n| n.text == text) {
            self.notes.push(Note { level, text, span });
        }
    }
}

/// Read a text and report what it holds.
///
/// ```
/// let r = ams_errors::diagnose::diagnose("");
/// assert!(r.findings.is_empty());
/// ```
pub fn diagnose(text: &str) -> Report {
    let total = text.len();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Report { analyzed: total, total, ..Report::default() };
    }
    let offset = total - text.trim_start().len();
    if trimmed.len() <= query::MAX_QUERY_LEN && !trimmed.contains('\n') && !trimmed.contains("://") {
        if let Some(r) = query_list(trimmed, offset, total) {
            return r;
        }
        let plain = !trimmed.contains(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FFFD}')
            && !trimmed.contains(['<', '>', '{', '}', '=', ':', '"', '(']);
        let mut r = query::lookup(trimmed);
        if !r.findings.is_empty() || plain {
            for f in &mut r.findings {
                let span = offset..offset + trimmed.len();
                f.spans = vec![span];
            }
            return Report { analyzed: total, total, ..r };
        }
    }
    paste(text)
}

/// A text made only of query tokens ("403 415", "MPE_ENC_ENCRYPTION_REQUIRED,403"): each
/// token's lookup, merged, in order. `None` when it is not such a list.
fn query_list(trimmed: &str, offset: usize, total: usize) -> Option<Report> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in trimmed.char_indices().chain([(trimmed.len(), ' ')]) {
        let sep = c == ',' || c.is_whitespace();
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                tokens.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if tokens.len() < 2 {
        return None;
    }
    let mut report = Report { shape: Shape::Query, analyzed: total, total, ..Report::default() };
    for t in tokens {
        let tok = trimmed.get(t.clone())?;
        if !matches!(query::parse(tok), Query::Status(_) | Query::Hresult(_) | Query::Number(_) | Query::Name(_)) {
            return None;
        }
        let r = query::lookup(tok);
        if r.findings.is_empty() {
            return None;
        }
        for mut f in r.findings {
            let span = offset + t.start..offset + t.end;
            f.spans = vec![span];
            report.push(f);
        }
    }
    Some(report)
}

/// Diagnose a paste (anything that is not a short query).
fn paste(text: &str) -> Report {
    let end = floor_char_boundary(text, MAX_INPUT);
    let body = text.get(..end).unwrap_or_default();
    let shape = shape_of(body);
    let mut cx = Ctx::new(body);
    if end < text.len() {
        cx.note(Level::Warning, format!("The text is {} bytes; only the first {} were read.", text.len(), end), None);
    }
    let all = 0..body.len();
    let entries = if shape == Shape::Har { har::read(&mut cx) } else { 0 };
    if entries == 0 {
        if shape == Shape::Json || shape == Shape::Har {
            json::read(&mut cx, all.clone(), Source::JsonBody, true);
        }
        http::read(&mut cx);
        xml::read(&mut cx, all.clone(), Source::XmlBody);
        console::read(&mut cx);
        let source = match shape {
            Shape::Json | Shape::Har => Some(Source::JsonBody),
            Shape::Xml => Some(Source::XmlBody),
            Shape::PlayerLog => Some(Source::PlayerLog),
            Shape::Http | Shape::Binary => Some(Source::BareToken),
            _ => None,
        };
        if shape != Shape::Json {
            scan::scan(&mut cx, all, source);
        }
    }
    url::read(&mut cx, shape);
    finish(cx, shape, end, text.len())
}

/// Rank: specific codes, then live events, then decoded HRESULTs, then bare HTTP statuses.
fn rank(h: &Hit) -> u8 {
    match h.subject {
        Subject::Entry(e) if e.kind == Kind::Http => 3,
        Subject::Entry(e) if e.event => 1,
        Subject::Entry(_) => 0,
        Subject::Hresult(_) => 2,
    }
}

fn finish(mut cx: Ctx<'_>, shape: Shape, analyzed: usize, total: usize) -> Report {
    conflicts(&mut cx, shape);
    let mut hits = std::mem::take(&mut cx.hits);
    crate::search::sort_small(&mut hits, |h| (rank(h), h.span.start));
    let mut report = Report { shape, analyzed, total, ..Report::default() };
    for h in hits {
        let detail = h.detail.map(|d| secrets::scrub(&d));
        report.push(Finding { subject: h.subject, source: h.source, spans: vec![h.span], count: 1, detail });
    }
    if report.findings.is_empty() {
        explain_nothing(&mut cx, shape);
        report.suggestions = suggestions(&cx, shape);
    }
    report.notes = cx.notes;
    report
}

/// Conflicts between a status and the codes found beside it (the HAR reader checks per entry).
fn conflicts(cx: &mut Ctx<'_>, shape: Shape) {
    if shape == Shape::Har {
        return;
    }
    let of = |want: &[Source]| -> Vec<u16> {
        cx.statuses.iter().filter(|s| want.contains(&s.source)).map(|s| s.code).collect()
    };
    let mut seen = of(&[Source::StatusLine, Source::Header]);
    if seen.is_empty() {
        seen = of(&[Source::XmlBody, Source::JsonBody]);
    }
    if seen.is_empty() {
        return;
    }
    let mut codes: Vec<&'static catalog::Entry> = Vec::new();
    for h in &cx.hits {
        if let Subject::Entry(e) = h.subject {
            if e.kind == Kind::Origin && !codes.iter().any(|c| std::ptr::eq(*c, e)) {
                codes.push(e);
            }
        }
    }
    if let Some(ok) = seen.iter().find(|s| (200..300).contains(*s)) {
        if let Some(c) = codes.first() {
            cx.note(
                Level::Warning,
                format!("The response status is {ok}, yet the body carries the error {}: the error is what to act on; a proxy or CDN may have rewritten the status.", c.name),
                None,
            );
        }
    }
    for c in codes {
        let Some(doc) = c.status else { continue };
        if let Some(s) = seen.iter().find(|s| **s >= 400 && **s != doc) {
            if !seen.contains(&doc) {
                cx.note(
                    Level::Warning,
                    format!("The status is {s} but the body says {} (documented with {doc}): trust the code; the status may come from a CDN, proxy or player in between.", c.name),
                    None,
                );
            }
        }
    }
}

/// Why nothing was recognised, in terms of the shape.
fn explain_nothing(cx: &mut Ctx<'_>, shape: Shape) {
    let errors: Vec<u16> = cx.statuses.iter().map(|s| s.code).filter(|c| *c >= 400).collect();
    let why = if let Some(s) = errors.first() {
        format!("HTTP {s} is not a status the streaming service documents, and no error code (MPE_..., live event, HRESULT) appears beside it.")
    } else if let Some(s) = cx.statuses.first() {
        format!("The only HTTP status here is {}, which is not an error, and no error code appears.", s.code)
    } else {
        match shape {
            Shape::Http => "This looks like an HTTP exchange, but it has no error status and no error code.".into(),
            Shape::Xml => "This looks like XML, but it has no <hresult>, <status> or storage <Code> that names a known error.".into(),
            Shape::Json => "This looks like JSON, but no key in it holds a known error code or status.".into(),
            Shape::Har => "This looks like a HAR file, but none of its requests failed.".into(),
            Shape::PlayerLog => "This looks like a player log, but it names no HTTP status or error code the catalog knows.".into(),
            Shape::Url => "This is a URL on its own: it names no error. Paste the response (status line, headers, body) or the player's error.".into(),
            Shape::Binary => "This looks like binary data, not text: paste the error message or the response body instead.".into(),
            _ => "No HTTP status in a status context, no error code name (MPE_..., live event) and no HRESULT were found.".into(),
        }
    };
    cx.note(Level::Info, format!("Nothing recognised in what looks like {}. {why}", shape.label()), None);
}

/// Nearest entries: for name-like tokens that named nothing, else a word search of short texts.
fn suggestions(cx: &Ctx<'_>, shape: Shape) -> Vec<&'static catalog::Entry> {
    let mut out: Vec<&'static catalog::Entry> = Vec::new();
    for r in cx.near.iter().take(3) {
        let Some(tok) = cx.text.get(r.clone()) else {
            continue;
        };
        for e in search::did_you_mean(tok) {
            if !out.iter().any(|o| std::ptr::eq(*o, e)) && out.len() < search::MAX_SUGGESTIONS {
                out.push(e);
            }
        }
    }
    let trimmed = cx.text.trim();
    if out.is_empty() && shape == Shape::Text && trimmed.len() <= 2 * query::MAX_QUERY_LEN {
        out = search::words(trimmed);
    }
    out
}

/// What the text looks like as a whole, from its start and a few markers.
pub fn shape_of(text: &str) -> Shape {
    let t = text.trim_start();
    if t.is_empty() {
        return Shape::Empty;
    }
    let head = t.get(..floor_char_boundary(t, 4096)).unwrap_or_default();
    let odd = head.chars().filter(|c| *c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace())).count();
    if odd * 10 > head.chars().count().max(1) {
        return Shape::Binary;
    }
    let first = t.as_bytes().first().copied().unwrap_or_default();
    let second = t.get(1..).unwrap_or_default().trim_start().as_bytes().first().copied().unwrap_or_default();
    let json_start =
        first == b'{' || (first == b'[' && matches!(second, b'{' | b'[' | b'"' | b']' | b'-' | b'0'..=b'9'));
    if json_start {
        let lead = head.get(..floor_char_boundary(head, 300)).unwrap_or_default();
        if lead.contains("\"log\"") && t.contains("\"entries\"") {
            return Shape::Har;
        }
        return Shape::Json;
    }
    if first == b'<' && !t.starts_with("< HTTP") && !t.starts_with("< ") {
        return Shape::Xml;
    }
    let http = ["HTTP/", "< HTTP/", "curl ", "$ curl ", "> GET ", "> HEAD ", "GET /", "HEAD /"];
    if http.iter().any(|p| t.starts_with(p))
        || head.contains("\n< HTTP/")
        || head.contains("\nHTTP/1")
        || head.contains("\nHTTP/2")
    {
        return Shape::Http;
    }
    if !t.trim_end().contains(char::is_whitespace) && (t.starts_with("http://") || t.starts_with("https://")) {
        return Shape::Url;
    }
    let lower = t.get(..floor_char_boundary(t, 65536)).unwrap_or_default().to_ascii_lowercase();
    let players = [
        "shaka",
        "hls.js",
        "hlsjs",
        "manifestloaderror",
        "fragloaderror",
        "levelloaderror",
        "networkerror",
        "dash.js",
        "dashjs",
        "videojs",
        "media_err_",
        "azure media player",
        "amp.errorcode",
        "amp(",
    ];
    if players.iter().any(|p| lower.contains(p)) {
        return Shape::PlayerLog;
    }
    Shape::Text
}

/// The largest index `<= i` that is a char boundary of `s`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The value of a 3-digit ASCII status at `span` of `text`, if it is one.
pub(crate) fn status_at(text: &str, span: Range<usize>) -> Option<u16> {
    let s = text.get(span)?;
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|v| (100..=599).contains(v))
}

/// Subjects an error-code value names: a catalog or event name, or an HRESULT in hex or decimal.
pub(crate) fn subjects_for_value(v: &str) -> Vec<Subject> {
    let v = v.trim();
    if v.is_empty() || v.len() > 80 {
        return Vec::new();
    }
    match query::parse(v) {
        Query::Hresult(h) if h.is_failure() => query::subjects_for_hresult(h),
        Query::Name(n) => query::subjects_for_name(n),
        _ => Vec::new(),
    }
}

/// Keep at most `max` bytes of `s` (on a char boundary), adding an ellipsis when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let end = floor_char_boundary(s, max);
    match s.get(..end) {
        Some(p) if end < s.len() => format!("{p}…"),
        _ => s.to_string(),
    }
}
