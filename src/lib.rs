//! Explains Azure Media Services streaming, packaging and live-event errors, entirely in the
//! browser. The pure core (`catalog`, `query`, `search`, `report`, `diagnose`) is plain Rust and
//! tested natively; `ui` (Yew components) and `embed` (the `#[wasm_bindgen]` surface) sit on top.
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod catalog;
pub mod diagnose;
pub mod notes;
pub mod query;
pub mod report;
pub mod search;

pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;
