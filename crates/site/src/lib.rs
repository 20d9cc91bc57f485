//! The build-time site generator: writes into an output directory (Trunk's staging directory,
//! so `dist/`) one static HTML page per catalog name (`codes/<NAME>.html`, the widget's own card
//! rendered with Yew's server-side renderer), the index of them all (`codes/index.html`), their
//! stylesheet (`codes/codes.css`), `catalog.json` (the core's `data::Catalog`) and the JSON Schema
//! that describes it (`catalog.schema.json`). The pages load no script and no wasm. Markup comes
//! from `html!` only, so every catalog text is escaped by Yew; nothing here writes raw HTML.

#![warn(missing_docs)]

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

mod code_page;
mod document;
mod index_page;
mod style;

pub use code_page::{pages, Page};
pub use document::CSP;

/// The hand-written JSON Schema of `catalog.json`, copied out as it is.
pub const SCHEMA: &str = include_str!("../catalog.schema.json");

/// Where the pages go, inside the output directory.
pub const CODES_DIR: &str = "codes";

/// The stylesheet's file name, next to the pages.
pub const STYLESHEET: &str = "codes.css";

/// Why a run failed: what was being done, and the underlying error if any.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    pub(crate) fn new(what: impl Into<String>) -> Self {
        Error(what.into())
    }
}

/// What a run wrote: every file, relative to the output directory.
#[derive(Debug, Default)]
pub struct Written {
    /// The files, in the order written.
    pub files: Vec<PathBuf>,
}

fn write(out: &Path, rel: &str, text: &str, written: &mut Written) -> Result<(), Error> {
    let path = out.join(rel);
    fs::write(&path, text).map_err(|e| Error::new(format!("cannot write {}: {e}", path.display())))?;
    written.files.push(PathBuf::from(rel));
    Ok(())
}

/// Writes the pages, their stylesheet, `catalog.json` and its schema into `out` (created if
/// missing). Fails on the first file it cannot write, or when a catalog name cannot be a file
/// name.
pub fn generate(out: &Path) -> Result<Written, Error> {
    let codes = out.join(CODES_DIR);
    fs::create_dir_all(&codes).map_err(|e| Error::new(format!("cannot create {}: {e}", codes.display())))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Error::new(format!("cannot start the renderer's runtime: {e}")))?;
    let pages = pages()?;
    let mut written = Written::default();

    for page in &pages {
        let html = runtime.block_on(document::render(code_page::render(page, &pages)?));
        write(out, &format!("{CODES_DIR}/{}.html", page.name), &html, &mut written)?;
    }
    let index = runtime.block_on(document::render(index_page::render(&pages)));
    write(out, &format!("{CODES_DIR}/index.html"), &index, &mut written)?;
    write(out, &format!("{CODES_DIR}/{STYLESHEET}"), &style::stylesheet(), &mut written)?;

    let catalog = serde_json::to_string_pretty(&ams_errors_core::data::Catalog::new())
        .map_err(|e| Error::new(format!("cannot serialise the catalog: {e}")))?;
    write(out, "catalog.json", &(catalog + "\n"), &mut written)?;
    write(out, "catalog.schema.json", SCHEMA, &mut written)?;
    Ok(written)
}
