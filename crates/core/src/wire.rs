//! The compact binary form of a `stream::Diagnosed`, in which a Web Worker hands a diagnosis to
//! the page (both run this same code, so the form carries no version): `encode` and `decode`.
//! Integers are LEB128 varints and strings length-prefixed UTF-8; catalog entries go by their
//! index in `catalog::all()`, shapes and sources by their index in `ALL`, the catalog's and URL
//! fixes' static words as text looked up again, and notes as their words and level (they decode
//! as `NoteKind::Said`). `decode` of any bytes is `Some` or `None`, never a panic. No DOM here.

use std::ops::Range;

use crate::catalog::{self, Entry, Hresult, Tech};
use crate::diagnose::url::{ENCRYPTIONS, FORMATS};
use crate::diagnose::url_fix::schemes;
use crate::excerpt::{Excerpt, Part};
use crate::notes::{NoteKind, UrlChange};
use crate::report::{Finding, Level, Note, Report, Shape, Source, Subject, UrlFix};
use crate::stream::Diagnosed;

/// The bytes of `d`, for `decode`.
pub fn encode(d: &Diagnosed) -> Vec<u8> {
    let r = &d.report;
    let o = &mut Vec::new();
    u(o, index(&Shape::ALL, &r.shape));
    u(o, r.findings.len() as u64);
    for f in &r.findings {
        // Even: an entry's index; odd: an HRESULT.
        let subject = match f.subject {
            Subject::Entry(e) => entry(e) << 1,
            Subject::Hresult(h) => u64::from(h.0) << 1 | 1,
        };
        u(o, subject);
        u(o, index(&Source::ALL, &f.source));
        u(o, f.spans.len() as u64);
        f.spans.iter().for_each(|sp| range(o, sp));
        u(o, f.count as u64);
        s_with(o, f.detail.as_deref().unwrap_or_default(), f.detail.is_some());
        u(o, f.tech.and_then(|t| Tech::all().position(|x| x == t)).map_or(0, |i| i as u64 + 1));
    }
    u(o, r.notes.len() as u64);
    for n in &r.notes {
        u(o, u64::from(n.level() == Level::Warning));
        s(o, &n.text());
        match &n.span {
            Some(sp) => {
                u(o, 1);
                range(o, sp);
            }
            None => u(o, 0),
        }
    }
    u(o, r.suggestions.len() as u64);
    r.suggestions.iter().for_each(|e| u(o, entry(e)));
    u(o, r.searched.len() as u64);
    r.searched.iter().for_each(|w| s(o, w));
    u(o, r.url_fixes.len() as u64);
    for f in &r.url_fixes {
        s(o, f.code);
        range(o, &f.span);
        let (tag, from, to) = match &f.change {
            UrlChange::AddEncryption => (0, "", ""),
            UrlChange::Format { from, to } => (1, from.as_str(), *to),
            UrlChange::Encryption { from, to } => (2, from.as_str(), *to),
            UrlChange::DropFilter(name) => (3, name.as_str(), ""),
        };
        u(o, tag);
        s(o, from);
        s(o, to);
        u(o, f.urls.len() as u64);
        for (url, what) in &f.urls {
            s(o, url);
            s(o, what);
        }
    }
    u(o, r.analyzed as u64);
    u(o, r.total as u64);
    u(o, d.excerpts.len() as u64);
    for ex in &d.excerpts {
        u(o, ex.len() as u64);
        for e in ex {
            u(o, e.line as u64);
            u(o, e.parts.len() as u64);
            e.parts.iter().for_each(|p| s_with(o, &p.text, p.mark));
        }
    }
    std::mem::take(o)
}

/// The `Diagnosed` that `encode` gave these bytes; `None` for any other bytes.
pub fn decode(bytes: &[u8]) -> Option<Diagnosed> {
    let mut r = R(bytes);
    let d = r.diagnosed()?;
    r.0.is_empty().then_some(d)
}

/// `v` as a LEB128 varint.
fn u(o: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        o.push(v as u8 | 0x80);
        v >>= 7;
    }
    o.push(v as u8);
}

fn s(o: &mut Vec<u8>, t: &str) {
    u(o, t.len() as u64);
    o.extend_from_slice(t.as_bytes());
}

/// `t` and a flag, in one prefix: its length times 2, plus 1 if `flag`.
fn s_with(o: &mut Vec<u8>, t: &str, flag: bool) {
    u(o, (t.len() as u64) << 1 | u64::from(flag));
    o.extend_from_slice(t.as_bytes());
}

fn range(o: &mut Vec<u8>, r: &Range<usize>) {
    u(o, r.start as u64);
    u(o, r.end as u64);
}

/// Where `x` is in `all` (past the end if nowhere: decodes as `None`).
fn index<T: PartialEq>(all: &[T], x: &T) -> u64 {
    all.iter().position(|a| a == x).map_or(u64::MAX >> 2, |i| i as u64)
}

fn entry(e: &'static Entry) -> u64 {
    catalog::all().iter().position(|a| std::ptr::eq(a, e)).map_or(u64::MAX >> 2, |i| i as u64)
}

/// The static string equal to `t`: a catalog name (a URL fix's code), a known format or
/// encryption tag, or what a URL fix's URL is for.
fn known(t: &str) -> Option<&'static str> {
    let what = FORMATS.iter().map(|f| Some(*f)).chain([None]).flat_map(schemes).map(|(_, w)| *w);
    let all = catalog::all().iter().map(|e| e.name).chain(FORMATS.iter().chain(ENCRYPTIONS).copied()).chain(what);
    all.chain([""]).find(|k| *k == t)
}

/// Reads what `encode` wrote, from the front.
struct R<'a>(&'a [u8]);

impl<'a> R<'a> {
    fn u(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0u32;
        loop {
            let (&b, rest) = self.0.split_first()?;
            self.0 = rest;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
        }
    }

    fn n(&mut self) -> Option<usize> {
        usize::try_from(self.u()?).ok()
    }

    fn take(&mut self, n: usize) -> Option<&'a str> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        std::str::from_utf8(head).ok()
    }

    fn s(&mut self) -> Option<&'a str> {
        let n = self.n()?;
        self.take(n)
    }

    fn string(&mut self) -> Option<String> {
        self.s().map(str::to_string)
    }

    /// A string written by `s_with`, and its flag.
    fn s_with(&mut self) -> Option<(&'a str, bool)> {
        let v = self.u()?;
        Some((self.take(usize::try_from(v >> 1).ok()?)?, v & 1 == 1))
    }

    fn range(&mut self) -> Option<Range<usize>> {
        Some(self.n()?..self.n()?)
    }

    fn entry(&mut self) -> Option<&'static Entry> {
        catalog::all().get(self.n()?)
    }

    /// A count, then that many items (each at least a byte, so never more than the bytes left).
    fn list<T>(&mut self, item: fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.n()?;
        if n > self.0.len() {
            return None;
        }
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }

    fn diagnosed(&mut self) -> Option<Diagnosed> {
        let shape = *Shape::ALL.get(self.n()?)?;
        let findings = self.list(R::finding)?;
        let notes = self.list(R::note)?;
        let suggestions = self.list(R::entry)?;
        let searched = self.list(R::string)?;
        let url_fixes = self.list(R::url_fix)?;
        let (analyzed, total) = (self.n()?, self.n()?);
        let excerpts = self.list(|r| r.list(R::excerpt))?;
        let report = Report { findings, notes, shape, suggestions, searched, url_fixes, analyzed, total };
        Some(Diagnosed { report, excerpts })
    }

    fn finding(&mut self) -> Option<Finding> {
        let v = self.u()?;
        let subject = match v & 1 {
            0 => Subject::Entry(catalog::all().get(usize::try_from(v >> 1).ok()?)?),
            _ => Subject::Hresult(Hresult(u32::try_from(v >> 1).ok()?)),
        };
        let source = *Source::ALL.get(self.n()?)?;
        let spans = self.list(R::range)?;
        let count = self.n()?;
        let (text, some) = self.s_with()?;
        let detail = some.then(|| text.to_string());
        let tech = match self.n()? {
            0 => None,
            i => Some(Tech::all().nth(i - 1)?),
        };
        Some(Finding { subject, source, spans, count, detail, tech })
    }

    fn note(&mut self) -> Option<Note> {
        let warning = self.u()? == 1;
        let text = self.string()?;
        let span = match self.u()? {
            0 => None,
            _ => Some(self.range()?),
        };
        Some(Note { kind: NoteKind::Said { text, warning }, span })
    }

    fn url_fix(&mut self) -> Option<UrlFix> {
        let code = known(self.s()?)?;
        let span = self.range()?;
        let (tag, from, to) = (self.u()?, self.string()?, known(self.s()?)?);
        let change = match tag {
            0 => UrlChange::AddEncryption,
            1 => UrlChange::Format { from, to },
            2 => UrlChange::Encryption { from, to },
            3 => UrlChange::DropFilter(from),
            _ => return None,
        };
        let urls = self.list(|r| Some((r.string()?, known(r.s()?)?)))?;
        Some(UrlFix { code, span, change, urls })
    }

    fn excerpt(&mut self) -> Option<Excerpt> {
        let line = self.n()?;
        let parts = self.list(|r| r.s_with().map(|(text, mark)| Part { text: text.to_string(), mark }))?;
        Some(Excerpt { line, parts })
    }
}
