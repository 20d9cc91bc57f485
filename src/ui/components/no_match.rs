//! Shown when the box holds text but nothing was recognised: why, what the text looked like,
//! and the nearest catalog entries as "did you mean" links.

use yew::prelude::*;

use super::code_link;
use crate::report::{Report, Shape};

/// The no-match message for a report with no findings.
pub fn no_match(r: &Report, on_open: &Callback<String>) -> Html {
    let looked = match r.shape {
        Shape::Query => "It does not name a Media Services code, HTTP status or HRESULT.".to_string(),
        shape => format!("It looks like {}, but holds no HTTP error status and no error code.", shape.label()),
    };
    let is_name = !r.suggestions.is_empty() && r.shape == Shape::Query;
    let heading = if is_name { "Did you mean" } else { "Entries that mention these words" };
    html! {
        <div class="ams-errors__nomatch" data-testid="no-match" role="status">
            <p class="ams-errors__nomatch-title"><strong>{ "No error recognised." }</strong>{ " " }{ looked }</p>
            { for r.notes.iter().map(|n| html! { <p class="ams-errors__notice">{ n.text() }</p> }) }
            if !r.suggestions.is_empty() {
                <p>{ heading }</p>
                <ul class="ams-errors__suggestions">
                    { for r.suggestions.iter().map(|e| html! {
                        <li>{ code_link(e.name, on_open, None) }{ " — " }{ e.title() }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
