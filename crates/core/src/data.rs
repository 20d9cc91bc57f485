//! The catalog as data: one serialisable view of an entry, the shape of `dist/catalog.json`'s
//! entries and of the command line's `--json` findings (which add where each was found). Only
//! with the `serde` feature, so the widget's wasm never carries it. The JSON Schema that
//! describes this shape is `crates/site/catalog.schema.json`; keep the two in step
//! (`schema_version` changes when a field is removed or changes meaning).

use serde::Serialize;

use crate::catalog::{self, Entry, Hresult};

/// The version of the shape below; a field added keeps it, one removed or changed bumps it.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole catalog: `{ "schema_version": 1, "entries": [...] }`.
#[derive(Serialize)]
pub struct Catalog {
    /// `SCHEMA_VERSION`.
    pub schema_version: u32,
    /// Every entry, in the catalog's order (origin, live, HTTP, player).
    pub entries: Vec<EntryData>,
}

impl Catalog {
    /// Every entry of the compiled-in catalog.
    pub fn new() -> Self {
        Catalog { schema_version: SCHEMA_VERSION, entries: catalog::all().iter().map(EntryData::from).collect() }
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Self::new()
    }
}

/// An HRESULT in the three spellings people search for.
#[derive(Serialize)]
pub struct HresultData {
    /// `0x` and 8 upper-case hex digits.
    pub hex: String,
    /// Unsigned decimal.
    pub unsigned: u32,
    /// Signed 32-bit decimal.
    pub signed: i32,
}

impl From<Hresult> for HresultData {
    fn from(h: Hresult) -> Self {
        HresultData { hex: h.to_string(), unsigned: h.0, signed: h.signed() }
    }
}

/// The WinHTTP failure a storage code wraps.
#[derive(Serialize)]
pub struct WinHttpData {
    /// `ERROR_WINHTTP_TIMEOUT` and the like.
    pub name: &'static str,
    /// The Win32 error number, `0x` and 8 hex digits.
    pub code: String,
    /// Which network failure it is.
    pub meaning: &'static str,
}

/// One entry, every field the cards show plus the facts that identify it.
#[derive(Serialize)]
pub struct EntryData {
    /// `origin`, `live`, `http` or `player` (the finding's `data-kind`).
    pub kind: &'static str,
    /// The canonical name (`data-code`); for a bare status, the status.
    pub name: &'static str,
    /// The HTTP status, or null.
    pub status: Option<u16>,
    /// The HRESULT in hex (`data-hresult`), or null.
    pub hresult: Option<String>,
    /// The HRESULT in hex and decimal, or null.
    pub hresult_values: Option<HresultData>,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// A short phrase for headings.
    pub title: &'static str,
    /// One line: what happened.
    pub summary: &'static str,
    /// A fuller explanation.
    pub explanation: &'static str,
    /// Likely causes, most common first.
    pub causes: Vec<&'static str>,
    /// What to do next, in order.
    pub fixes: Vec<&'static str>,
    /// The section of Microsoft's page this entry is drawn from.
    pub source: String,
    /// A remark (deprecations, overlaps), or null.
    pub note: Option<&'static str>,
    /// What an HTTP status means from the management API, or null.
    pub management: Option<&'static str>,
    /// The WinHTTP failure a storage code wraps, or null.
    pub winhttp: Option<WinHttpData>,
    /// Live codes: the Event Grid events that carry them.
    pub events: Vec<&'static str>,
    /// Live events: the codes they carry.
    pub members: Vec<&'static str>,
    /// Other names that find this entry.
    pub aliases: Vec<&'static str>,
    /// Extra words that find it in a word search.
    pub keywords: Vec<&'static str>,
    /// An Event Grid event rather than a result code.
    pub event: bool,
    /// An HTTP status in its general meaning, not described by the service's pages.
    pub generic: bool,
    /// No longer emitted by the service; kept so old logs and links resolve.
    pub retired: bool,
    /// Player codes: the 28-bit code, `0x` and 7 upper-case hex digits (`0x0200194`), or null.
    pub amp_code: Option<String>,
    /// Player codes: the category bits 27-20 name (`MEDIA_ERR_NETWORK`), or null.
    pub category: Option<&'static str>,
}

impl From<&'static Entry> for EntryData {
    fn from(e: &'static Entry) -> Self {
        EntryData {
            kind: e.kind.as_str(),
            name: e.name,
            status: e.status,
            hresult: e.hresult.map(|h| h.to_string()),
            hresult_values: e.hresult.map(HresultData::from),
            severity: e.severity.as_str(),
            title: e.title(),
            summary: e.summary(),
            explanation: e.explanation(),
            causes: e.causes().iter().collect(),
            fixes: e.fixes().iter().collect(),
            source: e.source(),
            note: e.note(),
            management: e.management(),
            winhttp: e.winhttp.map(|w| WinHttpData {
                name: w.name,
                code: format!("0x{:08X}", w.code),
                meaning: w.meaning,
            }),
            events: e.events().iter().collect(),
            members: e.members().map(|m| m.name).collect(),
            aliases: e.aliases().iter().collect(),
            keywords: e.keywords().iter().collect(),
            event: e.event,
            generic: e.generic,
            retired: e.retired,
            amp_code: e.amp_code.map(|c| c.to_string()),
            category: e.category(),
        }
    }
}
