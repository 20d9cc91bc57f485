//! What typing into the box does: a paste or drop is read at once; a keystroke inside a text of
//! hundreds of KB is read once typing pauses, so no keystroke waits for a whole re-read.

use yew::prelude::*;

use super::use_debounce;
use crate::ui::state::{Action, State};
use crate::ui::web;

/// Texts at least this long (UTF-16 units) are re-read once typing pauses.
const LARGE_TEXT: u32 = 256 * 1024;
/// The pause, in milliseconds.
const PAUSE_MS: u32 = 250;

/// The box's `oninput`: hands its text to the state, at once or once typing pauses.
#[hook]
pub fn use_box_input(dispatcher: UseReducerDispatcher<State>) -> Callback<InputEvent> {
    let debounce = use_debounce();
    Callback::from(move |e: InputEvent| {
        let Some(el) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
        let at_once = e.input_type().starts_with("insertFrom") || el.text_length() < LARGE_TEXT;
        let dispatcher = dispatcher.clone();
        let read = move || dispatcher.dispatch(Action::Input(web::value_of(&el)));
        if at_once {
            debounce.now(read);
        } else {
            debounce.later(PAUSE_MS, read);
        }
    })
}
