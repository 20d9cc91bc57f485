//! Says a fix in the person's own terms: where the failing streaming URL is in the text and the
//! catalog's fix for the error found is a change to that URL, the corrected URL (or the few
//! alternatives, each with what it is for). Only the changes those fixes name: an `encryption=`
//! tag added behind MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL or MPE_ENC_ENCRYPTION_REQUIRED, an
//! unknown `format=` or `encryption=` replaced by the one it is a misspelling of, `filter=`
//! dropped behind MPE_EGRESS_FILTER_NOT_FOUND to confirm the stream plays without it. Manifest
//! URLs only (a player builds fragment URLs from the manifest); query strings are dropped, as they
//! may carry tokens. No DOM here.

use std::ops::Range;

use super::text::upto;
use super::url::{self, ENCRYPTIONS, FORMATS};
use crate::notes::UrlChange;
use crate::report::UrlFix;
use crate::search::distance;

/// Corrected URLs offered at most per paste.
pub(crate) const MAX_FIXES: usize = 3;

/// The encryption schemes a format can be asked for with, and what each is for, as the
/// MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL fix lists them.
pub(crate) fn schemes(format: Option<&str>) -> &'static [(&'static str, &'static str)] {
    match format {
        Some(f) if f.eq_ignore_ascii_case("m3u8-cmaf") => {
            &[("cbcs-aapl", "FairPlay"), ("cenc", "PlayReady or Widevine"), ("cbc", "AES-128")]
        }
        Some(f) if f.starts_with("m3u8") => &[("cbcs-aapl", "FairPlay"), ("cbc", "AES-128")],
        Some(f) if f.starts_with("mpd") => &[("cenc", "PlayReady or Widevine"), ("cbc", "AES-128")],
        None => &[("cenc", "PlayReady"), ("cbc", "AES-128")],
        Some(_) => &[],
    }
}

/// The one known value `v` is a misspelling of (a few edits away, and nearer than any other).
fn nearest(v: &str, known: &'static [&'static str], limit: usize) -> Option<&'static str> {
    let v = v.to_ascii_lowercase();
    let mut best: Option<(usize, &'static str)> = None;
    let mut tie = false;
    for k in known {
        let d = distance(&v, k, limit);
        if d > limit {
            continue;
        }
        match best {
            Some((b, _)) if d == b => tie = true,
            Some((b, _)) if d > b => {}
            _ => {
                best = Some((d, k));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, k)| k)
}

/// The span of `part` (a slice of `u`) within `u`.
fn offset(u: &str, part: &str) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(u.as_ptr() as usize).min(u.len());
    start..(start + part.len()).min(u.len())
}

/// `u` with `range` replaced by `with`.
fn splice(u: &str, range: Range<usize>, with: &str) -> Option<String> {
    Some(format!("{}{with}{}", u.get(..range.start)?, u.get(range.end..)?))
}

/// The manifest URL with `param` (e.g. `encryption=cenc`) added to its parameter list.
fn with_param(u: &str, param: &str) -> Option<String> {
    let at = u.find("/manifest")? + "/manifest".len();
    match u.get(at..)?.strip_prefix('(') {
        Some(rest) => {
            let close = at + 1 + rest.find(')')?;
            splice(u, close..close, &format!(",{param}"))
        }
        None => splice(u, at..at, &format!("({param})")),
    }
}

/// The manifest URL without its `filter=` parameter.
fn without_filter(u: &str, value: &str) -> Option<String> {
    let v = offset(u, value);
    let start = v.start.checked_sub("filter=".len())?;
    let b = u.as_bytes();
    let (start, end) = match (b.get(start.wrapping_sub(1)), b.get(v.end)) {
        (Some(b','), _) => (start - 1, v.end),
        (_, Some(b',')) => (start, v.end + 1),
        (Some(b'('), Some(b')')) => (start - 1, v.end + 1),
        _ => (start, v.end),
    };
    splice(u, start..end, "")
}

/// Fixes for the `listed` URLs of `text` (`url::listed`), given the names of the entries found.
pub(crate) fn fixes(text: &str, found: &[&str], listed: &[&str]) -> Vec<UrlFix> {
    let has = |n: &str| found.contains(&n);
    let mut out: Vec<UrlFix> = Vec::new();
    for &full in listed.iter().take(200) {
        let u = full.get(..upto(full, b"?#")).unwrap_or_default();
        let Some(s) = url::parse(u).filter(|_| u.contains("/manifest")) else { continue };
        let span = offset(text, full);
        let mut push = |code: &'static str, change: UrlChange, urls: Vec<(String, &'static str)>| {
            let dup = out.iter().any(|f| f.urls == urls);
            if !urls.is_empty() && !dup && out.len() < MAX_FIXES {
                out.push(UrlFix { code, span: span.clone(), change, urls });
            }
        };
        let missing = ["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL", "MPE_ENC_ENCRYPTION_REQUIRED"];
        if let Some(code) = missing.into_iter().find(|c| has(c)).filter(|_| s.encryption.is_none()) {
            let alternatives = schemes(s.format)
                .iter()
                .filter_map(|(tag, what)| with_param(u, &format!("encryption={tag}")).map(|v| (v, *what)))
                .collect();
            push(code, UrlChange::AddEncryption, alternatives);
        }
        let format_codes = ["MPE_BAD_URL_SYNTAX", "MPE_OUTPUT_FORMAT_NOT_SUPPORTED", "400", "415"];
        if let Some(code) = format_codes.into_iter().find(|c| has(c)) {
            let known = |v: &str, list: &[&str]| list.iter().any(|k| k.eq_ignore_ascii_case(v));
            if let Some(f) = s.format.filter(|f| !known(f, FORMATS)) {
                if let Some(to) = nearest(f, FORMATS, 3) {
                    let fixed = splice(u, offset(u, f), to).into_iter().map(|v| (v, "")).collect();
                    push(code, UrlChange::Format { from: f.to_string(), to }, fixed);
                }
            }
            if let Some(e) = s.encryption.filter(|e| !known(e, ENCRYPTIONS)) {
                if let Some(to) = nearest(e, ENCRYPTIONS, 2) {
                    let fixed = splice(u, offset(u, e), to).into_iter().map(|v| (v, "")).collect();
                    push(code, UrlChange::Encryption { from: e.to_string(), to }, fixed);
                }
            }
        }
        if has("MPE_EGRESS_FILTER_NOT_FOUND") {
            if let Some(f) = url::param(u, "filter=") {
                let fixed = without_filter(u, f).into_iter().map(|v| (v, "")).collect();
                push("MPE_EGRESS_FILTER_NOT_FOUND", UrlChange::DropFilter(f.to_string()), fixed);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str =
        "https://contoso-usea.streaming.media.azure.net/1b8c7b8e-5a55-4c7a-bd8f-6a8e4c2f0e11/v.ism/manifest";

    fn fx(text: &str, found: &[&str]) -> Vec<UrlFix> {
        fixes(text, found, &url::listed(text, None))
    }

    fn urls_of(f: &UrlFix) -> Vec<&str> {
        f.urls.iter().map(|(u, _)| u.as_str()).collect()
    }

    #[test]
    fn a_missing_encryption_tag_gives_one_url_per_scheme_the_format_takes() {
        let text =
            format!("GET {M}(format=m3u8-cmaf)?token=AAAA\n<hresult>MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL</hresult>");
        let f = fixes(&text, &["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"], &url::listed(&text, None));
        assert_eq!(f.len(), 1);
        assert_eq!(
            urls_of(&f[0]),
            [
                format!("{M}(format=m3u8-cmaf,encryption=cbcs-aapl)"),
                format!("{M}(format=m3u8-cmaf,encryption=cenc)"),
                format!("{M}(format=m3u8-cmaf,encryption=cbc)")
            ]
        );
        assert_eq!(&text[f[0].span.clone()], format!("{M}(format=m3u8-cmaf)?token=AAAA"));
        let smooth = fx(M, &["MPE_ENC_ENCRYPTION_REQUIRED"]);
        assert_eq!(urls_of(&smooth[0])[0], format!("{M}(encryption=cenc)"));
    }

    #[test]
    fn misspelt_formats_and_tags_are_corrected_only_when_one_is_nearest() {
        let f = fx(&format!("{M}(format=m3u8-appl)"), &["400"]);
        assert_eq!(urls_of(&f[0]), [format!("{M}(format=m3u8-aapl)")]);
        assert_eq!(f[0].change, UrlChange::Format { from: "m3u8-appl".into(), to: "m3u8-aapl" });
        let f = fx(&format!("{M}(format=mpd-time-csf,encryption=cencc)"), &["MPE_BAD_URL_SYNTAX"]);
        assert_eq!(urls_of(&f[0]), [format!("{M}(format=mpd-time-csf,encryption=cenc)")]);
        assert!(fx(&format!("{M}(format=webm)"), &["400"]).is_empty(), "no known format is near");
        assert!(fx(&format!("{M}(format=m3u8-appl)"), &["404"]).is_empty(), "not this error's fix");
    }

    #[test]
    fn a_missing_filter_is_dropped_to_confirm_the_stream_plays_without_it() {
        for (from, to) in [
            ("(format=m3u8-cmaf,filter=first30s)", "(format=m3u8-cmaf)"),
            ("(filter=first30s,format=m3u8-cmaf)", "(format=m3u8-cmaf)"),
            ("(filter=first30s)", ""),
        ] {
            let f = fx(&format!("{M}{from}"), &["MPE_EGRESS_FILTER_NOT_FOUND"]);
            assert_eq!(urls_of(&f[0]), [format!("{M}{to}")], "{from}");
        }
    }

    #[test]
    fn fragment_urls_get_no_fix() {
        let u = "https://contoso.streaming.media.azure.net/1b8c7b8e-5a55-4c7a-bd8f-6a8e4c2f0e11/v.ism/QualityLevels(1)/Fragments(video=0,format=m3u8-cmaf)";
        assert!(fx(u, &["MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL"]).is_empty());
    }
}
