//! Reads player console output: Shaka (`Shaka Error NETWORK.BAD_HTTP_STATUS (uri,status,…)`,
//! and `{category, code: 1001, data: [uri, status, …]}` objects; 1002 HTTP_ERROR, 1003 TIMEOUT
//! and 6xxx DRM become notes), hls.js (`response: {code: 403}`; status 0 means CORS or network),
//! video.js `MEDIA_ERR_*`, and Azure Media Player codes, whose bits 27-20 give the category and,
//! for network errors, the low bits the HTTP status (`0x20200194` is a 404). dash.js and other
//! `status: 404` forms are left to the scanner's status contexts. No DOM here.

use super::found::Finds;
use super::text::{digits_at, find_all, find_from, floor_char_boundary, has, status_at};
use super::url::display;
use super::{clip, Input};
use crate::notes::{AmpProblem, NoteKind};
use crate::report::Source;

/// Read the player logs in the text.
pub(crate) fn read(input: &Input<'_>) -> Finds {
    let mut out = Finds::default();
    shaka(input.text, &mut out);
    hlsjs(input.text, &mut out);
    videojs(input.text, &mut out);
    amp(input.text, &mut out);
    out
}

fn shaka(text: &str, out: &mut Finds) {
    let b = text.as_bytes();
    for at in find_all(text, "BAD_HTTP_STATUS (", 1000) {
        let s = at + "BAD_HTTP_STATUS (".len();
        let rest = text.get(s..).unwrap_or_default();
        let Some(comma) = rest.get(..rest.len().min(4096)).and_then(|r| r.find(',')) else {
            continue;
        };
        let uri = rest.get(..comma).unwrap_or_default();
        let span = digits_at(b, s + comma + 1);
        if let Some(code) = status_at(text, span.clone()) {
            out.status(code, span, Source::PlayerLog, Some(format!("Shaka 1001 BAD_HTTP_STATUS on {}", display(uri))));
        }
    }
    // Object form: {"severity":2,"category":1,"code":1001,"data":["uri",404,…]}
    for at in find_all(text, "1001", 1000) {
        let before = b.get(at.saturating_sub(12)..at).unwrap_or_default();
        if !before.windows(4).any(|w| w.eq_ignore_ascii_case(b"code")) || b.get(at + 4).is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        let window = text.get(at..floor_char_boundary(text, at + 2048)).unwrap_or_default();
        let Some(d) = window.find("data") else {
            continue;
        };
        let mut i = at + d + 4;
        while matches!(b.get(i), Some(b'"' | b'\'' | b':' | b' ' | b'[' | b'\n' | b'\r' | b'\t')) && i < at + d + 24 {
            i += 1;
        }
        let Some(&quote) = b.get(i.wrapping_sub(1)).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let Some(len) = b.get(i..(i + 2048).min(b.len())).and_then(|r| r.iter().position(|x| *x == quote)) else {
            continue;
        };
        let uri = text.get(i..i + len).unwrap_or_default();
        let mut i = i + len + 1;
        while matches!(b.get(i), Some(b',' | b' ' | b'\n' | b'\r' | b'\t')) {
            i += 1;
        }
        let span = digits_at(b, i);
        if let Some(code) = status_at(text, span.clone()) {
            out.status(code, span, Source::PlayerLog, Some(format!("Shaka 1001 BAD_HTTP_STATUS on {}", display(uri))));
        }
    }
    let said = |n: &str| has(text, n);
    if said("HTTP_ERROR") || (said("1002") && said("shaka")) {
        out.note(NoteKind::ShakaHttpError, None);
    }
    if said("NETWORK.TIMEOUT") {
        out.note(NoteKind::ShakaTimeout, None);
    }
    if let Some(at) = find_from(text, 0, "Shaka Error DRM.") {
        let name = text.get(at + 16..).unwrap_or_default();
        let name = name
            .get(..name.find(|c: char| !(c.is_ascii_uppercase() || c == '_')).unwrap_or(name.len()))
            .unwrap_or_default();
        out.note(NoteKind::ShakaDrm(clip(name, 60)), None);
    }
}

fn hlsjs(text: &str, out: &mut Finds) {
    let b = text.as_bytes();
    for at in find_all(text, "response", 1000) {
        let window = b.get(at + 8..(at + 40).min(b.len())).unwrap_or_default();
        let Some(c) = window.windows(4).position(|w| w == b"code") else {
            continue;
        };
        let mut i = at + 8 + c + 4;
        while matches!(b.get(i), Some(b'"' | b'\'' | b':' | b' ')) {
            i += 1;
        }
        let span = digits_at(b, i);
        if text.get(span.clone()) == Some("0") {
            out.note(NoteKind::PlayerStatusZero, Some(span));
        } else if let Some(code) = status_at(text, span.clone()) {
            let what = ["manifestLoadError", "levelLoadError", "fragLoadError", "keyLoadError", "audioTrackLoadError"]
                .into_iter()
                .find(|d| text.contains(d));
            out.status(code, span, Source::PlayerLog, what.map(|w| format!("hls.js {w}")));
        }
    }
}

fn videojs(text: &str, out: &mut Finds) {
    if has(text, "blocked by CORS policy") {
        out.note(NoteKind::CorsBlocked, None);
    }
    const ERRS: &[&str] = &[
        "MEDIA_ERR_ABORTED",
        "MEDIA_ERR_NETWORK",
        "MEDIA_ERR_DECODE",
        "MEDIA_ERR_SRC_NOT_SUPPORTED",
        "MEDIA_ERR_ENCRYPTED",
    ];
    for name in ERRS {
        if text.contains(name) {
            out.note(NoteKind::MediaError(name), None);
        }
    }
}

/// Azure Media Player: `0x` codes with bits 27-20 a category (1 aborted .. 6 player mismatch).
fn amp(text: &str, out: &mut Finds) {
    let b = text.as_bytes();
    let mut context = None;
    // `0x` by its `x` (rare in text; a `0` is not), so the search is a byte search.
    let hex = text.match_indices('x').map(|(x, _)| x).filter(|x| *x > 0 && b.get(x - 1) == Some(&b'0'));
    for at in hex.map(|x| x - 1).take(10_000) {
        let s = at + 2;
        let mut e = s;
        while b.get(e).is_some_and(u8::is_ascii_hexdigit) && e - s <= 8 {
            e += 1;
        }
        if e - s < 7 || e - s > 8 || b.get(e).is_some_and(|x| x.is_ascii_alphanumeric()) {
            continue;
        }
        let Some(v) = text.get(s..e).and_then(|h| u32::from_str_radix(h, 16).ok()) else {
            continue;
        };
        let (tech, cat, low) = (v >> 28, (v >> 20) & 0xFF, v & 0xF_FFFF);
        let amp_named = || ["amp", "AMP", "Azure Media Player", "azuremediaplayer"].iter().any(|k| text.contains(k));
        if tech > 6 || !(1..=6).contains(&cat) || !(tech >= 1 && cat == 2 || *context.get_or_insert_with(amp_named)) {
            continue;
        }
        let techs = ["Unknown", "AMP", "AzureHtml5JS", "FlashSS", "SilverlightSS", "Html5", "Html5FairPlayHLS"];
        let tech = techs.get(tech as usize).copied().unwrap_or("Unknown");
        let code = clip(text.get(at..e).unwrap_or_default(), 12);
        match (cat, low) {
            (2, 0x190..=0x1F8) => {
                let status = 400 + (low - 0x190) as u16;
                let detail = format!("Azure Media Player {code} ({tech}): HTTP {status}");
                out.status(status, at..e, Source::PlayerLog, Some(detail));
            }
            _ => {
                let problem = match (cat, low) {
                    (1, 2) => AmpProblem::MixedContent,
                    (1, _) => AmpProblem::Aborted,
                    (2, 0x258) => AmpProblem::Timeout,
                    (2, _) => AmpProblem::Network,
                    (3, _) => AmpProblem::Decode,
                    (4, _) => AmpProblem::SourceNotSupported,
                    (5, _) => AmpProblem::Encryption,
                    _ => AmpProblem::NoTech,
                };
                out.note(NoteKind::Amp { code, tech, problem }, None);
            }
        }
    }
}
