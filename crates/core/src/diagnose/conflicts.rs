//! Conflicts between the status a text shows and the codes found beside it: a 2xx answer with an
//! error body, or an error status other than the one the code is documented with (a CDN, proxy
//! or player in between). A HAR file's entries are checked one by one by the HAR reader instead.
//! No DOM here.

use super::rank::{Placed, Seen};
use crate::catalog::{self, Kind};
use crate::notes::NoteKind;
use crate::report::{Shape, Source, Subject};

/// The conflict notes for a text of `shape`.
pub(crate) fn conflicts(shape: Shape, seen: &[Seen], placed: &[Placed]) -> Vec<NoteKind> {
    let mut out = Vec::new();
    if shape == Shape::Har {
        return out;
    }
    let of =
        |want: &[Source]| -> Vec<u16> { seen.iter().filter(|s| want.contains(&s.source)).map(|s| s.code).collect() };
    let mut statuses = of(&[Source::StatusLine, Source::Header]);
    if statuses.is_empty() {
        statuses = of(&[Source::XmlBody, Source::JsonBody]);
    }
    if statuses.is_empty() {
        return out;
    }
    let mut codes: Vec<&'static catalog::Entry> = Vec::new();
    for p in placed {
        if let Subject::Entry(e) = p.subject {
            if e.kind == Kind::Origin && !codes.iter().any(|c| std::ptr::eq(*c, e)) {
                codes.push(e);
            }
        }
    }
    if let Some(ok) = statuses.iter().find(|s| (200..300).contains(*s)) {
        if let Some(c) = codes.first() {
            out.push(NoteKind::OkStatusWithErrorBody { status: *ok, code: c.name });
        }
    }
    for c in codes {
        let Some(doc) = c.status else { continue };
        if let Some(s) = statuses.iter().find(|s| **s >= 400 && **s != doc) {
            if !statuses.contains(&doc) {
                out.push(NoteKind::StatusDisagrees { status: *s, code: c.name, documented: doc, har: false });
            }
        }
    }
    out
}
