//! A link to one catalog entry: `#code=NAME`, opened in place (the app decides whether the
//! URL hash follows). Keyboard and middle-click friendly because it is a real link. A plain
//! render function rather than a component: it has no state, and each component type costs
//! the wasm a few KB of generic code.

use yew::prelude::*;

use crate::ui::web;

/// A link that opens `code` in the widget; `label` replaces the code as link text.
pub fn code_link(code: &'static str, on_open: &Callback<String>, label: Option<&'static str>) -> Html {
    let onclick = {
        let on_open = on_open.clone();
        Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            e.prevent_default();
            on_open.emit(code.to_string());
        })
    };
    let body = match label {
        Some(l) => html! { { l } },
        None => html! { <code>{ code }</code> },
    };
    html! {
        <a class="ams-errors__code-link" href={web::hash_for(code)} {onclick}>{ body }</a>
    }
}
