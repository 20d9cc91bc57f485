//! The widget's components, one per file.

mod browse;
mod code_link;
mod excerpt;
mod finding_card;
mod no_match;
mod results;
mod share_button;
mod theme_switch;

pub use browse::Browse;
pub use code_link::CodeLink;
pub use excerpt::Excerpt;
pub use finding_card::FindingCard;
pub use no_match::NoMatch;
pub use results::Results;
pub use share_button::ShareButton;
pub use theme_switch::ThemeSwitch;
