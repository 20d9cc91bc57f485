//! Every remark the diagnosis can make, as a typed value (`NoteKind`), and all their prose in one
//! place: readers say *what* they noticed, this module says it to people. Tests compare kinds,
//! never phrases; the UI renders `Display`. Pure; no DOM here.

use std::fmt;

use crate::catalog::Entry;
use crate::report::{Level, Shape};

/// Why a report with no findings has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nothing {
    /// An error status the catalog does not know, with no code beside it.
    UnknownErrorStatus(u16),
    /// Only a non-error status.
    OnlyStatus(u16),
    /// Nothing at all: the text's shape says what was looked for.
    Shape,
}

/// A remark on the text as a whole, or on one place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Only the first `read` bytes of `total` were read.
    Truncated {
        /// Bytes in the paste.
        total: usize,
        /// Bytes read.
        read: usize,
    },
    /// An `x-ms-request-id` to quote.
    RequestId(String),
    /// An origin `<activityId>` to quote.
    ActivityId(String),
    /// A 2xx status with an error code in the body.
    OkStatusWithErrorBody {
        /// The status seen.
        status: u16,
        /// The code in the body.
        code: &'static str,
    },
    /// An error status other than the one the body's code is documented with.
    StatusDisagrees {
        /// The status seen.
        status: u16,
        /// The code in the body.
        code: &'static str,
        /// The status the code is documented with.
        documented: u16,
        /// Seen on one request of a HAR file (rather than in the text as a whole).
        har: bool,
    },
    /// Nothing recognised in a text of this shape.
    NothingRecognised {
        /// What the text looked like.
        shape: Shape,
        /// Why.
        why: Nothing,
    },
    /// A status the catalog does not document, typed as a query.
    UndocumentedStatus(u16),
    /// JSON naming error codes the catalog does not know, with the body's message.
    ForeignJsonCode {
        /// Up to three codes.
        codes: Vec<String>,
        /// The body's `message`, clipped.
        message: Option<String>,
    },
    /// A JSON document that does not close.
    JsonCutOff,
    /// An XML `<Code>` the catalog does not know.
    ForeignXmlCode(String),
    /// Failures of a HAR file, grouped: `(label, count)`, most frequent first.
    HarFailures {
        /// Failing requests.
        failing: usize,
        /// Requests in all.
        total: usize,
        /// The first eight groups.
        groups: Vec<(String, usize)>,
        /// More groups than shown.
        more: bool,
    },
    /// A HAR whose requests all succeeded.
    HarAllOk(usize),
    /// A HAR with status-0 (blocked) requests.
    HarBlocked,
    /// A HAR that ends before it closes, read up to `entries`.
    HarCutOff(usize),
    /// Shaka 1002 HTTP_ERROR.
    ShakaHttpError,
    /// Shaka 1003 TIMEOUT.
    ShakaTimeout,
    /// A Shaka DRM error by name.
    ShakaDrm(String),
    /// A player saw status 0.
    PlayerStatusZero,
    /// The browser blocked a request by CORS policy.
    CorsBlocked,
    /// An HTML5 / video.js `MEDIA_ERR_*` name: the Azure Media Player entry of that category's
    /// generic code explains it (the player's categories are these errors).
    MediaError(&'static Entry),
    /// An Azure Media Player code that is not an HTTP status.
    Amp {
        /// The code as written.
        code: String,
        /// The tech named by bits 31-28.
        tech: &'static str,
        /// Its catalog entry, or its category's generic entry for a code the catalog lacks.
        entry: &'static Entry,
    },
    /// The streaming URL's parts, for context.
    StreamingUrl {
        /// Host name.
        host: String,
        /// Locator GUID, if the path starts with one.
        locator: Option<String>,
        /// `format=` value.
        format: Option<String>,
        /// `encryption=` value.
        encryption: Option<String>,
    },
    /// No `encryption=` where MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL says one is needed.
    EncryptionTagMissing {
        /// The URL's `format=`.
        format: Option<String>,
        /// CMAF, which always needs one.
        cmaf: bool,
    },
    /// No `encryption=` behind MPE_ENC_ENCRYPTION_REQUIRED.
    EncryptionRequired,
    /// A `format=` the origin does not know, behind a 400 or format error.
    UnknownFormat(String),
    /// An `encryption=` the origin does not know.
    UnknownEncryption(String),
    /// A path without a locator GUID, behind a 404.
    NoLocator,
    /// A format the streaming policy blocks.
    FormatBlocked(String),
    /// A note as said already, decoded from another's words (`wire`): its text and level.
    Said {
        /// What it says.
        text: String,
        /// Whether its level is `Warning` (else `Info`).
        warning: bool,
    },
}

impl NoteKind {
    /// How much it matters.
    pub fn level(&self) -> Level {
        use NoteKind::*;
        match self {
            RequestId(_)
            | ActivityId(_)
            | NothingRecognised { .. }
            | UndocumentedStatus(_)
            | ForeignJsonCode { .. }
            | ForeignXmlCode(_)
            | HarAllOk(_)
            | MediaError(_)
            | Amp { .. }
            | StreamingUrl { .. }
            | Said { warning: false, .. } => Level::Info,
            HarFailures { groups, .. } if groups.len() <= 1 => Level::Info,
            _ => Level::Warning,
        }
    }
}

/// `what` for the nothing-recognised note of a shape.
fn shape_why(shape: Shape) -> &'static str {
    match shape {
        Shape::Http => "This looks like an HTTP exchange, but it has no error status and no error code.",
        Shape::Xml => "This looks like XML, but it has no <hresult>, <status> or storage <Code> that names a known error.",
        Shape::Json => "This looks like JSON, but no key in it holds a known error code or status.",
        Shape::Har => "This looks like a HAR file, but none of its requests failed.",
        Shape::PlayerLog => "This looks like a player log, but it names no HTTP status or error code the catalog knows.",
        Shape::Url => "This is a URL on its own: it names no error. Paste the response (status line, headers, body) or the player's error.",
        Shape::Binary => "This looks like binary data, not text: paste the error message or the response body instead.",
        _ => "No HTTP status in a status context, no error code name (MPE_..., live event) and no HRESULT were found.",
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use NoteKind::*;
        match self {
            Truncated { total, read } => write!(f, "The text is {total} bytes; only the first {read} were read."),
            RequestId(id) => {
                write!(f, "Request id {id}: quote it, with the time of the request, if you contact Azure support.")
            }
            ActivityId(id) => {
                write!(f, "Activity id {id}: quote it, with the time of the request, if you contact Azure support.")
            }
            OkStatusWithErrorBody { status, code } => write!(
                f,
                "The response status is {status}, yet the body carries the error {code}: the error is what to act on; a proxy or CDN may have rewritten the status."
            ),
            StatusDisagrees { status, code, documented, har: false } => write!(
                f,
                "The status is {status} but the body says {code} (documented with {documented}): trust the code; the status may come from a CDN, proxy or player in between."
            ),
            StatusDisagrees { status, code, documented, har: true } => write!(
                f,
                "A request answered {status} but its body says {code} (documented with {documented}): trust the code; the status may come from a CDN or proxy in between."
            ),
            NothingRecognised { shape, why } => {
                write!(f, "Nothing recognised in what looks like {}. ", shape.label())?;
                match why {
                    Nothing::UnknownErrorStatus(s) => write!(
                        f,
                        "HTTP {s} is not a status the streaming service documents, and no error code (MPE_..., live event, HRESULT) appears beside it."
                    ),
                    Nothing::OnlyStatus(s) => {
                        write!(f, "The only HTTP status here is {s}, which is not an error, and no error code appears.")
                    }
                    Nothing::Shape => f.write_str(shape_why(*shape)),
                }
            }
            UndocumentedStatus(s) => write!(
                f,
                "HTTP {s} is not a status the streaming service documents; look for an error code in the response body or headers."
            ),
            ForeignJsonCode { codes, message } => {
                write!(f, "The JSON names the error code {}", codes.join(", "))?;
                if let Some(m) = message {
                    write!(f, " (\"{m}\")")?;
                }
                f.write_str(", which is not a streaming-endpoint or live-event code: it is likely an Azure Resource Manager, SDK or storage error.")
            }
            JsonCutOff => f.write_str("The JSON ends before it closes (cut off?): it was read as far as it goes."),
            ForeignXmlCode(c) => write!(
                f,
                "The XML carries the error code {c}, which is not a streaming-endpoint code (an Azure Storage or other service error)."
            ),
            HarFailures { failing, total, groups, more } => {
                let noun = if *failing == 1 { "failing request" } else { "failing requests" };
                write!(f, "{failing} {noun} of {total}: ")?;
                for (i, (label, n)) in groups.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{n} × {label}")?;
                }
                f.write_str(if *more { ", …." } else { "." })
            }
            HarAllOk(total) => write!(
                f,
                "The HAR holds {total} requests and none of them failed (no status 400 or above, no blocked request)."
            ),
            HarBlocked => f.write_str("Status 0 means the browser got no HTTP answer it could show: a CORS refusal, mixed content (http on an https page), DNS or a dropped connection. Check the streaming endpoint's CORS settings and the console."),
            HarCutOff(n) => write!(f, "The HAR ends before it closes (cut off?): read {n} entries as far as it goes."),
            ShakaHttpError => f.write_str("Shaka 1002 HTTP_ERROR: the request failed without an HTTP answer (CORS refusal, mixed content, DNS, offline). Check the streaming endpoint's CORS settings and the browser console."),
            ShakaTimeout => f.write_str("Shaka 1003 TIMEOUT: the request got no answer in time; check the network, and the streaming endpoint's scale units or CDN."),
            ShakaDrm(name) => write!(f, "Shaka DRM error {name}: the key system or licence request failed; check the content key policy, the licence URL and its token."),
            PlayerStatusZero => f.write_str("The player saw status 0: the browser got no HTTP answer it could read, usually a CORS refusal, mixed content (http on an https page), DNS or a dropped connection."),
            CorsBlocked => f.write_str("The browser blocked a request by CORS policy: add the player's origin to the streaming endpoint's CORS settings (crossSiteAccessPolicies / CORS rules), or serve the player from an allowed origin."),
            MediaError(e) => write!(f, "{}: {}", e.category().unwrap_or(e.name), e.summary()),
            Amp { code, tech, entry } => write!(f, "Azure Media Player {code} ({tech}): {}", entry.summary()),
            StreamingUrl { host, locator, format, encryption } => {
                write!(f, "Streaming URL on {host}: ")?;
                match locator {
                    Some(l) => write!(f, "locator {l}, ")?,
                    None => f.write_str("no locator GUID in the path, ")?,
                }
                match format {
                    Some(v) => write!(f, "format={v}, ")?,
                    None => f.write_str("no format= (Smooth Streaming), ")?,
                }
                match encryption {
                    Some(v) => write!(f, "encryption={v}."),
                    None => f.write_str("no encryption=."),
                }
            }
            EncryptionTagMissing { format, cmaf } => {
                let why =
                    if *cmaf { "CMAF requests must name one" } else { "a policy with more than one encryption needs it to choose" };
                write!(f, "The URL asks for format={} with no encryption= tag: {why} (for example encryption=cbcs-aapl for FairPlay HLS, encryption=cenc for PlayReady or Widevine DASH).", format.as_deref().unwrap_or("(none)"))
            }
            EncryptionRequired => f.write_str("The URL names no encryption=, but the streaming policy only allows encrypted delivery: add the encryption the policy uses, and configure the player with its license or key URL."),
            UnknownFormat(v) => write!(f, "format={v} is not a format the origin knows (m3u8-aapl, m3u8-cmaf, mpd-time-csf, mpd-time-cmaf)."),
            UnknownEncryption(v) => write!(f, "encryption={v} is not a tag the origin knows (cenc, cbcs, cbcs-aapl, cbc)."),
            NoLocator => f.write_str("The URL's first path segment is not a locator GUID: check that it is the streaming locator's path, and that the locator still exists and has not expired."),
            FormatBlocked(v) => write!(f, "format={v} is blocked by the locator's streaming policy: enable that protocol in the policy, or request another format."),
            Said { text, .. } => f.write_str(text),
        }
    }
}

/// How a corrected streaming URL differs from the one in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlChange {
    /// An `encryption=` tag added, one URL per scheme the format can take.
    AddEncryption,
    /// An unknown `format=` replaced by the known one it is nearest to.
    Format {
        /// As the URL had it.
        from: String,
        /// The known format.
        to: &'static str,
    },
    /// An unknown `encryption=` replaced by the known tag it is nearest to.
    Encryption {
        /// As the URL had it.
        from: String,
        /// The known tag.
        to: &'static str,
    },
    /// `filter=` removed, to confirm the stream plays without it.
    DropFilter(String),
}

impl fmt::Display for UrlChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlChange::AddEncryption => f.write_str("Each adds an encryption= tag: use the one your streaming policy enables for the player's DRM."),
            UrlChange::Format { from, to } => write!(f, "format={from} is not a format the origin knows; format={to} is the nearest one that is."),
            UrlChange::Encryption { from, to } => write!(f, "encryption={from} is not a tag the origin knows; encryption={to} is the nearest one that is."),
            UrlChange::DropFilter(name) => write!(f, "Removed filter={name}: if this URL plays, the filter is missing or misnamed; list the asset and account filters and copy its exact name."),
        }
    }
}
