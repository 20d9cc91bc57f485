//! The engine behind the widget, the per-code pages, catalog.json and the command line: the
//! error catalog compiled in from `codes/` (`catalog`), what a typed query means (`query`), word
//! and near-miss search (`search`), the report a diagnosis returns (`report`, `notes`), the
//! diagnosis of pasted text (`diagnose`) and of a text of any size fed in pieces (`stream`), the
//! excerpts that show where (`excerpt`), a copy of a text with its secrets masked (`redact`), and
//! the compact binary form in which a diagnosis goes from a Web Worker to the page (`wire`).
//! Plain Rust with no dependency at all, so nothing here can reach the DOM; the widget, the site
//! generator and the CLI sit on top.
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod catalog;
#[cfg(feature = "serde")]
pub mod data;
pub mod diagnose;
pub mod excerpt;
pub mod notes;
pub mod query;
pub mod redact;
pub mod report;
pub mod search;
#[cfg(all(feature = "simd", target_arch = "wasm32"))]
mod simd;
pub mod stream;
pub mod wire;
