//! Shown when the box holds text but nothing was recognised: why, what the text looked like,
//! and the nearest catalog entries as "did you mean" links.

use std::rc::Rc;

use yew::prelude::*;

use super::CodeLink;
use crate::query::{self, Query};
use crate::report::{Report, Shape};

/// Props of [`NoMatch`].
#[derive(Properties, PartialEq)]
pub struct NoMatchProps {
    /// The report with no findings.
    pub report: Rc<Report>,
    /// Opens a suggestion.
    pub on_open: Callback<String>,
}

/// The no-match message.
#[component]
pub fn NoMatch(props: &NoMatchProps) -> Html {
    let r = &props.report;
    let looked = match r.shape {
        Shape::Query => "It does not name a Media Services code, HTTP status or HRESULT.".to_string(),
        shape => format!("It looks like {}, but holds no HTTP error status and no error code.", shape.label()),
    };
    let is_name = matches!(r.suggestions.first(), Some(_)) && r.shape == Shape::Query;
    let heading = if is_name { "Did you mean" } else { "Entries that mention these words" };
    let _ = query::parse as fn(&str) -> Query<'_>;
    html! {
        <div class="ams-errors__nomatch" data-testid="no-match" role="status">
            <p class="ams-errors__nomatch-title"><strong>{ "No error recognised." }</strong>{ " " }{ looked }</p>
            { for r.notes.iter().map(|n| html! { <p class="ams-errors__notice">{ n.text.clone() }</p> }) }
            if !r.suggestions.is_empty() {
                <p>{ heading }</p>
                <ul class="ams-errors__suggestions">
                    { for r.suggestions.iter().map(|e| html! {
                        <li><CodeLink code={e.name} on_open={props.on_open.clone()} />{ " — " }{ e.title }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
