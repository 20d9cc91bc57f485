//! A link to one catalog entry: `#code=NAME`, opened in place (the app decides whether the
//! URL hash follows). Keyboard and middle-click friendly because it is a real link.

use yew::prelude::*;

use crate::ui::web;

/// Props of [`CodeLink`].
#[derive(Properties, PartialEq)]
pub struct CodeLinkProps {
    /// The code to open (a name, a status).
    pub code: AttrValue,
    /// Opens it.
    pub on_open: Callback<String>,
    /// Link text; the code itself when empty.
    #[prop_or_default]
    pub children: Html,
}

/// A link that opens a code in the widget.
#[component]
pub fn CodeLink(props: &CodeLinkProps) -> Html {
    let onclick = {
        let code = props.code.to_string();
        let on_open = props.on_open.clone();
        Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            e.prevent_default();
            on_open.emit(code.clone());
        })
    };
    let body = if props.children == Html::default() { html! { <code>{ props.code.clone() }</code> } } else { props.children.clone() };
    html! {
        <a class="ams-errors__code-link" href={web::hash_for(&props.code)} {onclick}>{ body }</a>
    }
}
