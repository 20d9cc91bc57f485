//! What a reader returns (`Finds`: hits with spans, statuses as hits, notes, near misses, the
//! URLs that matter) and the one rule that merges the readers' results: the first hit at a span
//! start stands, so a token read by a more specific reader is not read again by a later one.
//! Readers build their own `Finds` and never see another's. Pure; no DOM here.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::notes::NoteKind;
use crate::query;
use crate::report::{Source, Subject};

/// What a hit names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum What {
    /// Catalog entries or decoded HRESULTs (one token may name several, e.g. MPE_BAD_URL_SYNTAX).
    Codes(Vec<Subject>),
    /// An HTTP status in a status context, known to the catalog or not.
    Status(u16),
}

/// One place in the text where something was recognised.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub what: What,
    pub span: Range<usize>,
    pub source: Source,
    pub detail: Option<String>,
}

/// Everything one reader found in a text.
#[derive(Debug, Default)]
pub(crate) struct Finds {
    pub hits: Vec<Hit>,
    pub notes: Vec<(NoteKind, Option<Range<usize>>)>,
    /// Name-like tokens that named nothing: candidates for "did you mean".
    pub near: Vec<Range<usize>>,
    /// The URLs that matter, when the reader knows them (the HAR reader: failing requests only).
    pub urls: Option<Vec<Range<usize>>>,
    /// The reader read the text as a whole (a HAR with entries): the readers after it are skipped.
    pub whole: bool,
}

impl Finds {
    /// Record codes found at `span` (nothing when `subjects` is empty).
    pub(crate) fn codes(&mut self, span: Range<usize>, subjects: Vec<Subject>, source: Source, detail: Option<String>) {
        if !subjects.is_empty() {
            self.hits.push(Hit { what: What::Codes(subjects), span, source, detail });
        }
    }

    /// Record an HTTP status seen at `span` (nothing outside 100..=599).
    pub(crate) fn status(&mut self, code: u16, span: Range<usize>, source: Source, detail: Option<String>) {
        if (100..=599).contains(&code) {
            self.hits.push(Hit { what: What::Status(code), span, source, detail });
        }
    }

    /// Add a note.
    pub(crate) fn note(&mut self, kind: NoteKind, span: Option<Range<usize>>) {
        self.notes.push((kind, span));
    }

    /// Append `later`, dropping its hits at span starts already held (here, or earlier in `later`).
    pub(crate) fn absorb(&mut self, later: Finds) {
        let mut held: HashSet<usize> = self.hits.iter().map(|h| h.span.start).collect();
        self.absorb_unheld(later, &mut held);
    }

    /// `absorb`, with `held` the span starts of `self.hits`, kept up to date.
    fn absorb_unheld(&mut self, later: Finds, held: &mut HashSet<usize>) {
        self.hits.extend(later.hits.into_iter().filter(|h| held.insert(h.span.start)));
        self.notes.extend(later.notes);
        self.near.extend(later.near);
        if let Some(u) = later.urls {
            self.urls.get_or_insert_with(Vec::new).extend(u);
        }
    }
}

/// Merge readers' results in order: the first hit at each span start stands.
pub(crate) fn merge(all: impl IntoIterator<Item = Finds>) -> Finds {
    let mut out = Finds::default();
    let mut held = HashSet::new();
    for f in all {
        out.absorb_unheld(f, &mut held);
    }
    out
}

/// Catalog answers per token, so a code repeated ten thousand times is looked up once.
#[derive(Default)]
pub(crate) struct Lookups<'a> {
    memo: HashMap<&'a str, Vec<Subject>>,
    near: HashMap<&'a str, Vec<Subject>>,
}

impl<'a> Lookups<'a> {
    /// `f(token)`, remembered per token text.
    pub(crate) fn get(&mut self, token: &'a str, f: impl FnOnce(&str) -> Vec<Subject>) -> Vec<Subject> {
        remembered(&mut self.memo, token, f)
    }

    /// The entries of the one catalog name `token` is taken for (`search::near_name`), remembered.
    pub(crate) fn near_name(&mut self, token: &'a str) -> Vec<Subject> {
        remembered(&mut self.near, token, |t| {
            crate::search::near_name(t).map(|e| query::subjects_for_name(e.name)).unwrap_or_default()
        })
    }
}

/// `f(token)` from `memo`, or computed and kept there (up to 4,096 tokens, so memory stays
/// bounded by the catalog's answers, not by the text).
fn remembered<'a>(
    memo: &mut HashMap<&'a str, Vec<Subject>>,
    token: &'a str,
    f: impl FnOnce(&str) -> Vec<Subject>,
) -> Vec<Subject> {
    if let Some(v) = memo.get(token) {
        return v.clone();
    }
    let v = f(token);
    if memo.len() < 4096 {
        memo.insert(token, v.clone());
    }
    v
}
