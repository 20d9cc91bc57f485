//! The widget's state: the text in the box, the report on it, and why it last changed. Each
//! change is one `Action`; the diagnosis itself stays in the pure core.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnose;
use crate::report::Report;

/// Why the text last changed: decides whether the URL hash is rewritten and the box refilled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cause {
    /// Nothing yet.
    #[default]
    Start,
    /// The person typed or pasted.
    Typed,
    /// Loaded from the URL hash (deep link, back/forward).
    Hash,
    /// Set by the host page (`setQuery`, `data-query`).
    Host,
    /// The person opened an entry (browse, suggestion, related code).
    Opened,
}

/// The widget's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// The text in the box (an `Rc<String>`, not `Rc<str>`: a paste of megabytes is moved in, not
    /// copied once more).
    pub query: Rc<String>,
    /// What the text holds.
    pub report: Rc<Report>,
    /// Why it last changed.
    pub cause: Cause,
    /// Bumped whenever the box must be refilled from `query` (not typed by the person).
    pub refill: u32,
}

/// Every change to the state.
pub enum Action {
    /// The person typed or pasted: the box already holds the text.
    Input(String),
    /// Replace the text from elsewhere; the box is refilled.
    Set(String, Cause),
}

impl State {
    /// A state for an initial text.
    pub fn with_query(text: &str, cause: Cause) -> Self {
        State { query: Rc::new(text.into()), report: Rc::new(diagnose::diagnose(text)), cause, refill: 1 }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Input(text) if text == *self.query => self,
            Action::Input(text) => Rc::new(State {
                report: Rc::new(diagnose::diagnose(&text)),
                query: Rc::new(text),
                cause: Cause::Typed,
                refill: self.refill,
            }),
            Action::Set(text, cause) if text == *self.query => {
                if cause == self.cause {
                    self
                } else {
                    Rc::new(State { cause, ..(*self).clone() })
                }
            }
            Action::Set(text, cause) => Rc::new(State {
                report: Rc::new(diagnose::diagnose(&text)),
                query: Rc::new(text),
                cause,
                refill: self.refill.wrapping_add(1),
            }),
        }
    }
}
