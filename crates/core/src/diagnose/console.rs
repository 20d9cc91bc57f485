//! Reads player console output: Shaka (`Shaka Error NETWORK.BAD_HTTP_STATUS (uri,status,…)`,
//! and `{category, code: 1001, data: [uri, status, …]}` objects; 1002 HTTP_ERROR, 1003 TIMEOUT
//! and 6xxx DRM become notes), hls.js (`response: {code: 403}`; status 0 means CORS or network),
//! video.js `MEDIA_ERR_*`, and Azure Media Player codes, whose bits 31-28 name the tech and
//! bits 27-0 the code. What a player code means comes from the catalog (`codes/player/`, and
//! `codes/maps/player.toml` for the techs): its entry's HTTP status (`0x20200194` is a 404), or
//! its summary in a note; video.js's `MEDIA_ERR_*` names are the player's categories. dash.js
//! and other `status: 404` forms are left to the scanner's status contexts. No DOM here.

use super::found::Finds;
use super::text::{digits_at, find_all, find_from, floor_char_boundary, has, status_at};
use super::url::display;
use super::{clip, Input};
use crate::catalog::{self, Tech};
use crate::notes::NoteKind;
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
    // HTML5's MediaError names (video.js adds MEDIA_ERR_ENCRYPTED) are Azure Media Player's
    // categories 1 to 5: each is explained by its category's generic code (`networkErrUnknown`).
    for (bits, name) in catalog::amp_categories() {
        if name.starts_with("MEDIA_ERR_") && text.contains(name) {
            if let Some(e) = catalog::by_amp_code(bits << 20) {
                out.note(NoteKind::MediaError(e), None);
            }
        }
    }
}

/// Azure Media Player: `0x` codes whose bits 31-28 name a tech and whose bits 27-20 a category
/// of the catalog (1 aborted .. 6 player mismatch, 0xFF unknown).
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
        let (cat, low) = ((v >> 20) & 0xFF, v & 0xF_FFFF);
        let Some(tech) = Tech::of(v) else { continue };
        // The code's entry, or for a code the catalog lacks its category's generic one.
        let exact = catalog::by_amp_code(v & 0x0FFF_FFFF);
        let Some(entry) = exact.or_else(|| catalog::by_amp_code(cat << 20)) else { continue };
        // A network code (category 2) from a real tech is distinctive; others need the player named.
        let amp_named = || ["amp", "AMP", "Azure Media Player", "azuremediaplayer"].iter().any(|k| text.contains(k));
        if !(v >> 28 >= 1 && cat == 2 || *context.get_or_insert_with(amp_named)) {
            continue;
        }
        let code = clip(text.get(at..e).unwrap_or_default(), 12);
        // A network code's low bits are its HTTP status: the catalog names the common ones.
        let status =
            exact.and_then(|x| x.status).or_else(|| (cat == 2 && (0x190..=0x1F8).contains(&low)).then_some(low as u16));
        match status {
            Some(status) => {
                let detail = format!("Azure Media Player {code} ({}): HTTP {status}", tech.name());
                out.status(status, at..e, Source::PlayerLog, Some(detail));
            }
            None => out.note(NoteKind::Amp { code, tech: tech.name(), entry }, None),
        }
    }
}
