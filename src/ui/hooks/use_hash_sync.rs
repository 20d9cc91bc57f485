//! Keeps `location.hash` and the widget in step, all of it here: a `#code=` deep link is loaded
//! on mount and on back/forward; typing rewrites the hash with `replaceState` (no history entry
//! per keystroke), and only ever with the codes identified, never the text typed or pasted; a
//! code opened on purpose (an example, a suggestion, a related code) is a history entry.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::ui::state::{Action, Cause, State};
use crate::ui::web;

/// Sync the hash when `enabled`. With `typed_start` the starting text is the person's (typed into
/// the page's plain box before the wasm came) and the hash follows it, unless a deep link wins; a
/// host's starting text (`data-query`) leaves the URL alone.
#[hook]
pub fn use_hash_sync(enabled: bool, typed_start: bool, state: UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    let start = if typed_start { state.query.clone() } else { Rc::default() };
    use_effect_with(enabled, move |&enabled| {
        let mut listeners = Vec::new();
        if enabled {
            // `initial`: on mount a deep link wins over the starting text; on back/forward a hash
            // without a code means "the state before any code was opened": an empty box.
            let load: Rc<dyn Fn(bool)> =
                Rc::new(move |initial: bool| match web::current_hash().and_then(|h| web::code_from_hash(&h)) {
                    Some(code) => dispatcher.dispatch(Action::Set(code, Cause::Hash)),
                    None if !initial => dispatcher.dispatch(Action::Set(String::new(), Cause::Hash)),
                    None if !start.is_empty() => dispatcher.dispatch(Action::Set(start.to_string(), Cause::Host)),
                    None => {}
                });
            load(true);
            if let Some(w) = web_sys::window() {
                for event in ["popstate", "hashchange"] {
                    let load = load.clone();
                    listeners.push(EventListener::new(&w, event, move |_| load(false)));
                }
            }
        }
        move || drop(listeners)
    });

    // Keyed on what the hash would say and why, so a re-read giving the same codes writes nothing.
    let opened = state.cause == Cause::Opened;
    let codes = if opened { state.query.to_string() } else { state.report.hash_codes() };
    use_effect_with((codes, state.cause, enabled), move |(codes, cause, enabled)| {
        match (enabled, cause) {
            (true, Cause::Opened) => {
                web::push_hash(&web::hash_for(codes));
            }
            (true, Cause::Typed | Cause::Host) => {
                // After the findings are painted: Chromium saves the page's form state on every
                // `replaceState`, which with megabytes in the box takes longer than the diagnosis.
                let hash = web::hash_for(codes);
                Timeout::new(0, move || {
                    web::replace_hash(&hash);
                })
                .forget();
            }
            _ => {}
        }
    });
}
