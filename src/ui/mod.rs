//! The Yew user interface: the root component (`app`), its state (`state`), one component per
//! file (`components`) and one hook per file (`hooks`). Render bodies touch no browser API, so
//! they also run under server-side rendering in native tests; web-sys calls stay in effects and
//! callbacks, and a failing browser API means "skip that feature", never a panic.

pub mod app;
pub mod components;
pub mod hooks;
pub mod state;
pub mod web;

pub use app::{App, AppProps, Controller, Mode, Theme};
