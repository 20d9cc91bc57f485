//! The share control: copies the deep link of what is shown (`#code=` with the identified codes
//! only) to the clipboard, and shows the link to copy by hand when the browser refuses.

use yew::prelude::*;

use crate::ui::web;

/// Props of [`ShareButton`].
#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// The identified codes, comma-separated (`Report::hash_codes`).
    pub codes: String,
    /// The standalone page to link to, when embedded elsewhere.
    #[prop_or_default]
    pub page_url: Option<AttrValue>,
    /// Whether this widget owns the page URL.
    #[prop_or_default]
    pub sync_hash: bool,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Copied,
    Manual(String),
}

/// The share button.
#[component]
pub fn ShareButton(props: &ShareButtonProps) -> Html {
    let outcome = use_state_eq(|| Outcome::Idle);
    let hash = web::hash_for(&props.codes);
    {
        let outcome = outcome.clone();
        use_effect_with(props.codes.clone(), move |_| outcome.set(Outcome::Idle));
    }
    let onclick = {
        let outcome = outcome.clone();
        let hash = hash.clone();
        let base = match (&props.page_url, props.sync_hash) {
            (Some(u), false) => Some(u.to_string()),
            _ => None,
        };
        Callback::from(move |_: MouseEvent| {
            let base = base.clone().or_else(web::url_without_hash).unwrap_or_default();
            let link = format!("{base}{hash}");
            let outcome = outcome.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if web::copy(&link).await {
                    outcome.set(Outcome::Copied);
                } else {
                    outcome.set(Outcome::Manual(link));
                }
            });
        })
    };
    html! {
        <span class="ams-errors__share">
            <button type="button" class="ams-errors__button ams-errors__button--primary" data-testid="share"
                data-href={hash} disabled={props.codes.is_empty()} {onclick}>
                { "Copy link" }
            </button>
            <span class="ams-errors__share-status" role="status">
                { match &*outcome {
                    Outcome::Idle => Html::default(),
                    Outcome::Copied => html! { { "Link copied." } },
                    Outcome::Manual(link) => html! {
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
