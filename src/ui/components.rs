//! The widget's parts, one per file: render functions, none a component (each component type
//! costs the wasm a few KB); what they show comes from the app's state.

mod code_link;
mod excerpt;
mod file_status;
mod finding_card;
mod no_match;
mod query_box;
mod results;
mod share_button;
mod theme_switch;

pub use code_link::code_link;
pub use excerpt::excerpt;
pub use file_status::{file_status, FileBar};
#[cfg(debug_assertions)]
pub use finding_card::cards_rendered;
pub use finding_card::{finding_card, CardInput, FileAround, SHOWN_SPANS};
pub use no_match::no_match;
pub use query_box::{query_box, QueryBox};
pub use results::{mib, paste_excerpts, results, Shown};
pub use share_button::{share_button, Share};
pub use theme_switch::theme_switch;
