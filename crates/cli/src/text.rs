//! The plain-text output: one card per finding with what the widget's card shows (name, title,
//! kind, status, HRESULT, summary, where it was found, explanation, WinHTTP, corrected URLs,
//! causes, fixes, note, related codes, the source link; a management call's REST meaning; an
//! unknown HRESULT's fields), the notes, and "did you mean" or word matches when nothing was
//! recognised. Styles are anstyle values written to an anstream stream, which drops them when
//! colour is off. Text from the input (excerpts, details, notes) has its control characters
//! replaced, so a log cannot drive the terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use ams_errors_core::catalog::{self, Entry, Hresult, Kind, Severity};
use ams_errors_core::data::EntryData;
use ams_errors_core::report::{Level, Shape, Source, Subject};

use crate::outcome::{Found, Outcome};

/// Excerpts shown per card; JSON has all that were kept.
const SHOWN: usize = 3;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const HEADING: Style = Style::new().bold().underline();
const FILE: Style = AnsiColor::Magenta.on_default();
const LINE: Style = AnsiColor::Green.on_default();
const MARK: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const LINK: Style = Style::new().underline();

/// Which command's outcome is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A query: no locations, and a word search is an answer.
    Explain,
    /// Inputs read: a count line, `file:line` locations, notes per input.
    Diagnose {
        /// Inputs read; notes name theirs when there are several.
        inputs: usize,
    },
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default().bold(),
    }
}

/// Input text made safe for a terminal: control characters other than tab become U+FFFD.
fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

fn hresult_line(h: Hresult) -> String {
    if h.signed() < 0 {
        format!("HRESULT {h} · {} · {}", h.0, h.signed())
    } else {
        format!("HRESULT {h} · {}", h.0)
    }
}

/// Print `o` as text.
pub fn print(w: &mut dyn Write, o: &Outcome, mode: Mode) -> io::Result<()> {
    let several = matches!(mode, Mode::Diagnose { inputs } if inputs > 1);
    if o.findings.is_empty() {
        return no_match(w, o, mode, several);
    }
    if let Mode::Diagnose { .. } = mode {
        let n = o.findings.len();
        let what = if n == 1 { "1 error recognised".to_string() } else { format!("{n} errors recognised") };
        match o.shape {
            Some(shape) => writeln!(w, "{BOLD}{what} in {}{BOLD:#}\n", shape.label())?,
            None => writeln!(w, "{BOLD}{what}{BOLD:#}\n")?,
        }
    }
    notes(w, o, Level::Warning, several)?;
    for (i, f) in o.findings.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        match f.subject {
            Subject::Entry(e) => entry_card(w, f, e)?,
            Subject::Hresult(h) => hresult_card(w, f, h)?,
        }
    }
    if o.notes.iter().any(|r| r.note.level() == Level::Info) {
        writeln!(w)?;
    }
    notes(w, o, Level::Info, several)
}

/// The notes of one level: warnings above the cards, context below, as the widget places them.
fn notes(w: &mut dyn Write, o: &Outcome, level: Level, several: bool) -> io::Result<()> {
    let mut any = false;
    for r in o.notes.iter().filter(|r| r.note.level() == level) {
        let file = match (&r.file, several) {
            (Some(f), true) => format!("{FILE}{}{FILE:#}: ", clean(f)),
            _ => String::new(),
        };
        let text = clean(&r.note.text());
        match level {
            Level::Warning => writeln!(w, "{file}{WARNING}warning:{WARNING:#} {text}")?,
            Level::Info => writeln!(w, "{file}{DIM}note:{DIM:#} {text}")?,
        }
        any = true;
    }
    if any && level == Level::Warning {
        writeln!(w)?;
    }
    Ok(())
}

fn list(w: &mut dyn Write, heading: &str, items: &[&str], numbered: bool) -> io::Result<()> {
    writeln!(w, "\n{HEADING}{heading}{HEADING:#}")?;
    for (i, item) in items.iter().enumerate() {
        if numbered {
            writeln!(w, "  {}. {item}", i + 1)?;
        } else {
            writeln!(w, "  - {item}")?;
        }
    }
    Ok(())
}

/// Where a finding was found: how, how often, its detail, and the first excerpts as
/// `file:line: text` (grep's form), the hits marked.
fn found(w: &mut dyn Write, f: &Found) -> io::Result<()> {
    if matches!(f.source, Source::Query) {
        return Ok(());
    }
    let times = if f.count > 1 { format!(" · {} times", f.count) } else { String::new() };
    writeln!(w, "{DIM}Found in the {}{times}{DIM:#}", f.source.label())?;
    if let Some(d) = &f.detail {
        writeln!(w, "  {}", clean(d))?;
    }
    let mut shown = 0;
    for l in f.locations.iter().take(SHOWN) {
        write!(w, "  {FILE}{}{FILE:#}:{LINE}{}{LINE:#}: ", clean(&l.file), l.line())?;
        for p in &l.excerpt.parts {
            if p.mark {
                write!(w, "{MARK}{}{MARK:#}", clean(&p.text))?;
            } else {
                write!(w, "{}", clean(&p.text))?;
            }
        }
        writeln!(w)?;
        shown += l.hits();
    }
    if f.count > shown && !f.locations.is_empty() {
        let more = f.count - shown;
        writeln!(w, "  {DIM}… and {more} more{DIM:#}")?;
    }
    Ok(())
}

/// The card's first two lines: the code and title (once, where the title starts with the code,
/// as a status's does), then the facts.
fn heading(w: &mut dyn Write, style: Style, code: &str, title: &str, meta: &[String]) -> io::Result<()> {
    match title.strip_prefix(code) {
        Some(rest) => writeln!(w, "{style}{code}{style:#}{BOLD}{rest}{BOLD:#}")?,
        None => writeln!(w, "{style}{code}{style:#}  {BOLD}{title}{BOLD:#}")?,
    }
    writeln!(w, "{DIM}{}{DIM:#}", meta.join(" · "))
}

fn entry_card(w: &mut dyn Write, f: &Found, e: &'static Entry) -> io::Result<()> {
    let d = EntryData::from(e);
    let mut meta: Vec<String> = vec![e.kind.label().to_string()];
    if let Some(c) = e.amp_code {
        meta.push(format!("code {c}"));
    }
    if let Some(s) = e.status.filter(|_| e.kind != Kind::Http) {
        meta.push(format!("HTTP {s}"));
    }
    if let Some(h) = e.hresult {
        meta.push(hresult_line(h));
    }
    if !d.events.is_empty() {
        meta.push(d.events.join(" · "));
    }
    meta.extend(d.category.map(str::to_string));
    meta.push(d.severity.to_string());
    // A failed management call: the status's REST meaning, not the streaming endpoint's codes.
    let management = d.management.filter(|_| f.source == Source::Management);
    if management.is_some() {
        meta.push("management API".into());
    } else if e.generic {
        meta.push("general HTTP meaning".into());
    }
    if e.retired {
        meta.push("no longer emitted".into());
    }
    heading(w, severity_style(e.severity), e.name, d.title, &meta)?;
    if let Some(m) = management {
        writeln!(w, "{m}")?;
        found(w, f)?;
        writeln!(
            w,
            "\nThis is the management API's {}. From a streaming endpoint the same status means: {}",
            e.name, d.summary
        )?;
        return writeln!(w, "\n{DIM}Reference:{DIM:#} {LINK}{}{LINK:#}", d.source);
    }
    writeln!(w, "{}", d.summary)?;
    found(w, f)?;
    writeln!(w, "\n{}", d.explanation)?;
    if let Some(x) = &d.winhttp {
        writeln!(w, "\nWraps WinHTTP {} ({}): {}", x.name, x.code, x.meaning)?;
    }
    for c in &f.corrected {
        let heading = if c.urls.len() > 1 { "Try one of these URLs" } else { "Try this URL" };
        writeln!(w, "\n{HEADING}{heading}{HEADING:#}\n{}", c.change)?;
        for (url, what) in &c.urls {
            let what = if what.is_empty() { String::new() } else { format!("{what}: ") };
            writeln!(w, "  {what}{}", clean(url))?;
        }
    }
    list(w, "Likely causes", &d.causes, false)?;
    list(w, "What to do", &d.fixes, true)?;
    if let Some(n) = d.note {
        writeln!(w, "\n{BOLD}Note:{BOLD:#} {n}")?;
    }
    related(w, e)?;
    writeln!(w, "\n{DIM}Reference:{DIM:#} {LINK}{}{LINK:#}", d.source)
}

/// Codes that go with the entry: a status's origin codes, an event's result codes.
fn related(w: &mut dyn Write, e: &'static Entry) -> io::Result<()> {
    let (heading, related): (&str, Vec<&'static Entry>) = match e.kind {
        Kind::Http if !e.generic => (
            "Codes the streaming endpoint returns with this status",
            e.status.map(|s| catalog::with_status(s).collect()).unwrap_or_default(),
        ),
        Kind::Live if e.event => ("Result codes this event carries", e.members().collect()),
        _ => return Ok(()),
    };
    if related.is_empty() {
        return Ok(());
    }
    writeln!(w, "\n{HEADING}{heading} ({}){HEADING:#}", related.len())?;
    for r in related {
        writeln!(w, "  {BOLD}{}{BOLD:#} — {}", r.name, r.title())?;
    }
    Ok(())
}

fn hresult_card(w: &mut dyn Write, f: &Found, h: Hresult) -> io::Result<()> {
    let code = h.to_string();
    heading(w, severity_style(Severity::Error), &code, "An HRESULT this catalog does not list", &[hresult_line(h)])?;
    found(w, f)?;
    let facility = match h.facility_name() {
        Some(n) => format!("{} ({n})", h.facility()),
        None => h.facility().to_string(),
    };
    writeln!(w, "\nSeverity: {}", if h.is_failure() { "failure" } else { "success" })?;
    writeln!(w, "Facility: {facility}")?;
    writeln!(w, "Code:     0x{:04X} ({})", h.code(), h.code())?;
    if h.is_customer() {
        writeln!(w, "Customer bit: set: defined by a vendor, not by Windows")?;
    }
    let why = if h.facility() == 7 {
        "Facility 7 wraps a Win32 error: look up the code as a Windows system error number."
    } else {
        "Media Services codes use facilities 0x088 and 0x089; this one comes from another component (player, OS, SDK)."
    };
    writeln!(w, "\n{why}")
}

/// Nothing recognised: why, the notes, then "did you mean" or the word matches.
fn no_match(w: &mut dyn Write, o: &Outcome, mode: Mode, several: bool) -> io::Result<()> {
    if mode == Mode::Explain && !o.word_matches.is_empty() {
        writeln!(w, "{BOLD}Entries that mention these words, best first:{BOLD:#}")?;
        suggestions(w, &o.word_matches)?;
        return writeln!(w, "\n{DIM}Run `ams-errors explain <NAME>` for the whole explanation.{DIM:#}");
    }
    let looked = match o.shape {
        Some(Shape::Query) => "It does not name a Media Services code, HTTP status or HRESULT.".to_string(),
        Some(Shape::Empty) => "The input is empty.".to_string(),
        Some(shape) => format!("It looks like {}, but holds no HTTP error status and no error code.", shape.label()),
        None => "No HTTP error status and no error code was found.".to_string(),
    };
    writeln!(w, "{BOLD}No error recognised.{BOLD:#} {looked}")?;
    notes(w, o, Level::Warning, several)?;
    notes(w, o, Level::Info, several)?;
    if !o.did_you_mean.is_empty() {
        writeln!(w, "\n{BOLD}Did you mean{BOLD:#}")?;
        suggestions(w, &o.did_you_mean)?;
    }
    if !o.word_matches.is_empty() {
        writeln!(w, "\n{BOLD}Entries that mention these words{BOLD:#}")?;
        suggestions(w, &o.word_matches)?;
    }
    Ok(())
}

fn suggestions(w: &mut dyn Write, entries: &[&'static Entry]) -> io::Result<()> {
    for e in entries {
        writeln!(w, "  {BOLD}{}{BOLD:#} — {}", e.name, e.title())?;
    }
    Ok(())
}
