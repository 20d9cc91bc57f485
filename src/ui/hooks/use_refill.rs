//! Puts the state's text into the box when it was set from elsewhere (a deep link, the host
//! page, an opened code), never while the person types: their cursor stays where it is.

use yew::prelude::*;

use crate::ui::state::State;

/// Refill the `<textarea>` behind `box_ref` whenever `state.refill` moves on.
#[hook]
pub fn use_refill(box_ref: NodeRef, state: &State) {
    let query = state.query.clone();
    use_effect_with(state.refill, move |_| {
        if let Some(el) = box_ref.cast::<web_sys::HtmlTextAreaElement>() {
            if el.value() != *query {
                el.set_value(&query);
            }
        }
    });
}
