//! The share control: copies the deep link of what is shown (`#code=` with the identified codes
//! only) to the clipboard, and shows the link to copy by hand when the browser refuses. A render
//! function: what became of the last click is in the state, with the codes it was for, so it is
//! forgotten as soon as other codes are shown.

use yew::prelude::*;

use crate::ui::state::{Action, Shared, State};
use crate::ui::web;

/// What the share button links to, and where it reports a click.
pub struct Share<'a> {
    /// The identified codes, comma-separated (`Report::hash_codes`).
    pub codes: String,
    /// The standalone page to link to, when embedded elsewhere.
    pub page_url: Option<&'a AttrValue>,
    /// Whether this widget owns the page URL (then the link is to the page it is on).
    pub sync_hash: bool,
    /// The last click's codes and outcome.
    pub last: Option<&'a (String, Shared)>,
    /// Hears what became of a click.
    pub dispatcher: UseReducerDispatcher<State>,
}

/// The share button, and what became of its last click for these codes.
pub fn share_button(s: Share) -> Html {
    let hash = web::hash_for(&s.codes);
    let outcome = s.last.filter(|(codes, _)| *codes == s.codes).map(|(_, o)| o);
    let disabled = s.codes.is_empty();
    let onclick = {
        let (hash, codes, dispatcher) = (hash.clone(), s.codes, s.dispatcher);
        let base = s.page_url.filter(|_| !s.sync_hash).map(AttrValue::to_string);
        Callback::from(move |_: MouseEvent| {
            let base = base.clone().or_else(web::url_without_hash).unwrap_or_default();
            let link = format!("{base}{hash}");
            let (codes, dispatcher) = (codes.clone(), dispatcher.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = if web::copy(&link).await { Shared::Copied } else { Shared::Manual(link) };
                dispatcher.dispatch(Action::Shared(codes, outcome));
            });
        })
    };
    html! {
        <span class="ams-errors__share">
            <button type="button" class="ams-errors__button ams-errors__button--primary" data-testid="share"
                data-href={hash} {disabled} {onclick}>
                { "Copy link" }
            </button>
            <span class="ams-errors__share-status" role="status">
                { match outcome {
                    None => Html::default(),
                    Some(Shared::Copied) => html! { { "Link copied." } },
                    Some(Shared::Manual(link)) => html! {
                        <>
                            <label class="ams-errors__share-label" for="ams-errors-share-link">
                                { "Your browser did not allow copying. Copy this link:" }
                            </label>
                            <input id="ams-errors-share-link" class="ams-errors__share-link" readonly=true value={link.clone()}
                                onfocus={Callback::from(|e: FocusEvent| {
                                    if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                                })} />
                        </>
                    },
                } }
            </span>
        </span>
    }
}
