//! The theme switch: follow the system, light or dark.

use yew::prelude::*;

use crate::ui::Theme;

/// Props of [`ThemeSwitch`].
#[derive(Properties, PartialEq)]
pub struct ThemeSwitchProps {
    /// The current theme.
    pub theme: Theme,
    /// Called with the chosen theme.
    pub on_change: Callback<Theme>,
}

/// A labelled select.
#[component]
pub fn ThemeSwitch(props: &ThemeSwitchProps) -> Html {
    let onchange = {
        let cb = props.on_change.clone();
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
                    <option value={t.as_str()} selected={t == props.theme}>{ label }</option>
                }) }
            </select>
        </label>
    }
}
