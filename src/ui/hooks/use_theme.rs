//! The widget's colour theme: what the host asked for, then what the switch says. A change sets
//! `data-theme` where it shows, on the widget's root (and on the standalone page on `<html>`, so
//! the page chrome follows), instead of rendering the widget again: the cards and excerpts of a
//! paste of megabytes stay as they are.

use yew::prelude::*;

use crate::ui::Theme;

/// Mirror `theme` onto the document element.
fn mirror(theme: Theme) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

/// The theme to render with, and the switch's callback; `root` is the widget's root element,
/// `page` whether `<html>` follows.
#[hook]
pub fn use_theme(initial: Theme, page: bool, root: NodeRef) -> (Theme, Callback<Theme>) {
    let theme = use_mut_ref(|| initial);
    use_effect_with(page, move |&page| {
        if page {
            mirror(initial);
        }
    });
    let shown = *theme.borrow();
    let set = Callback::from(move |t: Theme| {
        *theme.borrow_mut() = t;
        if let Some(el) = root.cast::<web_sys::Element>() {
            let _ = el.set_attribute("data-theme", t.as_str());
        }
        if page {
            mirror(t);
        }
    });
    (shown, set)
}
