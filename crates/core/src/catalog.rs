//! The error catalog: every Azure Media Services origin (streaming endpoint) code, every
//! live-event code and event, the HTTP statuses a streaming user meets and Azure Media Player's
//! error codes, compiled in from `codes/` by build.rs, with the tables the readers use
//! (`codes/maps/`). Owns the `Entry` type, the `Hresult`, `AmpCode` and `Tech` newtypes and exact
//! lookups by name, HRESULT, status, WinHTTP, player and storage code. Fuzzy search lives in
//! `search`; no DOM here.

use std::fmt;

/// Which table of the service an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Packaging / streaming endpoint (origin) errors: HTTP status plus HRESULT.
    Origin,
    /// Live-event ingest codes and the Event Grid live events that carry them.
    Live,
    /// A bare HTTP status, as the service (or, for `generic` entries, HTTP at large) means it.
    Http,
    /// An Azure Media Player error code (`networkErrHttpUrlNotFound`, 0x0200194).
    Player,
}

impl Kind {
    /// The value of the `data-kind` attribute (INTERFACE.md).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Origin => "origin",
            Kind::Live => "live",
            Kind::Http => "http",
            Kind::Player => "player",
        }
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Origin => "Streaming endpoint (origin)",
            Kind::Live => "Live event",
            Kind::Http => "HTTP status",
            Kind::Player => "Azure Media Player",
        }
    }
}

/// How bad an entry is: live events also report warnings and plain information.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The request or session failed.
    Error,
    /// Something degraded, the session went on.
    Warning,
    /// Not a failure (for example a graceful disconnect).
    Info,
}

impl Severity {
    /// Lower-case name, for attributes and CSS modifiers.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A 32-bit HRESULT. Signed and unsigned decimal spellings are the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hresult(pub u32);

impl Hresult {
    /// From the signed 32-bit spelling (`-2138570164` is `0x8088024C`).
    ///
    /// ```
    /// use ams_errors_core::catalog::Hresult;
    /// assert_eq!(Hresult::from_signed(-2138570164), Hresult(0x8088024C));
    /// ```
    pub fn from_signed(v: i32) -> Self {
        Hresult(v as u32)
    }

    /// The signed 32-bit spelling.
    pub fn signed(self) -> i32 {
        self.0 as i32
    }

    /// Severity bit set: a failure code.
    pub fn is_failure(self) -> bool {
        self.0 & 0x8000_0000 != 0
    }

    /// The customer bit (bit 29): set on codes defined outside Microsoft's shared facilities.
    pub fn is_customer(self) -> bool {
        self.0 & 0x2000_0000 != 0
    }

    /// The facility field (bits 16..=26).
    pub fn facility(self) -> u16 {
        ((self.0 >> 16) & 0x7FF) as u16
    }

    /// The code field (bits 0..=15).
    pub fn code(self) -> u16 {
        (self.0 & 0xFFFF) as u16
    }

    /// A name for well-known facilities, including the two this service uses.
    pub fn facility_name(self) -> Option<&'static str> {
        Some(match self.facility() {
            0 => "FACILITY_NULL",
            1 => "FACILITY_RPC",
            2 => "FACILITY_DISPATCH",
            3 => "FACILITY_STORAGE",
            4 => "FACILITY_ITF",
            7 => "FACILITY_WIN32",
            8 => "FACILITY_WINDOWS",
            9 => "FACILITY_SECURITY",
            10 => "FACILITY_CONTROL",
            11 => "FACILITY_CERT",
            12 => "FACILITY_INTERNET",
            13 => "FACILITY_MEDIASERVER",
            14 => "FACILITY_MSMQ",
            15 => "FACILITY_SETUPAPI",
            0x88 => "Media Services encryption and delivery (MPE_ENC_*)",
            0x89 => "Media Services packaging and storage (MPE_*)",
            _ => return None,
        })
    }
}

impl fmt::Display for Hresult {
    /// `0x` and 8 upper-case hex digits, as INTERFACE.md's `data-hresult`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

/// A 28-bit Azure Media Player error code: bits 27-0 of the player's `error().code`, whose
/// bits 27-20 name the category (`MEDIA_ERR_NETWORK`) and bits 19-0 the detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AmpCode(pub u32);

impl AmpCode {
    /// The category the catalog gives bits 27-20 (`MEDIA_ERR_NETWORK`, `SRC_PLAYER_MISMATCH`).
    pub fn category(self) -> Option<&'static str> {
        AMP_CATEGORIES.iter().find(|(b, _)| *b == self.0 >> 20).map(|(_, n)| *n)
    }

    /// The full 32-bit code as `tech` reports it.
    ///
    /// ```
    /// use ams_errors_core::catalog::{AmpCode, Tech};
    /// assert_eq!(AmpCode(0x0200194).with_tech(Tech::of(0x2000_0000).unwrap()), 0x20200194);
    /// ```
    pub fn with_tech(self, tech: Tech) -> u32 {
        u32::from(tech.0) << 28 | self.0
    }
}

impl fmt::Display for AmpCode {
    /// `0x` and 7 upper-case hex digits, as the player's reference writes them (`0x0200194`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:07X}", self.0)
    }
}

/// An Azure Media Player tech (playback technology): bits 31-28 of a full error code, named
/// in `codes/maps/player.toml` (`2` is `AzureHtml5JS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tech(u8);

impl Tech {
    /// The tech of a full 32-bit code, if bits 31-28 name one.
    pub fn of(code: u32) -> Option<Tech> {
        let n = code >> 28;
        (n < TECHS.len() as u32).then_some(Tech(n as u8))
    }

    /// Every tech, in the order of its bits.
    pub fn all() -> impl Iterator<Item = Tech> {
        (0..TECHS.len() as u8).map(Tech)
    }

    /// Its name (`AzureHtml5JS`).
    pub fn name(self) -> &'static str {
        TECHS.get(usize::from(self.0)).copied().unwrap_or_default()
    }
}

/// The WinHTTP failure that a 500 storage code translates.
#[derive(Debug, PartialEq, Eq)]
pub struct WinHttp {
    /// `ERROR_WINHTTP_TIMEOUT` and the like.
    pub name: &'static str,
    /// The Win32 error number (`0x00002EE2`).
    pub code: u32,
    /// Which network failure it is, in plain words.
    pub meaning: &'static str,
}

/// One catalog row, from `codes/<kind>/<NAME>.toml`. The facts are fields; the prose and the
/// lists are read through methods from one string that build.rs writes (see `Field`).
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// Canonical name, spelled as Azure spells it (`MPE_ENC_ENCRYPTION_REQUIRED`, `415`).
    pub name: &'static str,
    /// The table it belongs to.
    pub kind: Kind,
    /// HTTP status, where one is known.
    pub status: Option<u16>,
    /// HRESULT, where the service documents one.
    pub hresult: Option<Hresult>,
    /// Error, warning or information.
    pub severity: Severity,
    /// Live entries that are an Event Grid event rather than a result code.
    pub event: bool,
    /// HTTP entries not described by the service pages: general HTTP meaning.
    pub generic: bool,
    /// Kept so old links resolve, no longer emitted by the service.
    pub retired: bool,
    /// For 500 codes that wrap a WinHTTP error: which one.
    pub winhttp: Option<&'static WinHttp>,
    /// Player entries: the 28-bit code.
    pub amp_code: Option<AmpCode>,
    /// Where this entry's text starts in `TEXT` (it ends at the next U+001D).
    text: u32,
}

/// A list of the catalog's prose (causes, fixes, keywords), read from its text on demand.
#[derive(Clone, Copy, Debug)]
pub struct List(&'static str);

impl List {
    /// The items, in order.
    pub fn iter(self) -> Items {
        self.0.split('\u{1e}').filter(|s| !s.is_empty())
    }

    /// Whether the list has no item.
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// Whether `item` is one of the items.
    pub fn contains(self, item: &str) -> bool {
        self.iter().any(|i| i == item)
    }
}

/// The iterator over a `List`'s items.
pub type Items = std::iter::Filter<std::str::Split<'static, char>, fn(&&'static str) -> bool>;

impl IntoIterator for List {
    type Item = &'static str;
    type IntoIter = Items;
    fn into_iter(self) -> Items {
        self.iter()
    }
}

impl Entry {
    /// One prose field. build.rs validated every field, so a short record can only come from a
    /// broken build script: the field then reads as empty, never as a panic.
    fn field(&self, field: Field) -> &'static str {
        let record = TEXT.get(self.text as usize..).unwrap_or_default().split('\u{1d}').next();
        record.unwrap_or_default().split('\u{1f}').nth(field as usize).unwrap_or_default()
    }

    /// A short phrase for headings.
    pub fn title(&self) -> &'static str {
        self.field(Field::Title)
    }

    /// One line: what happened.
    pub fn summary(&self) -> &'static str {
        self.field(Field::Summary)
    }

    /// A fuller explanation.
    pub fn explanation(&self) -> &'static str {
        self.field(Field::Explanation)
    }

    /// Likely causes, most common first.
    pub fn causes(&self) -> List {
        List(self.field(Field::Causes))
    }

    /// What to do next, in order.
    pub fn fixes(&self) -> List {
        List(self.field(Field::Fixes))
    }

    /// Extra words that find this entry in a word search.
    pub fn keywords(&self) -> List {
        List(self.field(Field::Keywords))
    }

    /// Live codes: the Event Grid events that carry it (empty for "other" codes).
    pub fn events(&self) -> List {
        List(self.field(Field::Events))
    }

    /// Other spellings that name this entry (`LiveEventEncoderDisconnected`).
    pub fn aliases(&self) -> List {
        List(self.field(Field::Aliases))
    }

    /// Link to the section of the source page.
    pub fn source(&self) -> String {
        let stored = self.field(Field::Source);
        match stored.strip_prefix('~') {
            Some(rest) => format!("{LEARN}{rest}"),
            None => stored.to_string(),
        }
    }

    /// Player entries: the category of the code (`MEDIA_ERR_NETWORK`).
    pub fn category(&self) -> Option<&'static str> {
        self.amp_code.and_then(AmpCode::category)
    }

    /// A remark on the entry (deprecations, overlaps).
    pub fn note(&self) -> Option<&'static str> {
        Some(self.field(Field::Note)).filter(|n| !n.is_empty())
    }

    /// HTTP statuses: what the status means from the management (Azure Resource Manager) API,
    /// where that differs from a streaming endpoint's meaning.
    pub fn management(&self) -> Option<&'static str> {
        Some(self.field(Field::Management)).filter(|m| !m.is_empty())
    }

    /// Live codes this event entry carries (empty for anything else).
    pub fn members(&self) -> impl Iterator<Item = &'static Entry> + '_ {
        all().iter().filter(move |e| self.event && e.events().contains(self.name))
    }
}

// enum Field, const TEXT, static ENTRIES, const LEARN, static STORAGE, TECHS, AMP_CATEGORIES
include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// Every entry: origin codes by status then name, then live events and codes, then HTTP
/// statuses, then Azure Media Player codes by code.
pub fn all() -> &'static [Entry] {
    &ENTRIES
}

/// The service's entries (origin and live) with this name or alias, any letter case; origin
/// before live when a name is in both. Player codes are looked up apart (`player`).
pub fn by_name(name: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    all().iter().filter(move |e| {
        matches!(e.kind, Kind::Origin | Kind::Live)
            && (e.name.eq_ignore_ascii_case(name) || e.aliases().iter().any(|a| a.eq_ignore_ascii_case(name)))
    })
}

/// The Azure Media Player entry of this name, any letter case (`networkErrHttpUrlNotFound`).
pub fn player(name: &str) -> Option<&'static Entry> {
    all().iter().find(|e| e.kind == Kind::Player && e.name.eq_ignore_ascii_case(name))
}

/// The Azure Media Player entry with this 28-bit code.
pub fn by_amp_code(code: u32) -> Option<&'static Entry> {
    all().iter().find(|e| e.amp_code == Some(AmpCode(code)))
}

/// A full 32-bit Azure Media Player code: its entry and the tech in bits 31-28, when the tech is
/// one the player has and the low 28 bits are a code of the catalog.
///
/// ```
/// let (e, tech) = ams_errors_core::catalog::amp(0x20200194).unwrap();
/// assert_eq!((e.name, tech.name(), e.status), ("networkErrHttpUrlNotFound", "AzureHtml5JS", Some(404)));
/// ```
pub fn amp(code: u32) -> Option<(&'static Entry, Tech)> {
    Some((by_amp_code(code & 0x0FFF_FFFF)?, Tech::of(code)?))
}

/// Azure Media Player's categories, by bits 27-20: the value and the name (`(2, "MEDIA_ERR_NETWORK")`).
pub fn amp_categories() -> &'static [(u32, &'static str)] {
    &AMP_CATEGORIES
}

/// The origin entry that reports this Azure Storage error code (`BlobNotFound`), any letter case.
pub fn by_storage_code(code: &str) -> Option<&'static Entry> {
    STORAGE.iter().find(|(s, _)| s.eq_ignore_ascii_case(code)).and_then(|(_, i)| all().get(*i))
}

/// The entry with this HRESULT.
pub fn by_hresult(h: Hresult) -> Option<&'static Entry> {
    all().iter().find(|e| e.hresult == Some(h))
}

/// The bare-status entry for an HTTP status.
pub fn by_status(status: u16) -> Option<&'static Entry> {
    all().iter().find(|e| e.kind == Kind::Http && e.status == Some(status))
}

/// Origin codes returned with this HTTP status.
pub fn with_status(status: u16) -> impl Iterator<Item = &'static Entry> {
    all().iter().filter(move |e| e.kind == Kind::Origin && e.status == Some(status))
}

/// The origin code that translates this WinHTTP error number (`12002`, `0x2EE2`).
pub fn by_winhttp(code: u32) -> Option<&'static Entry> {
    all().iter().find(|e| e.winhttp.as_ref().is_some_and(|w| w.code == code))
}

/// Live events (entries with `event = true`).
pub fn events() -> impl Iterator<Item = &'static Entry> {
    all().iter().filter(|e| e.event)
}

/// The event of this name, any letter case, with or without the `Microsoft.Media.` prefix.
pub fn event(name: &str) -> Option<&'static Entry> {
    let name = name
        .get(..16)
        .filter(|p| p.eq_ignore_ascii_case("Microsoft.Media."))
        .and_then(|_| name.get(16..))
        .unwrap_or(name);
    events().find(|e| e.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hresult_fields_decode() {
        let h = Hresult(0x8088024C);
        assert!(h.is_failure());
        assert_eq!(h.facility(), 0x88);
        assert_eq!(h.code(), 0x024C);
        assert_eq!(h.to_string(), "0x8088024C");
        assert_eq!(Hresult::from_signed(h.signed()), h);
    }
}
