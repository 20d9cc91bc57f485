//! The widget's hooks, one file each: the URL hash, the page theme, the frame height.

mod use_frame_height;
mod use_hash_sync;
mod use_page_theme;

pub use use_frame_height::use_frame_height;
pub use use_hash_sync::use_hash_sync;
pub use use_page_theme::use_page_theme;
