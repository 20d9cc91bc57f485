//! Reads XML error bodies by their tags, without an XML parser: the origin's
//! `<serverError><status>…<subStatus>…<hresult>MPE_…</hresult><activityId>…` and storage's
//! `<Error><Code>…</Code><Message>…`, whose codes map to the origin's `MPE_STORAGE_*` entries
//! (the table is data: `codes/maps/storage.toml`, read through `catalog::by_storage_code`).
//! Unclosed tags are read up to the end of the text. No DOM here.

use std::ops::Range;

use super::found::{Finds, Lookups};
use super::{clip, status_at, subjects_for_value, Input};
use crate::catalog;
use crate::notes::NoteKind;
use crate::report::{Source, Subject};

/// The tags whose values the reader reads, in the order of `Tagged`'s lists.
const TAGS: [&str; 4] = ["status>", "activityId>", "hresult>", "Code>"];

/// Every `<tag>value</…` in `range` for each of `TAGS`: the value's span (trimmed), in order.
/// One pass over the `<`s of the text.
fn tagged(text: &str, range: Range<usize>) -> [Vec<Range<usize>>; 4] {
    let mut out: [Vec<Range<usize>>; 4] = Default::default();
    let Some(hay) = text.get(range.clone()) else {
        return out;
    };
    let mut from = 0;
    while let Some(at) = hay.get(from..).and_then(|h| h.find('<')) {
        let tag_at = from + at + 1;
        from = tag_at;
        let rest = hay.get(tag_at..).unwrap_or_default();
        let Some((k, tag)) = TAGS.iter().enumerate().find(|(_, t)| rest.starts_with(*t)) else { continue };
        let start = tag_at + tag.len();
        let rest = hay.get(start..).unwrap_or_default();
        let len = rest.find('<').unwrap_or(rest.len()).min(256);
        let raw = rest.get(..super::floor_char_boundary(rest, len)).unwrap_or_default();
        let lead = raw.len() - raw.trim_start().len();
        let v = raw.trim();
        let Some(list) = out.get_mut(k) else { continue };
        if !v.is_empty() && list.len() < 10_000 {
            list.push(range.start + start + lead..range.start + start + lead + v.len());
        }
    }
    out
}

/// Read the XML error bodies of the whole text.
pub(crate) fn read_document(input: &Input<'_>) -> Finds {
    read(input.text, 0..input.text.len(), Source::XmlBody, &mut Lookups::default())
}

/// Read XML error bodies in `range` of `text`, calling what is found `source`.
pub(crate) fn read<'a>(text: &'a str, range: Range<usize>, source: Source, lookups: &mut Lookups<'a>) -> Finds {
    let mut out = Finds::default();
    let Some(hay) = text.get(range.clone()) else {
        return out;
    };
    if !hay.contains('<') {
        return out;
    }
    let [statuses, activities, hresults, codes] = tagged(text, range);
    for span in statuses {
        if let Some(code) = status_at(text, span.clone()) {
            out.status(code, span, source, None);
        }
    }
    let activity = activities.first().and_then(|r| text.get(r.clone()));
    let detail = activity.map(|a| format!("activity id {}", clip(a, 64)));
    for span in hresults {
        let v = text.get(span.clone()).unwrap_or_default();
        let subjects = lookups.get(v, subjects_for_value);
        out.codes(span, subjects, source, detail.clone());
    }
    if let Some(a) = activity.filter(|_| source != Source::Har) {
        out.note(NoteKind::ActivityId(clip(a, 64)), None);
    }
    for span in codes {
        let v = text.get(span.clone()).unwrap_or_default();
        let direct = lookups.get(v, subjects_for_value);
        if !direct.is_empty() {
            out.codes(span, direct, source, None);
            continue;
        }
        match catalog::by_storage_code(v) {
            Some(e) => {
                out.codes(span, vec![Subject::Entry(e)], source, Some(format!("storage error code {}", clip(v, 64))));
            }
            None => out.note(NoteKind::ForeignXmlCode(clip(v, 64)), Some(span)),
        }
    }
    out
}
