//! What a text looks like as a whole (`Shape`), from its start and a few markers: JSON or a HAR,
//! XML, an HTTP exchange, a lone URL, a player log, binary, or free text. The shape picks the
//! readers and words the "nothing recognised" note. Also whether the text is a failed call to
//! the management API rather than a streaming request. No DOM here.

use super::text::floor_char_boundary;
use crate::report::Shape;

/// Markers of player console output, lower case.
const PLAYERS: &[&str] = &[
    "shaka",
    "hls.js",
    "hlsjs",
    "manifestloaderror",
    "fragloaderror",
    "levelloaderror",
    "networkerror",
    "dash.js",
    "dashjs",
    "videojs",
    "media_err_",
    "azure media player",
    "amp.errorcode",
    "amp(",
];

/// What the text looks like as a whole, from its start and a few markers.
pub fn shape_of(text: &str) -> Shape {
    let t = text.trim_start();
    if t.is_empty() {
        return Shape::Empty;
    }
    let head = t.get(..floor_char_boundary(t, 4096)).unwrap_or_default();
    let odd = head.chars().filter(|c| *c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace())).count();
    if odd * 10 > head.chars().count().max(1) {
        return Shape::Binary;
    }
    let first = t.as_bytes().first().copied().unwrap_or_default();
    let second = t.get(1..).unwrap_or_default().trim_start().as_bytes().first().copied().unwrap_or_default();
    // `[10:42] Dana: …` (a chat or log timestamp) is not a JSON array of numbers.
    let number_list = || {
        let rest = t.get(1..).unwrap_or_default().trim_start();
        let after = rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | 'e' | 'E' | '+'));
        after.trim_start().starts_with([',', ']'])
    };
    let json_start = first == b'{'
        || (first == b'['
            && (matches!(second, b'{' | b'[' | b'"' | b']')
                || (matches!(second, b'-' | b'0'..=b'9') && number_list())));
    if json_start {
        let lead = head.get(..floor_char_boundary(head, 300)).unwrap_or_default();
        if lead.contains("\"log\"") && t.contains("\"entries\"") {
            return Shape::Har;
        }
        return Shape::Json;
    }
    if first == b'<' && !t.starts_with("< HTTP") && !t.starts_with("< ") {
        return Shape::Xml;
    }
    let http = ["HTTP/", "< HTTP/", "curl ", "$ curl ", "> GET ", "> HEAD ", "GET /", "HEAD /"];
    if http.iter().any(|p| t.starts_with(p))
        || head.contains("\n< HTTP/")
        || head.contains("\nHTTP/1")
        || head.contains("\nHTTP/2")
    {
        return Shape::Http;
    }
    if !t.trim_end().contains(char::is_whitespace) && (t.starts_with("http://") || t.starts_with("https://")) {
        return Shape::Url;
    }
    let lower = t.get(..floor_char_boundary(t, 65536)).unwrap_or_default().to_ascii_lowercase();
    if PLAYERS.iter().any(|p| lower.contains(p)) {
        return Shape::PlayerLog;
    }
    Shape::Text
}

/// Markers of a management (Azure Resource Manager) call, lower case: its host, resource ids, and
/// the exceptions and tools of the SDKs that call it.
const MANAGEMENT: &[&str] = &[
    "management.azure.com",
    "microsoft.media/mediaservices",
    "apierrorexception",
    "managementexception",
    "azure.mgmt.media",
    "azure/mgmt/media",
    "azure.management.media",
    "armmediaservices",
    "azure.resourcemanager.media",
    "@azure/arm-mediaservices",
    "az ams ",
    "-azmedia",
];

/// Whether the text is a failed management call: its first 64 KB name the management API or its
/// SDKs, and no streaming endpoint's own error (an `MPE_` code or the origin's `<serverError>` body). Its
/// statuses then have their REST meaning (409 a name in use, 412 an eTag), not the origin's.
pub(crate) fn management(text: &str) -> bool {
    let head = text.get(..floor_char_boundary(text, 1 << 16)).unwrap_or_default().to_ascii_lowercase();
    MANAGEMENT.iter().any(|m| head.contains(m)) && !head.contains("mpe_") && !head.contains("<servererror>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn management_calls_are_told_from_streaming_errors() {
        let t = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/pastes/sdk_dotnet_sample_hit_apierrorexception.txt"
        ))
        .unwrap();
        assert!(management(&t));
    }
}
