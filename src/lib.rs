//! Explains Azure Media Services streaming, packaging and live-event errors, entirely in the
//! browser. The pure core (`catalog`, `query`, `search`, `report`, `diagnose`) is the
//! `ams-errors-core` crate, re-exported here; `ui` (Yew components) and `embed` (the
//! `#[wasm_bindgen]` surface) sit on top, and, with the `files` feature, `worker` (what a Web
//! Worker runs while a file is read).
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub use ams_errors_core::{catalog, diagnose, excerpt, notes, query, redact, report, search, stream, wire};

pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;

#[cfg(feature = "files")]
pub mod worker;

/// The allocator of the wasm (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
