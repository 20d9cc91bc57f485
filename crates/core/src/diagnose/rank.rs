//! Turns the merged hits into the report's findings: each status resolved to its catalog entry,
//! then ranked (specific codes, then live events, then decoded HRESULTs, then bare HTTP
//! statuses, each group in text order) and merged per subject with counts and spans. Details
//! are scrubbed of secrets here. No DOM here.

use std::ops::Range;

use super::found::{Hit, What};
use super::secrets;
use crate::catalog;
use crate::report::{Finding, Report, Source, Subject};

/// One subject at one place: a hit with its status resolved.
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub subject: Subject,
    pub span: Range<usize>,
    pub source: Source,
    pub detail: Option<String>,
}

/// An HTTP status seen in a status context, known to the catalog or not.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seen {
    pub code: u16,
    pub source: Source,
}

/// Each hit's subjects, in hit order, and every status seen. In a failed `management` call the
/// statuses are the management API's (`Source::Management`), so the card gives their REST meaning.
pub(crate) fn resolve(hits: Vec<Hit>, management: bool) -> (Vec<Placed>, Vec<Seen>) {
    let mut placed = Vec::with_capacity(hits.len());
    let mut seen = Vec::new();
    // Each status's entry, looked up once: statuses are 100..=599.
    let mut by_status: Vec<Option<Option<&'static catalog::Entry>>> = vec![None; 600];
    for h in hits {
        match h.what {
            What::Codes(subjects) => {
                for subject in subjects {
                    placed.push(Placed { subject, span: h.span.clone(), source: h.source, detail: h.detail.clone() });
                }
            }
            What::Status(code) => {
                let source = if management { Source::Management } else { h.source };
                seen.push(Seen { code, source });
                let cached =
                    by_status.get_mut(usize::from(code)).map(|c| *c.get_or_insert_with(|| catalog::by_status(code)));
                if let Some(e) = cached.flatten() {
                    placed.push(Placed { subject: Subject::Entry(e), span: h.span, source, detail: h.detail });
                }
            }
        }
    }
    (placed, seen)
}

/// Rank the placed subjects into `report`'s findings: a stable sort by rank, then place. The
/// ranks are four buckets, and each reader's hits come in text order, so a bucket is mostly
/// sorted already and only sorted when it is not.
pub(crate) fn into_findings(placed: Vec<Placed>, report: &mut Report) {
    let mut buckets: [Vec<Placed>; 4] = Default::default();
    for p in placed {
        if let Some(b) = buckets.get_mut(usize::from(p.subject.rank())) {
            b.push(p);
        }
    }
    for b in &mut buckets {
        if !b.windows(2).all(|w| w.first().map(|p| p.span.start) <= w.get(1).map(|p| p.span.start)) {
            crate::search::sort_small(b, |p| p.span.start);
        }
    }
    for p in buckets.into_iter().flatten() {
        let (subject, source, spans, detail) = (p.subject, p.source, vec![p.span], p.detail);
        report.push(Finding { subject, source, spans, count: 1, detail, tech: None });
    }
    // Each finding keeps its first detail: scrub those, not every occurrence's.
    for f in &mut report.findings {
        f.detail = f.detail.take().map(|d| secrets::scrub(&d));
    }
}
