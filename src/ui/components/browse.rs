//! Browse the whole catalog: origin codes grouped by HTTP status, live codes grouped by the
//! event that carries them, and the other HTTP statuses; each entry one click from its card.

use yew::prelude::*;

use super::code_link;
use crate::catalog::{self, Entry, Kind};

fn group(title: String, open: &Callback<String>, head: Option<&'static Entry>, items: Vec<&'static Entry>) -> Html {
    html! {
        <details class="ams-errors__group">
            <summary>{ title }</summary>
            <ul>
                if let Some(h) = head {
                    <li>{ code_link(h.name, open, Some(h.title())) }</li>
                }
                { for items.into_iter().map(|e| html! {
                    <li>{ code_link(e.name, open, None) }{ " — " }{ e.title() }</li>
                }) }
            </ul>
        </details>
    }
}

/// The catalog browser.
pub fn browse(open: &Callback<String>) -> Html {
    let statuses: Vec<&'static Entry> = catalog::all().iter().filter(|e| e.kind == Kind::Http && !e.generic).collect();
    let generic: Vec<&'static Entry> = catalog::all().iter().filter(|e| e.kind == Kind::Http && e.generic).collect();
    let rejecting_events: Vec<&'static Entry> = catalog::events().filter(|e| e.members().next().is_some()).collect();
    let other_live: Vec<&'static Entry> =
        catalog::all().iter().filter(|e| e.kind == Kind::Live && !e.event && e.events().is_empty()).collect();
    let other_events: Vec<&'static Entry> = catalog::events().filter(|e| e.members().next().is_none()).collect();
    html! {
        <section id="ams-errors-browse" class="ams-errors__browse" aria-labelledby="ams-errors-browse-title">
            <h2 id="ams-errors-browse-title" class="ams-errors__browse-title">{ "The catalog" }</h2>
            <h3>{ "Streaming endpoint (origin), by HTTP status" }</h3>
            { for statuses.iter().map(|s| {
                let codes: Vec<&'static Entry> = s.status.map(|st| catalog::with_status(st).collect()).unwrap_or_default();
                group(format!("{} · {} codes", s.title(), codes.len()), open, Some(s), codes)
            }) }
            <h3>{ "Live events, by event" }</h3>
            { for rejecting_events.iter().map(|ev| group(format!("{} · {} codes", ev.name, ev.members().count()), open, Some(ev), ev.members().collect())) }
            { group(format!("Other live codes · {}", other_live.len()), open, None, other_live) }
            { group(format!("Other live events · {}", other_events.len()), open, None, other_events) }
            <h3>{ "Other HTTP statuses" }</h3>
            { group(format!("General HTTP meaning · {}", generic.len()), open, None, generic) }
        </section>
    }
}
