//! The index of the pages (`codes/index.html`): every catalog entry, linked to its page, by kind
//! and status: origin codes under their HTTP status, live events and their result codes, the
//! bare HTTP statuses (the service's, then those in their general HTTP meaning), then Azure
//! Media Player's codes by category. A retired code is marked as no longer emitted.

use ams_errors::catalog::{self, Entry, Kind};
use yew::prelude::*;

use crate::code_page::Page;
use crate::document::{self, footer, nav, Head};

/// A link to `e`'s page, its name as code.
fn link(e: &Entry) -> Html {
    html! { <a class="page-code-link" href={format!("{}.html", e.name)}><code>{ e.name }</code></a> }
}

/// One list item: the link, the title, and `extra` facts in muted text.
fn item(e: &'static Entry, extra: Option<String>) -> Html {
    let retired = e.retired.then_some("no longer emitted");
    let extra = match (extra, retired) {
        (Some(x), Some(r)) => Some(format!("{x} · {r}")),
        (x, r) => x.or(r.map(str::to_string)),
    };
    html! {
        <li>
            { link(e) }{ " — " }{ e.title() }
            if let Some(x) = extra { <span class="page-facts">{ format!(" · {x}") }</span> }
        </li>
    }
}

/// Origin codes grouped by HTTP status, each group headed by the status's own page.
fn origin() -> Html {
    let codes: Vec<&'static Entry> = catalog::all().iter().filter(|e| e.kind == Kind::Origin).collect();
    let mut statuses: Vec<Option<u16>> = codes.iter().map(|e| e.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    html! {
        <section aria-labelledby="page-origin">
            <h2 id="page-origin">{ "Streaming endpoint (origin) errors, by HTTP status" }</h2>
            { for statuses.into_iter().map(|status| {
                let head = status.and_then(catalog::by_status);
                let heading = match (status, head) {
                    (Some(_), Some(h)) => html! { <h3>{ link(h) }{ " — " }{ h.title() }</h3> },
                    (Some(s), None) => html! { <h3>{ format!("HTTP {s}") }</h3> },
                    (None, _) => html! { <h3>{ "No HTTP status" }</h3> },
                };
                html! {
                    <>
                        { heading }
                        <ul class="page-list">
                            { for codes.iter().filter(|e| e.status == status).map(|e| item(e, e.hresult.map(|h| h.to_string()))) }
                        </ul>
                    </>
                }
            }) }
        </section>
    }
}

/// Live events, then the result codes with the events that carry them.
fn live() -> Html {
    let events: Vec<&'static Entry> = catalog::events().collect();
    let carried_by = |e: &'static Entry| -> Option<String> {
        let names: Vec<&str> =
            events.iter().filter(|ev| ev.members().any(|m| std::ptr::eq(m, e))).map(|ev| ev.name).collect();
        Some(if names.is_empty() { "no event".to_string() } else { names.join(", ") })
    };
    let codes = catalog::all().iter().filter(|e| e.kind == Kind::Live && !e.event);
    html! {
        <section aria-labelledby="page-live">
            <h2 id="page-live">{ "Live events" }</h2>
            <h3>{ "Events (Event Grid)" }</h3>
            <ul class="page-list">
                { for events.iter().map(|e| {
                    let n = e.members().count();
                    item(e, (n > 0).then(|| format!("{n} result codes")))
                }) }
            </ul>
            <h3>{ "Result codes, with the events that carry them" }</h3>
            <ul class="page-list">{ for codes.map(|e| item(e, carried_by(e))) }</ul>
        </section>
    }
}

/// The bare HTTP statuses, by status.
fn http() -> Html {
    let statuses = |generic: bool| -> Html {
        let mut list: Vec<&'static Entry> =
            catalog::all().iter().filter(|e| e.kind == Kind::Http && e.generic == generic).collect();
        list.sort_by_key(|e| e.status);
        html! { <ul class="page-list">{ for list.into_iter().map(|e| item(e, None)) }</ul> }
    };
    html! {
        <section aria-labelledby="page-http">
            <h2 id="page-http">{ "HTTP statuses" }</h2>
            <h3>{ "As a streaming endpoint returns them" }</h3>
            { statuses(false) }
            <h3>{ "In their general HTTP meaning" }</h3>
            { statuses(true) }
        </section>
    }
}

/// Azure Media Player's codes under their category (bits 27-20), each with its 28-bit code
/// and the HTTP status it stands for.
fn player() -> Html {
    let codes: Vec<&'static Entry> = catalog::all().iter().filter(|e| e.kind == Kind::Player).collect();
    let facts = |e: &Entry| -> Option<String> {
        let code = e.amp_code.map(|c| c.to_string());
        Some(match (code, e.status) {
            (Some(c), Some(s)) => format!("{c} · HTTP {s}"),
            (c, _) => c?,
        })
    };
    html! {
        <section aria-labelledby="page-player">
            <h2 id="page-player">{ "Azure Media Player error codes, by category" }</h2>
            { for catalog::amp_categories().iter().map(|(_, name)| html! {
                <>
                    <h3>{ *name }</h3>
                    <ul class="page-list">
                        { for codes.iter().filter(|e| e.category() == Some(*name)).map(|e| item(e, facts(e))) }
                    </ul>
                </>
            }) }
        </section>
    }
}

/// The whole index document.
pub fn render(pages: &[Page]) -> Html {
    let entries = catalog::all().len();
    let body = html! {
        <>
            <header class="page-head">
                { nav(None) }
                <p class="page-kicker">{ "Azure Media Services" }</p>
                <h1>{ "Error codes, one page each" }</h1>
                <p class="page-lede">
                    { format!("{entries} streaming endpoint, live event, HTTP and Azure Media Player codes on {} pages: what each means, its likely causes and what to do. To have a whole failing response, a player log or a HAR file explained, paste it into ", pages.len()) }
                    <a href="../index.html">{ "the explainer" }</a>{ "." }
                </p>
            </header>
            <main>
                <div class="ams-errors page-index" data-theme="auto">
                    { origin() }
                    { live() }
                    { http() }
                    { player() }
                </div>
            </main>
            { footer() }
        </>
    };
    let head = Head {
        title: "Azure Media Services error codes".to_string(),
        description: "Every Azure Media Services streaming endpoint, live event, HTTP and Azure Media Player error code, one page each: what it means, its likely causes and what to do.".to_string(),
        canonical: "index.html".to_string(),
    };
    document::document(head, body)
}
