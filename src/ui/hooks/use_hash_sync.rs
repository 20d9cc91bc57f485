//! Keeps `location.hash` and the widget in step: a `#code=` deep link is loaded on mount and on
//! back/forward; typing rewrites the hash with `replaceState` (no history entry per keystroke),
//! and only ever with the codes identified, never the text typed or pasted.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::ui::state::{Action, Origin, State};
use crate::ui::web;

/// Sync the hash when `enabled`.
#[hook]
pub fn use_hash_sync(enabled: bool, state: UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with(enabled, move |&enabled| {
        let mut listeners = Vec::new();
        if enabled {
            // `initial`: on mount a hash without a code leaves the starting text alone; on
            // back/forward it means "the state before any code was opened": an empty box.
            let load: Rc<dyn Fn(bool)> =
                Rc::new(move |initial: bool| match web::current_hash().and_then(|h| web::code_from_hash(&h)) {
                    Some(code) => dispatcher.dispatch(Action::Set(code, Origin::Hash)),
                    None if !initial => dispatcher.dispatch(Action::Set(String::new(), Origin::Hash)),
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

    let report = state.report.clone();
    let origin = state.origin;
    use_effect_with((Rc::as_ptr(&state.report) as usize, origin, enabled), move |_| {
        if enabled && matches!(origin, Origin::Typed | Origin::Host) {
            web::replace_hash(&web::hash_for(&report.hash_codes()));
        }
    });
}
