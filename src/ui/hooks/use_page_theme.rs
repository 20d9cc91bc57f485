//! On the standalone page, mirrors the widget's theme onto `<html data-theme>` so the page
//! chrome around the widget follows the same switch.

use yew::prelude::*;

use crate::ui::Theme;

/// Mirror `theme` onto the document element when `enabled`.
#[hook]
pub fn use_page_theme(enabled: bool, theme: Theme) {
    use_effect_with((enabled, theme), |&(enabled, theme)| {
        if enabled {
            if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-theme", theme.as_str());
            }
        }
    });
}
