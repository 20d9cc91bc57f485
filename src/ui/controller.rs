//! The host page's handle on a mounted widget: `handle.setQuery(text)` in JS reaches the widget
//! through the callback the widget registers here while it is mounted.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

/// Lets the host page replace the query of a mounted widget (`handle.setQuery`).
#[derive(Clone, Default)]
pub struct Controller(pub Rc<RefCell<Option<Callback<String>>>>);

impl PartialEq for Controller {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Controller {
    /// Set the query of the widget this controller is attached to; `false` if not mounted.
    pub fn set_query(&self, text: String) -> bool {
        let cb = self.0.borrow().clone();
        match cb {
            Some(cb) => {
                cb.emit(text);
                true
            }
            None => false,
        }
    }
}
