//! The results region: a one-line summary, warnings (conflicts, truncation), one card per
//! finding, then context notes (request ids, URL facts), or the no-match message. A polite live
//! region, so screen readers hear changes.

use yew::prelude::*;

use super::{code_link, finding_card, no_match, CardInput, SHOWN_SPANS};
use crate::excerpt::Lines;
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
fn mib(n: usize) -> String {
    let tenths = (n as u64 * 10 + 524_288) / 1_048_576;
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

/// The results for report `r` on `text`; `pages` is where the pages per code are (`…/codes/`).
pub fn results(r: &Report, text: &str, on_open: &Callback<String>, pages: Option<&str>) -> Html {
    let lines = Lines::new(text, r.findings.iter().flat_map(|f| f.spans.iter().take(SHOWN_SPANS).map(|s| s.start)));
    let lines = &lines;
    let empty = r.shape == Shape::Empty;
    html! {
        <>
        <section class="ams-errors__results" aria-live="polite" aria-label="Explanations">
            if !empty && !r.findings.is_empty() {
                <p class="ams-errors__count">{ summary(r) }</p>
            }
            if r.truncated() {
                <p class="ams-errors__notice ams-errors__notice--warning">
                    { format!("Only the first {} of {} were read; the rest was skipped.", mib(r.analyzed), mib(r.total)) }
                </p>
            }
            if !r.findings.is_empty() {
                { notes(r, Level::Warning) }
            }
            { for r.findings.iter().map(|f| html! {
                { finding_card(&CardInput { finding: f, text, on_open, lines, fixes: &r.url_fixes, pages }) }
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
