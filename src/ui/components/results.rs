//! The results region: a one-line summary, notes on the text (conflicts, truncation), one card
//! per finding, or the no-match message. A polite live region, so screen readers hear changes.

use std::rc::Rc;

use yew::prelude::*;

use super::{CodeLink, FindingCard, NoMatch};
use crate::report::{Level, Report, Shape};

/// Props of [`Results`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The report to show.
    pub report: Rc<Report>,
    /// The text it is about.
    pub text: Rc<str>,
    /// Opens a code.
    pub on_open: Callback<String>,
}

const EXAMPLES: [&str; 5] = ["415", "MPE_ENC_ENCRYPTION_REQUIRED", "0x8088024C", "LiveEventEncoderDisconnected", "timeout"];

fn summary(r: &Report) -> String {
    let n = r.findings.len();
    let what = if n == 1 { "1 error recognised".to_string() } else { format!("{n} errors recognised") };
    match r.shape {
        Shape::Query | Shape::Empty => what,
        shape => format!("{what} in {}", shape.label()),
    }
}

fn kib(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

/// The results.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let r = &props.report;
    let empty = r.shape == Shape::Empty;
    html! {
        <>
        <section class="ams-errors__results" aria-live="polite" aria-label="Explanations">
            if !empty && !r.findings.is_empty() {
                <p class="ams-errors__count">{ summary(r) }</p>
            }
            if r.truncated() {
                <p class="ams-errors__notice ams-errors__notice--warning">
                    { format!("Only the first {} of {} were read; the rest was skipped.", kib(r.analyzed), kib(r.total)) }
                </p>
            }
            if !r.findings.is_empty() {
                { for r.notes.iter().map(|n| html! {
                    <p class={classes!("ams-errors__notice", (n.level == Level::Warning).then_some("ams-errors__notice--warning"))}>
                        { n.text.clone() }
                    </p>
                }) }
            }
            { for r.findings.iter().map(|f| html! {
                <FindingCard finding={f.clone()} text={props.text.clone()} on_open={props.on_open.clone()} />
            }) }
            if !empty && r.findings.is_empty() {
                <NoMatch report={r.clone()} on_open={props.on_open.clone()} />
            }
        </section>
        if empty {
            <p class="ams-errors__examples">
                { "Try " }
                { for EXAMPLES.iter().enumerate().map(|(i, x)| html! {
                    <>{ if i > 0 { ", " } else { "" } }<CodeLink code={*x} on_open={props.on_open.clone()} /></>
                }) }
                { ", or paste a whole response." }
            </p>
        }
        </>
    }
}
