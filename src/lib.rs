//! Explains Azure Media Services streaming, packaging and live-event errors, entirely in the
//! browser. The pure core (`catalog`, `query`, `search`, `report`, `diagnose`) is the
//! `ams-errors-core` crate, re-exported here; `ui` (Yew components) and `embed` (the
//! `#[wasm_bindgen]` surface) sit on top. What a Web Worker runs while a file is
//! read is the `ams-errors-worker` crate, a wasm of its own.
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub use ams_errors_core::{catalog, diagnose, excerpt, notes, query, redact, report, search, stream, wire};

pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;

/// The allocator of the wasm (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
