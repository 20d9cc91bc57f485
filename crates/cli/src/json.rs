//! The `--json` output: exactly one JSON object, `{ "findings": [...], "did_you_mean": [...],
//! "word_matches": [...], "notes": [...] }`. Each finding is the core's `data::EntryData` (the
//! shape of catalog.json's entries) flattened, plus `code` (the widget's `data-code`), `found_by`,
//! `count`, `detail`, `locations` and `corrected_urls`; an HRESULT the catalog does not list has
//! the same leading fields (`kind` "hresult") and its fields `decoded`. README.md documents the
//! shape; this module only builds it.

use std::io::{self, Write};

use serde::Serialize;

use ams_errors_core::catalog::{Entry, Hresult};
use ams_errors_core::data::{EntryData, HresultData};
use ams_errors_core::report::{Level, Source, Subject};

use crate::outcome::{self, Found, Outcome};

#[derive(Serialize)]
struct Doc<'a> {
    findings: Vec<FindingJson<'a>>,
    did_you_mean: Vec<Brief>,
    word_matches: Vec<Brief>,
    notes: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    code: String,
    #[serde(flatten)]
    about: About,
    found_by: &'static str,
    count: usize,
    detail: Option<&'a str>,
    locations: Vec<LocationJson<'a>>,
    corrected_urls: Vec<CorrectedJson<'a>>,
}

/// What a finding is about: a catalog entry, or an HRESULT decoded.
#[derive(Serialize)]
#[serde(untagged)]
enum About {
    Entry(Box<EntryData>),
    Hresult(HresultJson),
}

#[derive(Serialize)]
struct HresultJson {
    kind: &'static str,
    name: String,
    status: Option<u16>,
    hresult: String,
    hresult_values: HresultData,
    severity: &'static str,
    title: &'static str,
    decoded: Decoded,
}

#[derive(Serialize)]
struct Decoded {
    failure: bool,
    facility: u16,
    facility_name: Option<&'static str>,
    code: u16,
    customer: bool,
}

#[derive(Serialize)]
struct LocationJson<'a> {
    file: &'a str,
    line: usize,
    excerpt: String,
}

#[derive(Serialize)]
struct CorrectedJson<'a> {
    change: &'a str,
    urls: Vec<UrlJson<'a>>,
}

#[derive(Serialize)]
struct UrlJson<'a> {
    url: &'a str,
    #[serde(rename = "for")]
    what: &'static str,
}

/// A suggested entry: enough to name it and look it up.
#[derive(Serialize)]
struct Brief {
    code: &'static str,
    kind: &'static str,
    title: &'static str,
    status: Option<u16>,
    hresult: Option<String>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    level: &'static str,
    file: Option<&'a str>,
    text: String,
}

/// How a finding was found, as a stable identifier (`Source::label` is for people).
pub fn found_by(s: Source) -> &'static str {
    match s {
        Source::Query => "query",
        Source::StatusLine => "status_line",
        Source::Header => "header",
        Source::XmlBody => "xml_body",
        Source::JsonBody => "json_body",
        Source::Har => "har",
        Source::EventGrid => "event_grid",
        Source::PlayerLog => "player_log",
        Source::LogLine => "log_line",
        Source::Url => "url",
        Source::Management => "management",
        Source::NearName => "near_name",
        Source::BareToken => "bare_token",
    }
}

fn about(subject: Subject) -> About {
    match subject {
        Subject::Entry(e) => About::Entry(Box::new(EntryData::from(e))),
        Subject::Hresult(h) => About::Hresult(hresult(h)),
    }
}

fn hresult(h: Hresult) -> HresultJson {
    HresultJson {
        kind: "hresult",
        name: h.to_string(),
        status: None,
        hresult: h.to_string(),
        hresult_values: HresultData::from(h),
        severity: if h.is_failure() { "error" } else { "info" },
        title: "An HRESULT this catalog does not list",
        decoded: Decoded {
            failure: h.is_failure(),
            facility: h.facility(),
            facility_name: h.facility_name(),
            code: h.code(),
            customer: h.is_customer(),
        },
    }
}

fn finding(f: &Found) -> FindingJson<'_> {
    FindingJson {
        code: outcome::code(f.subject),
        about: about(f.subject),
        found_by: found_by(f.source),
        count: f.count,
        detail: f.detail.as_deref(),
        locations: f
            .locations
            .iter()
            .map(|l| LocationJson { file: &l.file, line: l.line(), excerpt: l.excerpt.plain("", "") })
            .collect(),
        corrected_urls: f
            .corrected
            .iter()
            .map(|c| CorrectedJson {
                change: &c.change,
                urls: c.urls.iter().map(|(url, what)| UrlJson { url, what }).collect(),
            })
            .collect(),
    }
}

fn brief(e: &&'static Entry) -> Brief {
    Brief {
        code: e.name,
        kind: e.kind.as_str(),
        title: e.title(),
        status: e.status,
        hresult: e.hresult.map(|h| h.to_string()),
    }
}

/// Print `o` as one JSON object and a newline.
pub fn print(w: &mut dyn Write, o: &Outcome) -> io::Result<()> {
    let doc = Doc {
        findings: o.findings.iter().map(finding).collect(),
        did_you_mean: o.did_you_mean.iter().map(brief).collect(),
        word_matches: o.word_matches.iter().map(brief).collect(),
        notes: o
            .notes
            .iter()
            .map(|r| NoteJson {
                level: match r.note.level() {
                    Level::Info => "info",
                    Level::Warning => "warning",
                },
                file: r.file.as_deref(),
                text: r.note.text(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::from)?;
    writeln!(w)
}
