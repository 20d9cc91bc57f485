//! The root component: owns the state reducer and wires the query box, the results and the
//! pages per code to it, and the hooks that keep the URL hash, the host page and the parent frame
//! in step. Options come from the standalone page or from `embed::mount`. It also opens files
//! (picker, drop on the widget) and hands back redacted copies (`files`).

use std::rc::Rc;

use yew::prelude::*;

use super::components::{paste_excerpts, query_box, results, share_button, FileAround, QueryBox, Share, Shown};
use super::files::use_file_parts;
use super::hooks::{use_box_input, use_controller, use_frame_height, use_hash_sync, use_refill, use_theme};
use super::state::{Action, Cause, FileStatus, State};
use super::{Controller, Mode, Theme};

/// Microsoft's retirement notice for the service.
const RETIREMENT: &str =
    "https://learn.microsoft.com/previous-versions/azure/media-services/latest/azure-media-services-retirement";

/// Options of one widget.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// The text the box starts with (a deep link's code wins in a hash-synced widget).
    #[prop_or_default]
    pub query: AttrValue,
    /// Colour theme.
    #[prop_or_default]
    pub theme: Theme,
    /// Keep `location.hash` current and follow it (always on for the standalone page).
    #[prop_or_default]
    pub sync_hash: bool,
    /// Where it runs.
    #[prop_or_default]
    pub mode: Mode,
    /// The standalone page's URL, for share links from an embedded widget.
    #[prop_or_default]
    pub page_url: Option<AttrValue>,
    /// Host control.
    #[prop_or_default]
    pub controller: Controller,
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| State::with_query(&props.query, Cause::Start));
    let box_ref = use_node_ref();
    let root = use_node_ref();
    let (theme, on_theme) = use_theme(props.theme, props.mode != Mode::Widget, root.clone());
    use_hash_sync(props.sync_hash, props.mode != Mode::Widget, state.clone());
    use_frame_height(props.mode == Mode::Frame);
    use_controller(&props.controller, state.dispatcher());
    use_refill(box_ref.clone(), &state);
    let on_input = use_box_input(state.dispatcher());
    let files = use_file_parts(&state, &box_ref);
    let on_open = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::Set(text, Cause::Opened)))
    };
    let on_clear = {
        let (dispatcher, box_ref, cancel) = (state.dispatcher(), box_ref.clone(), files.cancel.clone());
        Callback::from(move |_: MouseEvent| {
            cancel.emit(());
            dispatcher.dispatch(Action::Clear);
            if let Some(el) = box_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let shown_file = state.shown_file();
    // Cut once per text, not per render: a file's progress re-renders the app ten times a second.
    let paste_places = {
        let (report, query) = (state.report.clone(), state.query.clone());
        use_memo(Rc::as_ptr(&state.report) as usize, move |_| paste_excerpts(&report, &query))
    };
    // A file read so far with nothing found yet: its status says so; "no error" would be early.
    let reading = shown_file.is_some_and(|f| f.status == FileStatus::Reading && f.found.report.findings.is_empty());
    let (report, places) = match shown_file {
        Some(f) => (&f.found.report, f.found.excerpts.as_slice()),
        None => (&*state.report, (*paste_places).as_slice()),
    };

    let around = shown_file.map(|f| FileAround { read: f.around.as_deref(), on_read: &files.around });
    // The pages per code sit in codes/ beside the standalone page (INTERFACE.md).
    let pages = props.page_url.as_ref().map(|u| format!("{}codes/", u.strip_suffix("index.html").unwrap_or(u)));
    let share = share_button(Share {
        codes: report.hash_codes(),
        page_url: props.page_url.as_ref(),
        sync_hash: props.sync_hash,
        last: state.shared.as_ref(),
        dispatcher: state.dispatcher(),
    });
    let bar = QueryBox {
        box_ref: &box_ref,
        on_input,
        theme,
        on_theme,
        share,
        has_text: state.has_content(),
        on_clear,
        file_tools: files.tools,
        index: pages.as_ref().map(|p| format!("{p}index.html")),
    };
    html! {
        <div class="ams-errors" data-theme={theme.as_str()} ref={root} ondragover={files.ondragover} ondrop={files.ondrop}>
            { query_box(bar) }
            { files.status }
            { results(Shown { report, places, on_open: &on_open, pages: pages.as_deref(), read_all: files.read_all, reading, around }) }
            <p class="ams-errors__retired">
                { "Azure Media Services was retired on 30 June 2024; these explanations serve old logs and the services that reuse its codes. " }
                <a href={RETIREMENT} target="_blank" rel="noopener noreferrer">{ "Microsoft's retirement notice" }</a>
            </p>
        </div>
    }
}
