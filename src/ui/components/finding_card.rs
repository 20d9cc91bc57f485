//! One explanation card per finding: name, status, HRESULT in hex and decimal (a player code:
//! the tech it was given with, its 28-bit code), summary, where it was found, explanation,
//! causes, what to do, related codes and the source link; a retired code says it is no longer
//! emitted. For an HRESULT the catalog does not know, its fields decoded. A file's excerpts offer
//! the lines around them, read from the file when asked. Plain text only; a render function (no
//! state of its own).

use yew::prelude::*;

use super::excerpt::around_lines;
use super::{code_link, excerpt};
use crate::catalog::{self, Entry, Hresult, Kind};
use crate::excerpt::Excerpt;
use crate::report::{Finding, Source, Subject, UrlFix};
use crate::ui::state::{AroundRead, Place};
use crate::ui::web;

/// Excerpts shown per card.
pub const SHOWN_SPANS: usize = 3;

/// What a card is drawn from (a plain struct for the render function, not Yew props): the
/// finding, the excerpts of where it was, and how to open related codes.
pub struct CardInput<'a> {
    /// What was found.
    pub finding: &'a Finding,
    /// Where: the excerpts of its first places (of a paste or of a file).
    pub excerpts: &'a [Excerpt],
    /// Opens a related code.
    pub on_open: &'a Callback<String>,
    /// The report's corrected URLs (a card shows those for its code).
    pub fixes: &'a [UrlFix],
    /// Where the pages per code are (`…/codes/`), to link the code's own page; none on those pages.
    pub pages: Option<&'a str>,
    /// For a file's findings: the lines read around a place, and how to read them.
    pub around: Option<FileAround<'a>>,
}

/// The lines around a file's places: those read so far, and how to read (or, `None`, hide) them.
#[derive(Clone, Copy)]
pub struct FileAround<'a> {
    /// The lines read around one place.
    pub read: Option<&'a AroundRead>,
    /// Reads the lines around a place; `None` hides them.
    pub on_read: &'a Callback<Option<Place>>,
}

fn hresult_line(h: Hresult) -> String {
    if h.signed() < 0 {
        format!("HRESULT {h} · {} · {}", h.0, h.signed())
    } else {
        format!("HRESULT {h} · {}", h.0)
    }
}

fn render_found(card: &CardInput) -> Html {
    let f = card.finding;
    if f.spans.is_empty() || matches!(f.source, Source::Query) {
        return Html::default();
    }
    let times = if f.count > 1 { format!(" · {} times", f.count) } else { String::new() };
    html! {
        <div class="ams-errors__found">
            <p class="ams-errors__found-how">{ format!("Found in the {}{times}", f.source.label()) }</p>
            if let Some(d) = &f.detail { <p class="ams-errors__detail">{ d.clone() }</p> }
            { for card.excerpts.iter().enumerate().map(|(k, e)| place(card, k, e)) }
        </div>
    }
}

/// Excerpt `k` of the card; of a file, with a button that reads the lines around it (or hides
/// them) and, once read, those lines.
fn place(card: &CardInput, k: usize, e: &Excerpt) -> Html {
    // Its first span: each excerpt before it took one span per mark.
    let first = card.excerpts.get(..k).unwrap_or_default().iter().flat_map(|x| &x.parts).filter(|p| p.mark).count();
    let found = e.parts.iter().find(|p| p.mark);
    let (Some(around), Some(span), Some(found)) = (card.around, card.finding.spans.get(first), found) else {
        return excerpt(e);
    };
    let read = around.read.filter(|r| r.at == span.start);
    let lines = read.map(|r| r.lines.as_ref());
    let (before, after) = match lines {
        Some(Ok(a)) => (a.before.as_slice(), a.after.as_slice()),
        _ => Default::default(),
    };
    let (on_read, place) = (around.on_read.clone(), Place { at: span.start, found: found.text.clone(), line: e.line });
    let shown = read.is_some();
    let onclick = Callback::from(move |_: MouseEvent| on_read.emit((!shown).then(|| place.clone())));
    html! {
        <>
        { around_lines(before) }
        { excerpt(e) }
        { around_lines(after) }
        if let Some(why) = match lines {
            Some(Ok(a)) if a.before.is_empty() && a.after.is_empty() => Some("The file has no other lines near this one."),
            Some(Err(why)) => Some(why.as_str()),
            _ => None,
        } { <p class="ams-errors__detail">{ why }</p> }
        <button type="button" class="ams-errors__button ams-errors__around" data-testid="around"
            aria-expanded={shown.to_string()} {onclick}>
            { if shown { "Hide the lines around".to_string() } else { format!("Lines around line {}", e.line) } }
        </button>
        </>
    }
}

/// A button that copies `text`, and says whether it could; `label` names it for screen readers.
fn copy_button(text: &str, label: String) -> Html {
    let text = text.to_string();
    let onclick = Callback::from(move |e: MouseEvent| {
        let button = e.target_dyn_into::<web_sys::HtmlElement>();
        let text = text.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let label = if web::copy(&text).await { "Copied" } else { "Select it and copy" };
            if let Some(b) = button {
                b.set_text_content(Some(label));
            }
        });
    });
    html! { <button type="button" class="ams-errors__button" aria-label={label} {onclick}>{ "Copy" }</button> }
}

/// The corrected URLs for the card's code: what was changed, then each URL with a copy control.
fn render_url_fixes(fixes: &[UrlFix], e: &'static Entry) -> Html {
    html! {
        { for fixes.iter().filter(|f| f.code == e.name).map(|f| html! {
            <div class="ams-errors__urlfix" data-testid="url-fix">
                <h4>{ if f.urls.len() > 1 { "Try one of these URLs" } else { "Try this URL" } }</h4>
                <p>{ f.change.to_string() }</p>
                <ul>
                    { for f.urls.iter().map(|(u, what)| html! {
                        <li>
                            if !what.is_empty() { <strong>{ format!("{what}: ") }</strong> }
                            <code class="ams-errors__urlfix-url">{ u.clone() }</code>
                            { " " }{ copy_button(u, if what.is_empty() { "Copy the corrected URL".into() } else { format!("Copy the {what} URL") }) }
                        </li>
                    }) }
                </ul>
            </div>
        }) }
    }
}

fn render_related(e: &'static Entry, on_open: &Callback<String>) -> Html {
    let (heading, related): (&str, Vec<&'static Entry>) = match e.kind {
        Kind::Http if !e.generic => (
            "Codes the streaming endpoint returns with this status",
            e.status.map(|s| catalog::with_status(s).collect()).unwrap_or_default(),
        ),
        Kind::Live if e.event => ("Result codes this event carries", e.members().collect()),
        // Origin codes, live result codes and player codes stand alone; generic statuses have no
        // service codes.
        Kind::Origin | Kind::Live | Kind::Http | Kind::Player => return Html::default(),
    };
    if related.is_empty() {
        return Html::default();
    }
    html! {
        <details class="ams-errors__related">
            <summary>{ format!("{heading} ({})", related.len()) }</summary>
            <ul>
                { for related.iter().map(|r| html! {
                    <li>{ code_link(r.name, on_open, None) }{ " — " }{ r.title() }</li>
                }) }
            </ul>
        </details>
    }
}

fn render_entry(card: &CardInput, e: &'static Entry) -> Html {
    let heading_id = format!("ams-errors-card-{}-{}", e.kind.as_str(), e.name);
    let mut meta: Vec<String> = vec![e.kind.label().to_string()];
    // A player code: the tech given in its bits 31-28, then its 28-bit code.
    if let Some(c) = e.amp_code {
        meta.extend(card.finding.tech.map(|t| t.name().to_string()));
        meta.push(format!("code {c}"));
    }
    if let Some(s) = e.status {
        if e.kind != Kind::Http {
            meta.push(format!("HTTP {s}"));
        }
    }
    if let Some(h) = e.hresult {
        meta.push(hresult_line(h));
    }
    meta.extend(e.events().iter().chain(e.category()).map(String::from));
    if e.retired {
        meta.push("no longer emitted".into());
    }
    // A failed management call: the status's REST meaning, not the streaming endpoint's codes.
    let management = e.management().filter(|_| card.finding.source == Source::Management);
    if management.is_some() {
        meta.push("management API".into());
    } else if e.generic {
        meta.push("general HTTP meaning".into());
    }
    html! {
        <article class={format!("ams-errors__finding ams-errors__finding--{}{}", e.severity.as_str(), if e.retired { " ams-errors__finding--retired" } else { "" })}
            data-testid="finding" data-kind={e.kind.as_str()} data-code={e.name}
            data-status={e.status.map(|s| s.to_string())} data-hresult={e.hresult.map(|h| h.to_string())}
            aria-labelledby={heading_id.clone()}>
            <header class="ams-errors__card-head">
                <h3 id={heading_id} class="ams-errors__title">{ e.title() }</h3>
                <p class="ams-errors__name"><code>{ e.name }</code></p>
                <p class="ams-errors__meta">{ meta.join(" · ") }</p>
            </header>
            if let Some(m) = management {
                <p class="ams-errors__summary">{ m }</p>
                { render_found(card) }
                <p class="ams-errors__note">{ format!("This is the management API's {}. From a streaming endpoint the same status means: {}", e.name, e.summary()) }</p>
            } else {
            <p class="ams-errors__summary">{ e.summary() }</p>
            { render_found(card) }
            <p>{ e.explanation() }</p>
            if let Some(w) = e.winhttp {
                <p class="ams-errors__winhttp">
                    { format!("Wraps WinHTTP {} (0x{:08X}, {}): ", w.name, w.code, w.code) }{ w.meaning }
                </p>
            }
            { render_url_fixes(card.fixes, e) }
            <h4>{ "Likely causes" }</h4>
            <ul>{ for e.causes().iter().map(|c| html! { <li>{ c }</li> }) }</ul>
            <h4>{ "What to do" }</h4>
            <ol>{ for e.fixes().iter().map(|c| html! { <li>{ c }</li> }) }</ol>
            if let Some(n) = e.note() { <p class="ams-errors__note">{ n }</p> }
            { render_related(e, card.on_open) }
            }
            <p class="ams-errors__source">
                <a href={e.source()} target="_blank" rel="noopener noreferrer">{ "Microsoft reference for this code" }</a>
                if let Some(pages) = card.pages {
                    { " · " }<a href={format!("{pages}{}.html", e.name)}>{ "Page for this code" }</a>
                }
            </p>
        </article>
    }
}

fn render_hresult(card: &CardInput, h: Hresult) -> Html {
    let code = h.to_string();
    let facility = match h.facility_name() {
        Some(n) => format!("{} ({n})", h.facility()),
        None => h.facility().to_string(),
    };
    html! {
        <article class="ams-errors__finding ams-errors__finding--error" data-testid="finding" data-kind="hresult"
            data-code={code.clone()} data-hresult={code.clone()}>
            <header class="ams-errors__card-head">
                <h3 class="ams-errors__title">{ "An HRESULT this catalog does not list" }</h3>
                <p class="ams-errors__name"><code>{ code }</code></p>
                <p class="ams-errors__meta">{ hresult_line(h) }</p>
            </header>
            { render_found(card) }
            <dl class="ams-errors__decoded">
                <dt>{ "Severity" }</dt><dd>{ if h.is_failure() { "failure" } else { "success" } }</dd>
                <dt>{ "Facility" }</dt><dd>{ facility }</dd>
                <dt>{ "Code" }</dt><dd>{ format!("0x{:04X} ({})", h.code(), h.code()) }</dd>
                if h.is_customer() { <dt>{ "Customer bit" }</dt><dd>{ "set: defined by a vendor, not by Windows" }</dd> }
            </dl>
            <p>{ if h.facility() == 7 {
                "Facility 7 wraps a Win32 error: look up the code as a Windows system error number."
            } else {
                "Media Services codes use facilities 0x088 and 0x089; this one comes from another component (player, OS, SDK)."
            } }</p>
        </article>
    }
}

#[cfg(debug_assertions)]
thread_local! {
    static RENDERED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many cards have been rendered so far (debug builds only): the browser tests' proof that
/// a render that changes no finding (the theme switch) leaves the cards and excerpts alone.
#[cfg(debug_assertions)]
pub fn cards_rendered() -> usize {
    RENDERED.with(std::cell::Cell::get)
}

/// The card for one finding.
pub fn finding_card(card: &CardInput) -> Html {
    #[cfg(debug_assertions)]
    RENDERED.with(|n| n.set(n.get() + 1));
    match card.finding.subject {
        Subject::Entry(e) => render_entry(card, e),
        Subject::Hresult(h) => render_hresult(card, h),
    }
}
