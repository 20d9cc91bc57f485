//! The widget's state: the text in the box, the report on it, and why it last changed; the file
//! being read or read, its findings and the lines read around one of them; what the last redacted
//! copy masked and whether IP addresses are masked too; what became of the last share click. Each
//! change is one `Action`; the diagnosis itself stays in the pure core. (The small pieces live
//! here too, not in `use_state`s of their own: each state type costs the wasm about a KB.)

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnose;
use crate::excerpt::Around;
use crate::report::Report;
use crate::stream::Diagnosed;

/// Why the text last changed: decides whether the URL hash is rewritten and the box refilled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cause {
    /// Nothing yet.
    #[default]
    Start,
    /// The person typed or pasted.
    Typed,
    /// Loaded from the URL hash (deep link, back/forward).
    Hash,
    /// Set by the host page (`setQuery`, `data-query`).
    Host,
    /// The person opened an entry (browse, suggestion, related code).
    Opened,
}

/// The widget's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// The text in the box (an `Rc<String>`, not `Rc<str>`: a paste of megabytes is moved in, not
    /// copied once more).
    pub query: Rc<String>,
    /// What the text holds.
    pub report: Rc<Report>,
    /// Why it last changed.
    pub cause: Cause,
    /// Bumped whenever the box must be refilled from `query` (not typed by the person).
    pub refill: u32,
    /// The file opened last, while and after it is read.
    pub file: Option<Rc<FileRead>>,
    /// What the last redacted copy masked: how many values, and of which kinds.
    pub redacted: Option<Rc<(usize, String)>>,
    /// Whether redacted copies mask IP addresses too.
    pub ip: bool,
    /// The codes of the last share click, and what became of it.
    pub shared: Option<(String, Shared)>,
}

/// What became of a click on the share button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shared {
    /// The link is on the clipboard.
    Copied,
    /// The browser refused: this link is to be copied by hand.
    Manual(String),
}

/// A file being read, or read, in a worker.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRead {
    /// Which read this is: messages of an earlier one are ignored.
    pub id: u32,
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Bytes read so far.
    pub read: u64,
    /// Bytes of it redacted so far, while its redacted copy is made.
    pub copied: u64,
    /// When the read started, and the last news of it (ms, `Date.now()`).
    pub started: f64,
    /// See `started`.
    pub now: f64,
    /// Where the read is.
    pub status: FileStatus,
    /// The findings so far (all of them once done).
    pub found: Rc<Diagnosed>,
    /// The worker's wasm memory in bytes (its peak: it only grows).
    pub memory: u64,
    /// The lines read around one place of its findings.
    pub around: Option<Rc<AroundRead>>,
}

/// A place of a file's findings, for reading the lines around it: its offset in the file's
/// text, the text found there (the excerpt's mark) and its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Offset in the text.
    pub at: usize,
    /// What was found there.
    pub found: String,
    /// Its 1-based line.
    pub line: usize,
}

/// The lines read from a file around one place of its findings (`excerpt::around`), or why they
/// could not be.
#[derive(Clone, Debug, PartialEq)]
pub struct AroundRead {
    /// The place's offset in the text.
    pub at: usize,
    /// The lines before and after the place's line; or what went wrong.
    pub lines: Result<Around, String>,
}

/// Where a file's read is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// Reading.
    Reading,
    /// Read to its end.
    Done,
    /// Read, and its redacted copy is being made.
    Saving,
    /// Stopped by the person.
    Cancelled,
    /// Could not be read, and why.
    Failed(String),
}

impl FileStatus {
    /// The `data-state` of the file's status.
    pub fn as_str(&self) -> &'static str {
        match self {
            FileStatus::Reading => "reading",
            FileStatus::Done => "done",
            FileStatus::Saving => "saving",
            FileStatus::Cancelled => "cancelled",
            FileStatus::Failed(_) => "failed",
        }
    }
}

/// News of a file's read, from its worker.
#[derive(Debug)]
pub struct FileNews {
    /// The read it is about.
    pub id: u32,
    /// News of its redacted copy, not of the read.
    pub saving: bool,
    /// Bytes read so far.
    pub read: u64,
    /// When it came (ms).
    pub now: f64,
    /// The worker's wasm memory, when it said.
    pub memory: Option<u64>,
    /// New findings, when there are.
    pub found: Option<Diagnosed>,
    /// The read ended: done, or failed.
    pub end: Option<FileStatus>,
}

/// Every change to the state.
pub enum Action {
    /// The person typed or pasted: the box already holds the text.
    Input(String),
    /// Replace the text from elsewhere; the box is refilled.
    Set(String, Cause),
    /// A file was opened: it is read from now on (the box is emptied).
    Open {
        /// The read's id.
        id: u32,
        /// The file's name.
        name: String,
        /// Its size.
        size: u64,
        /// Now (ms).
        now: f64,
    },
    /// News of the file's read.
    News(FileNews),
    /// The person stopped the read.
    Cancel,
    /// A redacted copy was made: how many values it masked, and of which kinds.
    Redacted(usize, String),
    /// Redacted copies mask IP addresses too, or not.
    Ip(bool),
    /// The lines around a place of read `id`'s findings were read (`None`: hide them).
    Around(u32, Option<Rc<AroundRead>>),
    /// The share button was clicked for these codes, with this outcome.
    Shared(String, Shared),
    /// Empty the box and forget the file.
    Clear,
}

impl State {
    /// A state for an initial text.
    pub fn with_query(text: &str, cause: Cause) -> Self {
        State {
            query: Rc::new(text.into()),
            report: Rc::new(diagnose::diagnose(text)),
            cause,
            refill: 1,
            ..State::default()
        }
    }

    /// The file's findings, when they are what the results show (a file is open and the box is
    /// empty).
    pub fn shown_file(&self) -> Option<&FileRead> {
        self.file.as_deref().filter(|_| self.query.is_empty())
    }

    /// Whether there is anything to clear: text, or a file.
    pub fn has_content(&self) -> bool {
        !self.query.is_empty() || self.file.is_some()
    }

    /// This state with the file changed by `change`, if `id` is the file's read.
    fn with_file(self: Rc<Self>, id: u32, change: impl FnOnce(&mut FileRead)) -> Rc<Self> {
        let Some(file) = self.file.as_ref().filter(|f| f.id == id) else { return self };
        let mut file = (**file).clone();
        change(&mut file);
        Rc::new(State { file: Some(Rc::new(file)), ..(*self).clone() })
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Input(text) if text == *self.query => self,
            Action::Input(text) => Rc::new(State {
                report: Rc::new(diagnose::diagnose(&text)),
                query: Rc::new(text),
                cause: Cause::Typed,
                redacted: None,
                ..(*self).clone()
            }),
            Action::Set(text, cause) if text == *self.query => {
                if cause == self.cause {
                    self
                } else {
                    Rc::new(State { cause, ..(*self).clone() })
                }
            }
            Action::Set(text, cause) => Rc::new(State {
                report: Rc::new(diagnose::diagnose(&text)),
                query: Rc::new(text),
                cause,
                refill: self.refill.wrapping_add(1),
                redacted: None,
                ..(*self).clone()
            }),
            Action::Open { id, name, size, now } => {
                let file = FileRead {
                    id,
                    name,
                    size,
                    read: 0,
                    copied: 0,
                    started: now,
                    now,
                    status: FileStatus::Reading,
                    found: Rc::default(),
                    memory: 0,
                    around: None,
                };
                let cleared = State { file: Some(Rc::new(file)), redacted: None, ..(*self).clone() };
                Rc::new(cleared).reduce(Action::Set(String::new(), Cause::Typed))
            }
            Action::News(news) => self.with_file(news.id, |f| {
                if news.saving {
                    f.copied = news.read;
                } else {
                    f.read = f.read.max(news.read);
                    f.now = news.now;
                }
                f.memory = news.memory.unwrap_or(f.memory);
                if let Some(found) = news.found {
                    f.found = Rc::new(found);
                }
                if let Some(end) = news.end {
                    f.status = end;
                }
            }),
            Action::Cancel => match self.file.as_ref().filter(|f| f.status == FileStatus::Reading) {
                Some(f) => {
                    let id = f.id;
                    self.with_file(id, |f| f.status = FileStatus::Cancelled)
                }
                None => self,
            },
            Action::Redacted(n, summary) => Rc::new(State { redacted: Some(Rc::new((n, summary))), ..(*self).clone() }),
            Action::Ip(ip) => Rc::new(State { ip, ..(*self).clone() }),
            Action::Around(id, read) => self.with_file(id, |f| f.around = read),
            Action::Shared(codes, outcome) => Rc::new(State { shared: Some((codes, outcome)), ..(*self).clone() }),
            Action::Clear => {
                let cleared = Rc::new(State { file: None, redacted: None, ..(*self).clone() });
                cleared.reduce(Action::Set(String::new(), Cause::Typed))
            }
        }
    }
}

#[cfg(test)]
mod share_tests {
    use super::*;

    #[test]
    fn a_share_click_is_kept_with_its_codes() {
        let s = Rc::new(State::with_query("415", Cause::Typed));
        let s = s.reduce(Action::Shared("415".into(), Shared::Manual("https://x/#code=415".into())));
        assert_eq!(s.shared, Some(("415".to_string(), Shared::Manual("https://x/#code=415".into()))));
        let s = s.reduce(Action::Input("404".into()));
        assert_eq!(s.shared.as_ref().map(|(c, _)| c.as_str()), Some("415"), "kept, and shown only for its codes");
        let s = s.reduce(Action::Shared("404".into(), Shared::Copied));
        assert_eq!(s.shared, Some(("404".to_string(), Shared::Copied)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn news(id: u32, read: u64) -> FileNews {
        FileNews { id, saving: false, read, now: 2_000.0, memory: None, found: None, end: None }
    }

    #[test]
    fn a_file_read_from_open_to_end() {
        let s = Rc::new(State::with_query("415", Cause::Typed));
        let s = s.reduce(Action::Open { id: 7, name: "capture.har".into(), size: 100, now: 1_000.0 });
        assert!(s.query.is_empty(), "opening a file empties the box");
        assert_eq!(s.shown_file().map(|f| (f.id, &f.status)), Some((7, &FileStatus::Reading)));

        // News of another read (one cancelled before) changes nothing.
        let before = s.clone();
        let s = s.reduce(Action::News(news(6, 50)));
        assert!(Rc::ptr_eq(&before, &s));

        let s = s.reduce(Action::News(news(7, 40)));
        let s = s.reduce(Action::News(news(7, 30)));
        assert_eq!(s.file.as_ref().map(|f| f.read), Some(40), "bytes read never go back");

        let found = Diagnosed { report: crate::diagnose::diagnose("HTTP/1.1 415 x"), excerpts: vec![] };
        let s = s.reduce(Action::News(FileNews { found: Some(found), end: Some(FileStatus::Done), ..news(7, 100) }));
        let f = s.shown_file().expect("shown");
        assert_eq!((f.read, &f.status, f.found.report.findings.len()), (100, &FileStatus::Done, 1));

        // Cancel only stops a read in progress; typing shows the text's findings instead.
        assert_eq!(s.clone().reduce(Action::Cancel).file.as_ref().map(|f| f.status.clone()), Some(FileStatus::Done));
        let typed = s.clone().reduce(Action::Input("404".into()));
        assert!(typed.shown_file().is_none() && typed.file.is_some());
        let cleared = typed.reduce(Action::Clear);
        assert!(cleared.file.is_none() && cleared.query.is_empty());
    }

    #[test]
    fn a_cancelled_read_and_a_saved_copy() {
        let s = Rc::new(State::default()).reduce(Action::Open { id: 1, name: "a.log".into(), size: 10, now: 0.0 });
        let s = s.reduce(Action::Cancel);
        assert_eq!(s.file.as_ref().map(|f| f.status.clone()), Some(FileStatus::Cancelled));
        let s = s.reduce(Action::News(FileNews { saving: true, ..news(1, 5) }));
        assert_eq!(s.file.as_ref().map(|f| (f.read, f.copied)), Some((0, 5)), "a copy's bytes are not the read's");
        let s = s.reduce(Action::Redacted(3, "masked 3".into()));
        assert_eq!(s.redacted.as_deref(), Some(&(3, "masked 3".to_string())));
        assert!(s.clone().reduce(Action::Input("x".into())).redacted.is_none(), "a new text forgets the copy");
        assert!(!s.ip);
        let s = s.reduce(Action::Ip(true));
        assert!(s.ip && s.reduce(Action::Input("y".into())).ip, "the IP switch stays as set");
    }
}
