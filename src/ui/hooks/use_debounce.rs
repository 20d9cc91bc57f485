//! Runs work now or once input pauses, never both: whatever is still waiting is dropped (and so
//! cancelled) when newer work comes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// The widget's one pending piece of work.
#[derive(Clone)]
pub struct Debounce(Rc<RefCell<Option<Timeout>>>);

impl Debounce {
    /// Cancel what waits and run `work` at once.
    pub fn now(&self, work: impl FnOnce()) {
        self.0.borrow_mut().take();
        work();
    }

    /// Cancel what waits and run `work` after `ms` milliseconds, unless newer work comes first.
    pub fn later(&self, ms: u32, work: impl FnOnce() + 'static) {
        *self.0.borrow_mut() = Some(Timeout::new(ms, work));
    }
}

/// A `Debounce` that lives as long as the component.
#[hook]
pub fn use_debounce() -> Debounce {
    Debounce(use_mut_ref(|| None))
}
