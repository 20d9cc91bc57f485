//! What an analysis produces: findings (a catalog entry or a decoded HRESULT, where in the text
//! and how it was found), notes for the person, and the shape the text had. Shared by the query
//! path and the paste diagnosis; the UI renders it. Pure data, no DOM here.

use std::ops::Range;

use crate::catalog::{Entry, Hresult, Kind, Tech};
use crate::notes::{NoteKind, UrlChange};

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A catalog entry.
    Entry(&'static Entry),
    /// An HRESULT the catalog does not know: decoded field by field.
    Hresult(Hresult),
}

impl Subject {
    /// The catalog entry, if any.
    pub fn entry(self) -> Option<&'static Entry> {
        match self {
            Subject::Entry(e) => Some(e),
            Subject::Hresult(_) => None,
        }
    }

    /// Where its findings stand in a report, first to last: specific codes 0, live events 1,
    /// decoded HRESULTs 2, bare HTTP statuses 3.
    pub fn rank(self) -> u8 {
        match self {
            Subject::Entry(e) if e.kind == Kind::Http => 3,
            Subject::Entry(e) if e.event => 1,
            Subject::Entry(_) => 0,
            Subject::Hresult(_) => 2,
        }
    }
}

/// Where in the text a finding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The whole text was one query (a name, status, HRESULT).
    Query,
    /// An HTTP status line (`HTTP/1.1 403 Forbidden`).
    StatusLine,
    /// An HTTP header (`x-ms-error-code: ...`).
    Header,
    /// An XML error body.
    XmlBody,
    /// A JSON error body.
    JsonBody,
    /// A HAR file entry.
    Har,
    /// An Event Grid live-event notification.
    EventGrid,
    /// A player's console log (Shaka, hls.js, dash.js, video.js, Azure Media Player).
    PlayerLog,
    /// A log line carrying a code.
    LogLine,
    /// A streaming URL.
    Url,
    /// A failed management (Azure Resource Manager) call: the status has its REST meaning.
    Management,
    /// A name one edit from a catalog name (misspelt, or without its `MPE_` prefix).
    NearName,
    /// A code standing alone in free text.
    BareToken,
}

impl Source {
    /// Every source, in the order declared.
    pub const ALL: [Source; 13] = [
        Source::Query,
        Source::StatusLine,
        Source::Header,
        Source::XmlBody,
        Source::JsonBody,
        Source::Har,
        Source::EventGrid,
        Source::PlayerLog,
        Source::LogLine,
        Source::Url,
        Source::Management,
        Source::NearName,
        Source::BareToken,
    ];

    /// How it was found, for people.
    pub fn label(self) -> &'static str {
        match self {
            Source::Query => "your query",
            Source::StatusLine => "HTTP status line",
            Source::Header => "response header",
            Source::XmlBody => "XML error body",
            Source::JsonBody => "JSON error body",
            Source::Har => "HAR entry",
            Source::EventGrid => "Event Grid event",
            Source::PlayerLog => "player log",
            Source::LogLine => "log line",
            Source::Url => "streaming URL",
            Source::Management => "management API response",
            Source::NearName => "misspelt or unprefixed name",
            Source::BareToken => "code in the text",
        }
    }
}

/// One recognised code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What was recognised.
    pub subject: Subject,
    /// How it was recognised (the first, most specific way).
    pub source: Source,
    /// Byte ranges of the text where it was found, always on `char` boundaries; the first few only.
    pub spans: Vec<Range<usize>>,
    /// How many times it occurred (at least `spans.len()`).
    pub count: usize,
    /// Context for people: the failing URL, the player's own message, the event's encoder IP.
    pub detail: Option<String>,
    /// An Azure Media Player code given in full (`0x20200194`): the tech in its bits 31-28.
    pub tech: Option<Tech>,
}

impl Finding {
    /// A finding for the whole query.
    pub fn query(subject: Subject, len: usize) -> Self {
        let spans = std::iter::once(0..len).collect();
        Finding { subject, source: Source::Query, spans, count: 1, detail: None, tech: None }
    }
}

/// A corrected streaming URL, where the fix for a code found is a change to the URL in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlFix {
    /// The code whose fix this is (`MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL`, or a status).
    pub code: &'static str,
    /// Where the URL is in the text.
    pub span: Range<usize>,
    /// What was changed.
    pub change: UrlChange,
    /// The corrected URLs (no query string), each with what it is for (`FairPlay`, or empty).
    pub urls: Vec<(String, &'static str)>,
}

/// How much a note matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Context that helps.
    Info,
    /// A conflict or something the person should check.
    Warning,
}

/// A remark on the text as a whole: conflicts, URL facts, truncation. What it says is typed
/// (`NoteKind`); its words come from `Display`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What was noticed.
    pub kind: NoteKind,
    /// Where it applies, if somewhere in particular.
    pub span: Option<Range<usize>>,
}

impl Note {
    /// How much it matters.
    pub fn level(&self) -> Level {
        self.kind.level()
    }

    /// The remark, plain text.
    pub fn text(&self) -> String {
        self.kind.to_string()
    }
}

/// What the text looked like as a whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    /// Nothing but white space.
    #[default]
    Empty,
    /// A short query: a code, a status, an HRESULT, some words.
    Query,
    /// An HTTP exchange or curl transcript.
    Http,
    /// An XML document.
    Xml,
    /// A JSON document.
    Json,
    /// A HAR file.
    Har,
    /// Player console output.
    PlayerLog,
    /// A URL.
    Url,
    /// Free text or logs.
    Text,
    /// Mostly unreadable bytes.
    Binary,
}

impl Shape {
    /// Every shape, in the order declared.
    pub const ALL: [Shape; 10] = [
        Shape::Empty,
        Shape::Query,
        Shape::Http,
        Shape::Xml,
        Shape::Json,
        Shape::Har,
        Shape::PlayerLog,
        Shape::Url,
        Shape::Text,
        Shape::Binary,
    ];

    /// What the text looked like, for people.
    pub fn label(self) -> &'static str {
        match self {
            Shape::Empty => "empty",
            Shape::Query => "a short query",
            Shape::Http => "an HTTP exchange",
            Shape::Xml => "an XML document",
            Shape::Json => "a JSON document",
            Shape::Har => "a HAR file",
            Shape::PlayerLog => "a player console log",
            Shape::Url => "a URL",
            Shape::Text => "free text",
            Shape::Binary => "binary data",
        }
    }
}

/// The result of reading a text: total, never a panic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Recognised codes, most specific first, each subject once.
    pub findings: Vec<Finding>,
    /// Remarks on the whole text.
    pub notes: Vec<Note>,
    /// What the text looked like.
    pub shape: Shape,
    /// When nothing (or little) was recognised: the nearest catalog entries, best first.
    pub suggestions: Vec<&'static Entry>,
    /// When the query was a word search: its words; `suggestions` then holds every entry that
    /// mentions them, best first.
    pub searched: Vec<String>,
    /// Corrected streaming URLs, where the fix for a code found is a change to the URL.
    pub url_fixes: Vec<UrlFix>,
    /// Bytes of the text that were read.
    pub analyzed: usize,
    /// Bytes of the text in all.
    pub total: usize,
}

impl Report {
    /// True when only part of the text was read.
    pub fn truncated(&self) -> bool {
        self.analyzed < self.total
    }

    /// Add a finding, merging it into an earlier one for the same subject.
    pub fn push(&mut self, f: Finding) {
        let key = f.subject;
        if let Some(old) = self.findings.iter_mut().find(|o| o.subject == key) {
            old.count += f.count;
            for s in f.spans {
                if old.spans.len() < MAX_SPANS && !old.spans.contains(&s) {
                    old.spans.push(s);
                }
            }
            if old.detail.is_none() {
                old.detail = f.detail;
            }
        } else {
            self.findings.push(f);
        }
    }

    /// The `#code=` fragment value for what was identified: names (or statuses, or hex; a player
    /// code given with its tech, in full) joined by commas. Never any other text of the input.
    pub fn hash_codes(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        for f in &self.findings {
            let c = match (f.subject, f.tech) {
                (Subject::Entry(e), Some(t)) if e.amp_code.is_some() => {
                    format!("0x{:08X}", e.amp_code.map_or(0, |c| c.with_tech(t)))
                }
                (Subject::Entry(e), _) => e.name.to_string(),
                (Subject::Hresult(h), _) => h.to_string(),
            };
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out.join(",")
    }
}

/// Spans kept per finding.
pub const MAX_SPANS: usize = 8;
