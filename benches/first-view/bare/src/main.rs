//! A bare Yew page: one textarea (with the widget's `data-testid="query"`, so the benchmark's probe
//! finds it the same way) and a paragraph that counts what was typed.
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let len = use_state(|| 0usize);
    let oninput = {
        let len = len.clone();
        Callback::from(move |e: InputEvent| {
            let box_: HtmlTextAreaElement = e.target_unchecked_into();
            len.set(box_.value().chars().count());
        })
    };
    html! {
        <>
            <textarea data-testid="query" rows="4" cols="60" aria-label="Type here" {oninput} />
            <p>{ format!("{} characters", *len) }</p>
        </>
    }
}

fn main() {
    let root = app_root();
    yew::Renderer::<App>::with_root(root).render();
}

fn app_root() -> web_sys::Element {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .expect("index.html has a #app element")
}
