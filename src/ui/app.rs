//! The root component: owns the state reducer, wires the query box, results, browse list,
//! share and theme controls, and the hooks that keep the URL hash, the host page and the parent
//! frame in step. Options come from the standalone page or from `embed::mount`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::components::{browse, results, theme_switch, ShareButton};
use super::hooks::{use_frame_height, use_hash_sync, use_page_theme};
use super::state::{Action, Origin, State};
use super::web;

/// Texts at least this long (UTF-16 units) are re-read once typing pauses.
const LARGE_TEXT: u32 = 256 * 1024;
/// The pause, in milliseconds.
const PAUSE_MS: u32 = 250;

/// Colour theme of the widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system setting.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The `data-theme` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// From a `data-theme` value; unknown values give `None`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// Where the widget runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Embedded in a host page.
    #[default]
    Widget,
    /// The standalone help page.
    Page,
    /// The standalone page inside an `<iframe>` (`?embed=1`): posts its height to the parent.
    Frame,
}

/// Lets the host page replace the query of a mounted widget (`handle.setQuery`).
#[derive(Clone, Default)]
pub struct Controller(pub Rc<RefCell<Option<Callback<String>>>>);

impl PartialEq for Controller {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Controller {
    /// Set the query of the widget this controller is attached to; `false` if not mounted.
    pub fn set_query(&self, text: String) -> bool {
        let cb = self.0.borrow().clone();
        match cb {
            Some(cb) => {
                cb.emit(text);
                true
            }
            None => false,
        }
    }
}

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
    let state = use_reducer(|| State::with_query(&props.query, Origin::Start));
    let theme = use_state_eq(|| props.theme);
    let browsing = use_state_eq(|| false);
    let box_ref = use_node_ref();
    let root_ref = use_node_ref();

    use_hash_sync(props.sync_hash, state.clone());
    use_page_theme(props.mode != Mode::Widget, *theme);
    use_frame_height(props.mode == Mode::Frame, root_ref.clone());

    // Host control: setQuery.
    {
        let controller = props.controller.clone();
        let dispatcher = state.dispatcher();
        use_effect_with(controller, move |c| {
            *c.0.borrow_mut() =
                Some(Callback::from(move |t: String| dispatcher.dispatch(Action::Set(t, Origin::Host))));
            let c = c.clone();
            move || *c.0.borrow_mut() = None
        });
    }
    // Refill the box when the text was set from elsewhere.
    {
        let box_ref = box_ref.clone();
        let query = state.query.clone();
        use_effect_with(state.refill, move |_| {
            if let Some(el) = box_ref.cast::<web_sys::HtmlTextAreaElement>() {
                if el.value() != *query {
                    el.set_value(&query);
                }
            }
        });
    }

    // A paste or drop is read at once; a keystroke inside a text of hundreds of KB is read once
    // typing pauses, so no keystroke waits for a whole re-read.
    let pending = use_mut_ref(|| None::<Timeout>);
    let on_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let Some(el) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
            let keystroke = el.text_length() >= LARGE_TEXT && !e.input_type().starts_with("insertFrom");
            let mut pending = pending.borrow_mut();
            *pending = None; // drops (cancels) a read still waiting
            if keystroke {
                let dispatcher = dispatcher.clone();
                *pending = Some(Timeout::new(PAUSE_MS, move || dispatcher.dispatch(Action::Input(web::value_of(&el)))));
            } else {
                dispatcher.dispatch(Action::Input(web::value_of(&el)));
            }
        })
    };
    let on_open = {
        let dispatcher = state.dispatcher();
        let sync = props.sync_hash;
        Callback::from(move |code: String| {
            if sync {
                web::push_hash(&web::hash_for(&code));
            }
            dispatcher.dispatch(Action::Set(code, Origin::Opened));
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        let box_ref = box_ref.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::Set(String::new(), Origin::Typed));
            if let Some(el) = box_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |t: Theme| theme.set(t))
    };
    let toggle_browse = {
        let browsing = browsing.clone();
        Callback::from(move |_: MouseEvent| browsing.set(!*browsing))
    };
    let codes = state.report.hash_codes();
    let box_id = "ams-errors-query";
    // The pages per code sit in codes/ beside the standalone page (INTERFACE.md).
    let pages = props.page_url.as_ref().map(|u| format!("{}codes/", u.strip_suffix("index.html").unwrap_or(u)));

    html! {
        <div class="ams-errors" data-theme={theme.as_str()} ref={root_ref}>
            <div class="ams-errors__head">
                <label class="ams-errors__label" for={box_id}>
                    { "Paste an error, a failing response, a player log or a HAR file — or type a code" }
                </label>
                { theme_switch(*theme, &on_theme) }
            </div>
            <textarea
                id={box_id}
                class="ams-errors__query"
                data-testid="query"
                ref={box_ref}
                rows="4"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                aria-describedby="ams-errors-hint"
                placeholder="415 · MPE_ENC_ENCRYPTION_REQUIRED · 0x8088021E · a curl -v transcript"
                oninput={on_input}
            />
            <div class="ams-errors__bar">
                <p id="ams-errors-hint" class="ams-errors__hint">
                    { "Explained inside this page: nothing you paste is sent anywhere, and links carry codes only." }
                </p>
                <div class="ams-errors__actions">
                    <ShareButton codes={codes} page_url={props.page_url.clone()} sync_hash={props.sync_hash} />
                    <button type="button" class="ams-errors__button" onclick={on_clear}
                        disabled={state.query.is_empty()}>{ "Clear" }</button>
                    <button type="button" class="ams-errors__button" aria-expanded={browsing.to_string()}
                        aria-controls="ams-errors-browse" onclick={toggle_browse}>
                        { if *browsing { "Hide catalog" } else { "Browse all codes" } }
                    </button>
                </div>
            </div>
            { results(&state.report, &state.query, &on_open, pages.as_deref()) }
            if *browsing {
                { browse(&on_open) }
            }
        </div>
    }
}
