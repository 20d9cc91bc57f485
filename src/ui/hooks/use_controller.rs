//! Registers the widget with its `Controller` while it is mounted, so the host page's
//! `handle.setQuery(text)` replaces the text in the box.

use yew::prelude::*;

use crate::ui::state::{Action, Cause, State};
use crate::ui::Controller;

/// Let `controller` set the text of this widget until it unmounts.
#[hook]
pub fn use_controller(controller: &Controller, dispatcher: UseReducerDispatcher<State>) {
    use_effect_with(controller.clone(), move |c| {
        *c.0.borrow_mut() = Some(Callback::from(move |t: String| dispatcher.dispatch(Action::Set(t, Cause::Host))));
        let c = c.clone();
        move || *c.0.borrow_mut() = None
    });
}
