//! The status of the file opened last: while it is read, bytes read of its size, the speed and
//! the time left, a progress bar and Cancel; once read, how long it took and "Save redacted
//! copy" (and whether IP addresses are masked too); what the redacted copy masked; or why it
//! could not be read. It stays while the box holds a text (the read goes on, Cancel stays), and
//! says that the file's findings show again when the box is empty. A render function; the
//! callbacks are the app's.

use yew::prelude::*;

use super::mib;
use crate::ui::state::{FileRead, FileStatus};

/// What the status shows and whom it tells.
pub struct FileBar<'a> {
    /// The file.
    pub file: &'a FileRead,
    /// Whether its findings are shown (the box is empty), and so whether it can be saved.
    pub shown: bool,
    /// What the last redacted copy masked.
    pub redacted: Option<&'a (usize, String)>,
    /// Stops the read.
    pub on_cancel: Callback<MouseEvent>,
    /// Saves the redacted copy.
    pub on_save: Callback<MouseEvent>,
    /// The "IP addresses too" switch.
    pub ip: Html,
}

/// Seconds with one decimal, from milliseconds (no float formatting: see `mib`).
fn seconds(ms: u64) -> String {
    let tenths = (ms + 50) / 100;
    format!("{}.{} s", tenths / 10, tenths % 10)
}

/// "12.5 MB of 200.0 MB · 150.3 MB/s · 1.2 s left" for `f` read so far.
fn reading(f: &FileRead) -> String {
    let ms = (f.now - f.started).max(0.0) as u64;
    let mut line = format!("{} of {}", mib(f.read), mib(f.size));
    if ms > 0 && f.read > 0 {
        let per_s = f.read * 1000 / ms;
        let left = f.size.saturating_sub(f.read) * 1000 / per_s.max(1);
        line += &format!(" · {}/s · {} left", mib(per_s), seconds(left));
    }
    line
}

/// The file's status.
pub fn file_status(bar: FileBar) -> Html {
    let f = bar.file;
    let ms = (f.now - f.started).max(0.0) as u64;
    let what = match &f.status {
        FileStatus::Reading => format!("Reading {}: {}", f.name, reading(f)),
        FileStatus::Done | FileStatus::Saving => format!("{}: {} read in {}", f.name, mib(f.size), seconds(ms)),
        FileStatus::Cancelled => {
            format!("{}: stopped after {} of {}; what is shown is what was read.", f.name, mib(f.read), mib(f.size))
        }
        FileStatus::Failed(why) => why.clone(),
    };
    let failed = matches!(f.status, FileStatus::Failed(_));
    let reading = f.status == FileStatus::Reading;
    // The bar of the read, or of its redacted copy being made.
    let progress = match f.status {
        FileStatus::Reading => Some((f.read, format!("Reading {}", f.name))),
        FileStatus::Saving => Some((f.copied, format!("Saving a redacted copy of {}", f.name))),
        _ => None,
    };
    html! {
        <div class="ams-errors__file" data-testid="file-status" data-state={f.status.as_str()}
            data-bytes={f.read.to_string()} data-ms={ms.to_string()} data-memory={f.memory.to_string()}
            data-redacted={bar.redacted.map(|r| r.0.to_string())}>
            <p class={if failed { "ams-errors__file-what ams-errors__notice--warning" } else { "ams-errors__file-what" }}
                role={failed.then_some("alert")}>{ what }</p>
            if let Some((done, label)) = progress {
                <div class="ams-errors__file-bar">
                    <progress data-testid={reading.then_some("progress")} value={done.to_string()} max={f.size.to_string()}
                        aria-label={label} />
                    if reading {
                        <button type="button" class="ams-errors__button" data-testid="cancel" onclick={bar.on_cancel}>
                            { "Cancel" }
                        </button>
                    }
                </div>
            }
            if !bar.shown {
                <p class="ams-errors__file-what">{ "Its findings show again when the box is empty." }</p>
            }
            if f.status == FileStatus::Done && bar.shown {
                <div class="ams-errors__file-bar">
                    <button type="button" class="ams-errors__button" data-testid="save-redacted" onclick={bar.on_save}>
                        { "Save redacted copy" }
                    </button>
                    { bar.ip }
                </div>
            }
            if let Some((_, summary)) = bar.redacted {
                <p class="ams-errors__file-what" data-testid="redact-summary" role="status">
                    { format!("Redacted copy: {summary}.") }
                </p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_speeds() {
        assert_eq!(seconds(0), "0.0 s");
        assert_eq!(seconds(1_949), "1.9 s");
        assert_eq!(seconds(1_950), "2.0 s");
        let f = FileRead {
            id: 1,
            name: "capture.har".into(),
            size: 200 << 20,
            read: 50 << 20,
            copied: 0,
            started: 1_000.0,
            now: 2_000.0,
            status: FileStatus::Reading,
            found: Default::default(),
            memory: 0,
            around: None,
        };
        assert_eq!(reading(&f), "50.0 MB of 200.0 MB · 50.0 MB/s · 3.0 s left");
        assert_eq!(reading(&FileRead { now: 1_000.0, ..f }), "50.0 MB of 200.0 MB");
    }
}
