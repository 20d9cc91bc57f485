//! In `?embed=1` mode, posts the page's content height to the parent frame as
//! `{ type: "ams-errors:resize", height }` whenever it changes (ResizeObserver on the body).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::web;

fn body() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.body()
}

fn post() {
    if let Some(b) = body() {
        web::post_height(b.get_bounding_client_rect().height());
    }
}

/// Post the height when `enabled`.
#[hook]
pub fn use_frame_height(enabled: bool) {
    use_effect_with(enabled, |&enabled| {
        let mut keep = None;
        if enabled {
            post();
            let cb = Closure::<dyn FnMut(js_sys::Array)>::new(|_: js_sys::Array| post());
            if let (Ok(obs), Some(b)) = (web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()), body()) {
                obs.observe(&b);
                keep = Some((obs, cb));
            }
        }
        move || {
            if let Some((obs, _cb)) = keep {
                obs.disconnect();
            }
        }
    });
}
