//! The top of the widget: the label and theme switch, the one text box, and the bar under it
//! (the privacy line, Share, Clear, and a link to every code's page). A render function; the
//! callbacks are the app's.

use yew::prelude::*;

use super::theme_switch;
use crate::ui::Theme;

/// The id of the text box, for its label.
const BOX_ID: &str = "ams-errors-query";

/// What the query box shows and whom it tells.
pub struct QueryBox<'a> {
    /// The `<textarea>`, for refilling and focus.
    pub box_ref: &'a NodeRef,
    /// Typing, pasting, dropping.
    pub on_input: Callback<InputEvent>,
    /// The theme shown in the switch, and its changes.
    pub theme: Theme,
    /// Sets the theme.
    pub on_theme: Callback<Theme>,
    /// The share button (`share_button`).
    pub share: Html,
    /// Whether there is text to clear.
    pub has_text: bool,
    /// Empties the box.
    pub on_clear: Callback<MouseEvent>,
    /// The index of the pages per code (`…/codes/index.html`), where the standalone page is known.
    pub index: Option<String>,
    /// Opening a file and redacted copies of the text (a build that reads files).
    pub file_tools: Html,
}

/// The label, the box and its bar.
pub fn query_box(q: QueryBox) -> Html {
    html! {
        <>
        <div class="ams-errors__head">
            <label class="ams-errors__label" for={BOX_ID}>
                { "Paste an error, a failing response, a player log or a HAR file — or type a code" }
            </label>
            { theme_switch(q.theme, &q.on_theme) }
        </div>
        <textarea id={BOX_ID} class="ams-errors__query" data-testid="query" ref={q.box_ref.clone()} rows="4"
            autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="ams-errors-hint"
            placeholder="415 · MPE_ENC_ENCRYPTION_REQUIRED · 0x8088021E · a curl -v transcript"
            oninput={q.on_input} />
        <div class="ams-errors__bar">
            <p id="ams-errors-hint" class="ams-errors__hint">
                { "Explained inside this page: nothing you paste is sent anywhere, and links carry codes only." }
            </p>
            <div class="ams-errors__actions">
                { q.file_tools }
                { q.share }
                <button type="button" class="ams-errors__button" onclick={q.on_clear} disabled={!q.has_text}>
                    { "Clear" }
                </button>
                if let Some(href) = q.index {
                    <a class="ams-errors__button" href={href}>{ "All codes" }</a>
                }
            </div>
        </div>
        </>
    }
}
