//! An excerpt, as the card shows it: the line number, then the line's text with the spans
//! marked. What is cut and what is masked is the core's `excerpt` module's job; this only
//! renders it, as plain text; and the lines read around it from a file.

use yew::prelude::*;

use crate::excerpt::Excerpt;

/// One excerpt of where a finding was.
pub fn excerpt(e: &Excerpt) -> Html {
    html! {
        <div class="ams-errors__excerpt">
            <span class="ams-errors__line-no">{ format!("line {}", e.line) }</span>
            <code class="ams-errors__excerpt-text">
                { for e.parts.iter().map(|p| if p.mark { html! { <mark>{ p.text.clone() }</mark> } } else { html! { { p.text.clone() } } }) }
            </code>
        </div>
    }
}

/// Lines read around an excerpt (already masked), numbered as the excerpt is: one block, a line
/// number and the text per row.
pub fn around_lines(lines: &[(usize, String)]) -> Html {
    if lines.is_empty() {
        return Html::default();
    }
    html! {
        <div class="ams-errors__around-lines">
            { for lines.iter().map(|(n, text)| html! {
                <>
                <span class="ams-errors__line-no">{ format!("line {n}") }</span>
                <code class="ams-errors__excerpt-text">{ text.clone() }</code>
                </>
            }) }
        </div>
    }
}
