//! The widget's hooks, one file each: the URL hash, the theme, the frame height, the host's
//! controller, refilling the box, reading what is typed into it, debouncing that work, and
//! reading files in a worker.

mod use_box_input;
mod use_controller;
mod use_debounce;
mod use_files;
mod use_frame_height;
mod use_hash_sync;
mod use_refill;
mod use_theme;

pub use use_box_input::use_box_input;
pub use use_controller::use_controller;
pub use use_debounce::{use_debounce, Debounce};
pub use use_files::{use_files, Files, PasteCopy};
pub use use_frame_height::use_frame_height;
pub use use_hash_sync::use_hash_sync;
pub use use_refill::use_refill;
pub use use_theme::use_theme;
