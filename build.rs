//! Build script of the widget: minifies `styles/widget.css` and `styles/files.css` (the file
//! parts) into `$OUT_DIR/widget.css`, which ships inside the wasm (the
//! catalog is the core crate's build script's job).

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let mut css = String::new();
    for f in ["styles/widget.css", "styles/files.css"] {
        println!("cargo::rerun-if-changed={f}");
        css += &fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    fs::write(out_dir.join("widget.css"), minify_css(&css)).unwrap_or_else(|e| panic!("cannot write widget.css: {e}"));
}

/// The widget's stylesheet without comments and spare white space (it ships inside the wasm).
/// Spaces before `:` are kept: `.a :focus` and `.a:focus` differ.
fn minify_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.join(" ");
    for p in ["{", "}", ";", ",", ">"] {
        out = out.replace(&format!(" {p}"), p).replace(&format!("{p} "), p);
    }
    out.replace(";}", "}")
}
