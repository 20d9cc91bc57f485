//! The results region: a one-line summary, warnings (conflicts, truncation), one card per
//! finding, then context notes (request ids, URL facts), or the no-match message. A polite live
//! region, so screen readers hear changes. The same for a paste and for a file: the excerpts of
//! a paste are cut from its text here (`paste_excerpts`), a file's come with its findings.

use yew::prelude::*;

use super::{code_link, finding_card, no_match, CardInput, FileAround, SHOWN_SPANS};
use crate::excerpt::{excerpts, Excerpt, Lines};
use crate::report::{Level, Report, Shape};

const EXAMPLES: [&str; 5] =
    ["415", "MPE_ENC_ENCRYPTION_REQUIRED", "0x8088024C", "LiveEventEncoderDisconnected", "timeout"];

fn summary(r: &Report) -> String {
    let n = r.findings.len();
    let what = if n == 1 { "1 error recognised".to_string() } else { format!("{n} errors recognised") };
    match r.shape {
        Shape::Query | Shape::Empty => what,
        shape => format!("{what} in {}", shape.label()),
    }
}

/// Megabytes with one decimal, without float formatting (it would cost the wasm ~20 KB).
pub fn mib(n: u64) -> String {
    let tenths = (n * 10 + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// The report's notes of one level: warnings (conflicts, what in a URL bears on the error) go
/// above the cards, context (request ids, URL facts) below them, so the cause comes first.
fn notes(r: &Report, level: Level) -> Html {
    let class =
        if level == Level::Warning { "ams-errors__notice ams-errors__notice--warning" } else { "ams-errors__notice" };
    html! {
        { for r.notes.iter().filter(|n| n.level() == level).map(|n| html! { <p class={class}>{ n.text() }</p> }) }
    }
}

/// The excerpts each finding of report `r` on pasted `text` shows.
pub fn paste_excerpts(r: &Report, text: &str) -> Vec<Vec<Excerpt>> {
    let lines = Lines::new(text, r.findings.iter().flat_map(|f| f.spans.iter().take(SHOWN_SPANS).map(|s| s.start)));
    r.findings.iter().map(|f| excerpts(text, f.spans.get(..SHOWN_SPANS).unwrap_or(&f.spans), &lines)).collect()
}

/// What the results show: the report, each finding's excerpts, where the pages per code are
/// (`…/codes/`), and, for a paste cut short, how to read all of it as a file.
pub struct Shown<'a> {
    /// The report.
    pub report: &'a Report,
    /// For each finding, in order, its excerpts.
    pub places: &'a [Vec<Excerpt>],
    /// Opens a code.
    pub on_open: &'a Callback<String>,
    /// Where the pages per code are.
    pub pages: Option<&'a str>,
    /// Reads the whole paste as a file.
    pub read_all: Callback<MouseEvent>,
    /// A file is being read and nothing is found yet: nothing to say so far.
    pub reading: bool,
    /// A file's findings: the lines read around their places, and how to read them.
    pub around: Option<FileAround<'a>>,
}

/// The results.
pub fn results(shown: Shown) -> Html {
    let Shown { report: r, places, on_open, pages, read_all, reading, around } = shown;
    if reading {
        return html! { <section class="ams-errors__results" aria-live="polite" aria-label="Explanations" /> };
    }
    let empty = r.shape == Shape::Empty;
    html! {
        <>
        <section class="ams-errors__results" aria-live="polite" aria-label="Explanations">
            if !empty && !r.findings.is_empty() {
                <p class="ams-errors__count">{ summary(r) }</p>
            }
            if r.truncated() {
                <p class="ams-errors__notice ams-errors__notice--warning">
                    { format!("Only the first {} of {} were read; the rest was skipped.", mib(r.analyzed as u64), mib(r.total as u64)) }
                    { " " }<button type="button" class="ams-errors__button" onclick={read_all}>{ "Read all of it as a file" }</button>
                </p>
            }
            if !r.findings.is_empty() {
                { notes(r, Level::Warning) }
            }
            { for r.findings.iter().enumerate().map(|(i, f)| {
                let excerpts = places.get(i).map_or(&[][..], |p| p.get(..SHOWN_SPANS).unwrap_or(p));
                finding_card(&CardInput { finding: f, excerpts, on_open, fixes: &r.url_fixes, pages, around })
            }) }
            if !r.findings.is_empty() {
                { notes(r, Level::Info) }
            }
            if !empty && r.findings.is_empty() {
                { no_match(r, on_open) }
            }
        </section>
        if empty {
            <p class="ams-errors__examples">
                { "Try " }
                { for EXAMPLES.iter().enumerate().map(|(i, x)| html! {
                    <>{ if i > 0 { ", " } else { "" } }{ code_link(x, on_open, None) }</>
                }) }
                { ", or paste a whole response." }
            </p>
        }
        </>
    }
}
