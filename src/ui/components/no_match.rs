//! Shown when the box holds text but no error was recognised: for a word search, every entry
//! that mentions the words, ranked, the words marked; otherwise why nothing was recognised, what
//! the text looked like, and the nearest catalog entries as "did you mean" links.

use yew::prelude::*;

use super::code_link;
use crate::catalog::Entry;
use crate::report::{Report, Shape};
use crate::search::marked;

/// `text` with the words of the search marked.
fn with_marks(text: &'static str, words: &[String]) -> Html {
    html! {
        { for marked(text, words).into_iter().map(|(t, m)| if m { html! { <mark>{ t }</mark> } } else { html! { { t } } }) }
    }
}

/// A word search's results: how many entries mention the words, then each, best first.
fn search_results(r: &Report, hits: &[&'static Entry], on_open: &Callback<String>) -> Html {
    let words = r.searched.join(" ");
    let heading = match hits.len() {
        1 => format!("1 code mentions “{words}”"),
        n => format!("{n} codes mention “{words}”"),
    };
    html! {
        <div class="ams-errors__nomatch ams-errors__search" data-testid="no-match" role="status">
            <p class="ams-errors__nomatch-title"><strong>{ heading }</strong></p>
            <ol class="ams-errors__suggestions">
                { for hits.iter().map(|e| html! {
                    <li>
                        { code_link(e.name, on_open, None) }{ " — " }{ with_marks(e.title(), &r.searched) }
                        <br />{ with_marks(e.summary(), &r.searched) }
                    </li>
                }) }
            </ol>
        </div>
    }
}

/// The no-match message for a report with no findings.
pub fn no_match(r: &Report, on_open: &Callback<String>) -> Html {
    if !r.searched.is_empty() && !r.suggestions.is_empty() {
        return search_results(r, &r.suggestions, on_open);
    }
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
