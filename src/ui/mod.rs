//! The Yew user interface: the root component (`app`), its state (`state`), one component per
//! file (`components`), one hook per file (`hooks`), and the parts that open files (`files`). Render bodies touch no browser API, so
//! they also run under server-side rendering in native tests; web-sys calls stay in effects and
//! callbacks, and a failing browser API means "skip that feature", never a panic.

pub mod app;
pub mod components;
pub mod controller;
pub mod files;
pub mod hooks;
pub mod mode;
pub mod state;
pub mod theme;
pub mod web;

pub use app::{App, AppProps};
pub use controller::Controller;
pub use mode::Mode;
pub use theme::Theme;
