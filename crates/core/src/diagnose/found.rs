//! What a reader returns (`Finds`: hits with spans, statuses as hits, notes, near misses, the
//! URLs that matter) and the one rule that merges the readers' results: the first hit at a span
//! start stands, so a token read by a more specific reader is not read again by a later one.
//! Readers build their own `Finds` and never see another's. Pure; no DOM here.

use std::ops::Range;

use fixedbitset::FixedBitSet;

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
        let mut held = Held::default();
        self.hits.iter().for_each(|h| _ = held.insert(h.span.start));
        self.absorb_unheld(later, &mut held);
    }

    /// `absorb`, with `held` the span starts of `self.hits`, kept up to date.
    fn absorb_unheld(&mut self, later: Finds, held: &mut Held) {
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
    let mut held = Held::default();
    for f in all {
        out.absorb_unheld(f, &mut held);
    }
    out
}

/// The span starts already held: one bit per byte of the text read (a text's hits lie in it).
#[derive(Default)]
struct Held(FixedBitSet);

impl Held {
    /// Hold `start`; `false` if it was held already.
    fn insert(&mut self, start: usize) -> bool {
        if start >= self.0.len() {
            self.0.grow((start + 1).next_power_of_two());
        }
        !self.0.put(start)
    }
}

/// Catalog answers per token, so a code repeated ten thousand times is looked up once: a
/// direct-mapped cache of `SLOTS` answers, a token's slot chosen by a hash of its text. The
/// first token in a slot keeps it (a text's frequent tokens come early and often), so memory
/// stays bounded by the catalog's answers, not by the text.
#[derive(Default)]
pub(crate) struct Lookups<'a> {
    memo: Memo<'a>,
    near: Memo<'a>,
}

impl<'a> Lookups<'a> {
    /// `f(token)`, remembered per token text.
    pub(crate) fn get(&mut self, token: &'a str, f: impl FnOnce(&str) -> Vec<Subject>) -> Vec<Subject> {
        self.memo.get(token, f)
    }

    /// The entries of the one catalog name `token` is taken for (`search::near_name`), remembered.
    pub(crate) fn near_name(&mut self, token: &'a str) -> Vec<Subject> {
        self.near
            .get(token, |t| crate::search::near_name(t).map(|e| query::subjects_for_name(e.name)).unwrap_or_default())
    }
}

/// Answers kept by `Lookups`.
const SLOTS: usize = 512;

/// `SLOTS` tokens and their answers (allocated on first use).
#[derive(Default)]
struct Memo<'a>(Vec<Option<(&'a str, Vec<Subject>)>>);

impl<'a> Memo<'a> {
    /// `f(token)` from the token's slot, or computed (and kept there if the slot is free).
    fn get(&mut self, token: &'a str, f: impl FnOnce(&str) -> Vec<Subject>) -> Vec<Subject> {
        if self.0.is_empty() {
            self.0.resize(SLOTS, None);
        }
        // FNV-1a over the token's bytes.
        let hash = token.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        let slot = &mut self.0[hash as usize % SLOTS];
        match slot {
            Some((t, v)) if *t == token => v.clone(),
            Some(_) => f(token),
            None => slot.insert((token, f(token))).1.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_answer_each_token_as_asked_even_when_slots_collide() {
        let tokens: Vec<String> = (0..2 * SLOTS).map(|i| format!("T{i}")).collect();
        let mut lookups = Lookups::default();
        let mut asked = 0;
        for round in 0..2 {
            for (i, t) in tokens.iter().enumerate() {
                let got = lookups.get(t, |_| {
                    asked += 1;
                    vec![Subject::Hresult(crate::catalog::Hresult(i as u32))]
                });
                assert_eq!(got, vec![Subject::Hresult(crate::catalog::Hresult(i as u32))], "{t}, round {round}");
            }
        }
        // More tokens than slots: those that found their slot taken are asked again.
        assert!(asked > tokens.len() && asked < 2 * tokens.len(), "asked {asked} times");
        let mut lookups = Lookups::default();
        let mut once = 0;
        for _ in 0..1000 {
            lookups.get("MPE_STORAGE_BAD_URL_SYNTAX", |_| {
                once += 1;
                Vec::new()
            });
        }
        assert_eq!(once, 1, "a repeated token is looked up once");
    }

    #[test]
    fn the_first_hit_at_a_span_start_stands() {
        let hit = |start: usize, code: u16| Hit {
            what: What::Status(code),
            span: start..start + 3,
            source: Source::BareToken,
            detail: None,
        };
        let a = Finds { hits: vec![hit(10, 400), hit(1 << 20, 401)], ..Finds::default() };
        let b = Finds { hits: vec![hit(10, 500), hit(0, 502), hit(1 << 20, 503), hit(0, 504)], ..Finds::default() };
        let merged = merge([a, b]);
        let kept: Vec<(usize, &What)> = merged.hits.iter().map(|h| (h.span.start, &h.what)).collect();
        assert_eq!(kept, [(10, &What::Status(400)), (1 << 20, &What::Status(401)), (0, &What::Status(502))]);
    }
}
