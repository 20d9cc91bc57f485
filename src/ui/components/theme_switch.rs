//! The theme switch: follow the system, light or dark.

use yew::prelude::*;

use crate::ui::Theme;

/// A labelled select showing `theme`, calling `on_change` with the choice.
pub fn theme_switch(theme: Theme, on_change: &Callback<Theme>) -> Html {
    let onchange = {
        let cb = on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(t) = Theme::parse(&s.value()) {
                    cb.emit(t);
                }
            }
        })
    };
    html! {
        <label class="ams-errors__theme">
            <span>{ "Theme" }</span>
            <select class="ams-errors__select" {onchange}>
                { for [(Theme::Auto, "System"), (Theme::Light, "Light"), (Theme::Dark, "Dark")].into_iter().map(|(t, label)| html! {
                    <option value={t.as_str()} selected={t == theme}>{ label }</option>
                }) }
            </select>
        </label>
    }
}
