//! The HTML document around a page's body: `<html lang>`, the head every page carries (title,
//! description, canonical link, the standalone page's Content-Security-Policy, no referrer, the
//! stylesheet) and the rendering of it all to a string with Yew's server-side renderer. Also the
//! one change made to the widget's markup: its `#code=` links, which open a code inside the
//! widget, are pointed at that code's page. What goes in the body is the pages' business.

use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::VNode;
use yew::LocalServerRenderer;

use crate::Error;

/// The Content-Security-Policy of the standalone page (`index.html`), word for word: the pages
/// need less (no script at all), but one policy for every page of `dist/` is simpler to audit.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/// What a page's head says about it.
pub struct Head {
    /// The `<title>`.
    pub title: String,
    /// The `<meta name="description">`.
    pub description: String,
    /// The canonical URL, relative to the page.
    pub canonical: String,
}

/// The whole document: head and `body`, on a root that follows the reader's colour scheme.
pub fn document(head: Head, body: Html) -> Html {
    let Head { title, description, canonical } = head;
    html! {
        <html lang="en" data-theme="auto">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta http-equiv="Content-Security-Policy" content={CSP} />
                <meta name="referrer" content="no-referrer" />
                <meta name="description" content={description} />
                <title>{ title }</title>
                <link rel="canonical" href={canonical} />
                <link rel="stylesheet" href={crate::STYLESHEET} />
                <link rel="icon" href="data:," />
            </head>
            <body>{ body }</body>
        </html>
    }
}

#[derive(Properties, PartialEq)]
struct StaticProps {
    html: Html,
}

/// Renders a tree built beforehand: the renderer wants a component, the pages are plain trees.
#[component]
fn Static(props: &StaticProps) -> Html {
    props.html.clone()
}

/// The document as text, with its doctype.
pub async fn render(html: Html) -> String {
    let body = LocalServerRenderer::<Static>::with_props(StaticProps { html }).hydratable(false).render().await;
    format!("<!doctype html>\n{body}\n")
}

/// Points every link of `node` whose `href` is `#code=<code>` (the widget's in-place links) at
/// `page(code)`. A code with no page is an error: a static page cannot open it in place.
pub fn retarget_code_links(node: &mut Html, page: &dyn Fn(&str) -> Option<String>) -> Result<(), Error> {
    match node {
        VNode::VTag(tag) => {
            let tag = Rc::make_mut(tag);
            let code = (tag.tag() == "a")
                .then(|| tag.attributes.iter().find(|(k, _)| *k == "href").map(|(_, v)| v.to_string()))
                .flatten()
                .and_then(|href| href.strip_prefix("#code=").map(str::to_string));
            if let Some(code) = code {
                let href =
                    page(&code).ok_or_else(|| Error::new(format!("the card links to {code}, which has no page")))?;
                tag.add_attribute("href", href);
            }
            if let Some(children) = tag.children_mut() {
                retarget_code_links(children, page)?;
            }
        }
        VNode::VList(list) => {
            for child in Rc::make_mut(list).iter_mut() {
                retarget_code_links(child, page)?;
            }
        }
        VNode::VText(_) | VNode::VRef(_) => {}
        VNode::VRaw(_) => return Err(Error::new("the card renders raw HTML; the pages never ship it")),
        // The card is render functions only; a component, portal or suspense would hide its
        // links from this walk, so refuse it rather than ship a dead link.
        VNode::VComp(_) | VNode::VPortal(_) | VNode::VSuspense(_) => {
            return Err(Error::new("the card now holds a component: its links cannot be pointed at the pages"));
        }
    }
    Ok(())
}

/// The links above a page: to the index (from a code's page) and to the explainer, opened on
/// `code` when there is one. Hidden in print.
pub fn nav(code: Option<&str>) -> Html {
    let widget = match code {
        Some(c) => format!("../index.html#code={c}"),
        None => "../index.html".to_string(),
    };
    html! {
        <nav class="page-nav" aria-label="Pages">
            if code.is_some() {
                <a href="index.html">{ "All error codes" }</a>
            }
            <a href={widget}>{ if code.is_some() { "Open in the explainer" } else { "The explainer" } }</a>
        </nav>
    }
}

/// The attribution under every page, as the standalone page has it.
pub fn footer() -> Html {
    html! {
        <footer class="page-foot">
            <p>
                { "Azure Media Services was retired on 30 June 2024; these explanations serve old logs and the services that reuse its codes. " }
                <a href="https://learn.microsoft.com/previous-versions/azure/media-services/latest/azure-media-services-retirement" rel="noopener noreferrer">{ "Microsoft's retirement notice" }</a>
            </p>
            <p>
                { "Error codes, statuses and HRESULT values come from Microsoft's " }
                <a href="https://learn.microsoft.com/previous-versions/azure/media-services/latest/stream-streaming-endpoint-error-codes-reference" rel="noopener noreferrer">{ "Streaming Endpoint (Origin) errors" }</a>
                { ", " }
                <a href="https://learn.microsoft.com/previous-versions/azure/media-services/latest/live-event-error-codes-reference" rel="noopener noreferrer">{ "Live Event error codes" }</a>
                { " and " }
                <a href="https://learn.microsoft.com/previous-versions/azure/media-services/azure-media-player/azure-media-player-error-codes" rel="noopener noreferrer">{ "Azure Media Player error codes" }</a>
                { " references (" }
                <a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener noreferrer">{ "CC BY 4.0" }</a>
                { "); the explanations are our own. The same catalog as data: " }
                <a href="../catalog.json">{ "catalog.json" }</a>
                { " (" }
                <a href="../catalog.schema.json">{ "its JSON Schema" }</a>
                { ")." }
            </p>
        </footer>
    }
}
