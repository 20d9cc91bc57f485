//! One page per catalog name (`codes/<NAME>.html`): the widget's own finding card for every
//! entry of that name (a name can be both an origin and a live code: both cards, origin first,
//! as the widget shows them), under a heading saying which table it belongs to, plus a status's
//! management-API meaning, which the card only shows for a failed management call. The card is
//! rendered as for a query, so it shows no excerpt; its related-code links go to their pages.

use ams_errors::catalog::{self, Entry, Kind};
use ams_errors::report::{Finding, Subject};
use ams_errors::ui::components::{finding_card, CardInput};
use yew::prelude::*;

use crate::document::{self, footer, nav, Head};
use crate::Error;

/// One page: a catalog name and its entries, in catalog order.
pub struct Page {
    /// The name, as the finding's `data-code`; for a bare status, the status.
    pub name: &'static str,
    /// Every entry with this name (origin before live).
    pub entries: Vec<&'static Entry>,
}

impl Page {
    /// The page's file name, relative to the other pages.
    pub fn file(&self) -> String {
        format!("{}.html", self.name)
    }

    /// The `<title>`: name and title (a status's title already starts with it).
    pub fn title(&self) -> String {
        let titles: Vec<&str> = self.entries.iter().map(|e| e.title()).collect();
        let titles = titles.join(" · ");
        match titles.strip_prefix(self.name).filter(|rest| rest.starts_with(' ')) {
            Some(_) => titles,
            None => format!("{} — {titles}", self.name),
        }
    }

    /// The description: the entries' summaries.
    pub fn description(&self) -> String {
        let summaries: Vec<&str> = self.entries.iter().map(|e| e.summary()).collect();
        summaries.join(" ")
    }

    /// The `<h1>`: the name, a status said as one.
    pub fn heading(&self) -> String {
        if self.entries.iter().all(|e| e.kind == Kind::Http) {
            format!("HTTP {}", self.name)
        } else {
            self.name.to_string()
        }
    }
}

/// Every page, in catalog order. A name that cannot be a file name (`[A-Za-z0-9_]+`) is an error.
pub fn pages() -> Result<Vec<Page>, Error> {
    let mut out: Vec<Page> = Vec::new();
    for e in catalog::all() {
        if e.name.is_empty() || !e.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(Error::new(format!("catalog name {:?} cannot be a page's file name", e.name)));
        }
        match out.iter_mut().find(|p| p.name == e.name) {
            Some(p) => p.entries.push(e),
            None => out.push(Page { name: e.name, entries: vec![e] }),
        }
    }
    Ok(out)
}

/// Which table an entry is from, as the heading above its card.
fn kind_heading(e: &Entry) -> &'static str {
    match e.kind {
        Kind::Origin => "Streaming endpoint (origin) error",
        Kind::Live if e.event => "Live event (Event Grid)",
        Kind::Live => "Live event result code",
        Kind::Http => "HTTP status",
        Kind::Player => "Azure Media Player error code",
    }
}

/// The widget's card for `e`, as for a query of its name, its code links pointed at the pages.
fn card(e: &'static Entry, pages: &[Page]) -> Result<Html, Error> {
    let finding = Finding::query(Subject::Entry(e), e.name.len());
    let on_open = Callback::noop();
    let props =
        CardInput { finding: &finding, excerpts: &[], on_open: &on_open, fixes: &[], pages: None, around: None };
    let mut html = finding_card(&props);
    document::retarget_code_links(&mut html, &|code| pages.iter().find(|p| p.name == code).map(Page::file))?;
    Ok(html)
}

fn section(e: &'static Entry, pages: &[Page]) -> Result<Html, Error> {
    let id = format!("page-kind-{}", e.kind.as_str());
    let card = card(e, pages)?;
    Ok(html! {
        <section class="page-entry" aria-labelledby={id.clone()}>
            <h2 id={id} class="page-kind">{ kind_heading(e) }</h2>
            { card }
            if let Some(m) = e.management() {
                <section class="page-management" aria-labelledby="page-management">
                    <h3 id="page-management">{ "From the management API" }</h3>
                    <p>{ m }</p>
                </section>
            }
        </section>
    })
}

/// The whole document for `page`; `pages` are the others, for its links.
pub fn render(page: &Page, pages: &[Page]) -> Result<Html, Error> {
    let sections = page.entries.iter().map(|e| section(e, pages)).collect::<Result<Vec<Html>, Error>>()?;
    let body = html! {
        <>
            <header class="page-head">
                { nav(Some(page.name)) }
                <p class="page-kicker">{ "Azure Media Services error" }</p>
                <h1 class="page-code">{ page.heading() }</h1>
            </header>
            <main>
                <div class="ams-errors page-cards" data-theme="auto">{ for sections }</div>
            </main>
            { footer() }
        </>
    };
    let head = Head { title: page.title(), description: page.description(), canonical: page.file() };
    Ok(document::document(head, body))
}
