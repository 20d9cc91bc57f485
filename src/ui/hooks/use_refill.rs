//! Puts the state's text into the box when it was set from elsewhere (a deep link, the host
//! page, an opened code), never while the person types: their cursor stays where it is. On the
//! first run, text already in the box was typed in the moment between the box appearing and its
//! effects running: that text is kept and read, not overwritten.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::ui::state::{Action, State};
use crate::ui::web;

/// Refill the `<textarea>` behind `box_ref` whenever `state.refill` moves on.
#[hook]
pub fn use_refill(box_ref: NodeRef, state: &UseReducerHandle<State>) {
    let query = state.query.clone();
    let dispatcher = state.dispatcher();
    use_effect_with(state.refill, move |&refill| {
        if let Some(el) = box_ref.cast::<web_sys::HtmlTextAreaElement>() {
            // The box's text is compared in JS: megabytes pasted there are not copied into the wasm
            // to be told apart from a code just opened.
            let value = JsValue::from(&**query);
            if refill == 1 && el.text_length() > 0 && query.is_empty() {
                dispatcher.dispatch(Action::Input(web::value_of(&el)));
            } else if js_sys::Reflect::get(&el, &"value".into()).ok().as_ref() != Some(&value) {
                let _ = js_sys::Reflect::set(&el, &"value".into(), &value);
            }
        }
    });
}
