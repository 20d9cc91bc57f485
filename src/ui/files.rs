//! The widget's file parts: "Open a file…" and the drop on the widget, the file's status
//! (progress, Cancel, "Save redacted copy"), "Copy redacted" and "Save redacted" for a paste,
//! "Read all of it as a file" for a paste cut short, the switch that masks IP addresses too, and
//! reading the lines around a place of a file's findings.

use yew::prelude::*;

use crate::ui::components::{file_status, FileBar};
use crate::ui::hooks::{use_files, PasteCopy};
use crate::ui::state::{Action, Place, State};
use crate::ui::web;

/// What the app puts where: the tools in the query bar, the status under it, and the handlers.
pub struct FileParts {
    /// In the query bar: "Open a file…", and the redacted copies of a paste.
    pub tools: Html,
    /// Under the query bar: the file's status, or what a paste's redacted copy masked.
    pub status: Html,
    /// Reads a paste cut short as a file.
    pub read_all: Callback<MouseEvent>,
    /// Lets a file be dropped on the widget.
    pub ondragover: Callback<DragEvent>,
    /// Opens a file dropped on the widget.
    pub ondrop: Callback<DragEvent>,
    /// Stops the file being read (Clear).
    pub cancel: Callback<()>,
    /// Reads the lines around a place of the file's findings (`None`: hides them).
    pub around: Callback<Option<Place>>,
}

/// The "IP addresses too" switch.
fn ip_switch(state: &UseReducerHandle<State>) -> Html {
    let (checked, dispatcher) = (state.ip, state.dispatcher());
    let onchange = Callback::from(move |e: Event| {
        let on = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
        dispatcher.dispatch(Action::Ip(on));
    });
    html! {
        <label class="ams-errors__check">
            <input type="checkbox" data-testid="redact-ip" {checked} {onchange} />{ " IP addresses too" }
        </label>
    }
}

/// Copies (`save`: downloads) the redacted text of the box behind `box_ref`, made in the
/// worker; the state hears what was masked.
fn redact_paste(box_ref: &NodeRef, ip: bool, save: bool, redact: &Callback<PasteCopy>) -> Callback<MouseEvent> {
    let (box_ref, redact) = (box_ref.clone(), redact.clone());
    Callback::from(move |_: MouseEvent| {
        let el = box_ref.cast::<web_sys::HtmlTextAreaElement>();
        if let Some(text) = el.and_then(|el| web::as_file(&el, "paste.txt")) {
            redact.emit(PasteCopy { text, ip, save });
        }
    })
}

/// The file parts of the widget with `state` and the text box behind `box_ref`.
#[hook]
pub fn use_file_parts(state: &UseReducerHandle<State>, box_ref: &NodeRef) -> FileParts {
    let files = use_files(state.dispatcher());
    let ip = state.ip;
    let shown_file = state.shown_file();
    let open = files.open.clone();
    let on_file = Callback::from(move |e: Event| {
        let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open.emit(file);
        }
        // The same file can be opened again.
        input.set_value("");
    });
    let paste = (shown_file.is_none() && !state.query.is_empty()).then(|| {
        let copy = redact_paste(box_ref, ip, false, &files.redact_paste);
        let save = redact_paste(box_ref, ip, true, &files.redact_paste);
        html! {
            <>
            <button type="button" class="ams-errors__button" data-testid="copy-redacted" onclick={copy}>
                { "Copy redacted" }
            </button>
            <button type="button" class="ams-errors__button" data-testid="save-redacted" onclick={save}>
                { "Save redacted" }
            </button>
            { ip_switch(state) }
            </>
        }
    });
    // The pointer on "Open a file…", or the keyboard on it: a file is about to be chosen.
    let warm = files.warm.clone();
    let (onpointerenter, onfocusin) = (warm.reform(|_: PointerEvent| ()), warm.reform(|_: FocusEvent| ()));
    let tools = html! {
        <>
        <label class="ams-errors__button ams-errors__open" {onpointerenter} {onfocusin}>
            { "Open a file…" }
            <input type="file" class="ams-errors__file-input" data-testid="file" onchange={on_file} />
        </label>
        { for paste }
        </>
    };
    let redacted = state.redacted.as_deref();
    let file = state.file.as_deref().map(|file| {
        let (cancel, save) = (files.cancel.clone(), files.save.clone());
        file_status(FileBar {
            file,
            shown: shown_file.is_some(),
            redacted: redacted.filter(|_| shown_file.is_some()),
            on_cancel: Callback::from(move |_| cancel.emit(())),
            on_save: Callback::from(move |_| save.emit(ip)),
            ip: ip_switch(state),
        })
    });
    let pasted = redacted.filter(|_| shown_file.is_none()).map(|(_, summary)| {
        html! {
            <p class="ams-errors__notice" data-testid="redact-summary" role="status">
                { format!("Redacted copy: {summary}.") }
            </p>
        }
    });
    let status = html! { <>{ for file }{ for pasted }</> };
    let read_all = {
        let (open, box_ref) = (files.open.clone(), box_ref.clone());
        Callback::from(move |_: MouseEvent| {
            let el = box_ref.cast::<web_sys::HtmlTextAreaElement>();
            if let Some(file) = el.and_then(|el| web::as_file(&el, "paste.txt")) {
                open.emit(file);
            }
        })
    };
    let ondragover = Callback::from(move |e: DragEvent| {
        if web::drags_files(&e) {
            e.prevent_default();
            warm.emit(());
        }
    });
    let open = files.open.clone();
    let ondrop = Callback::from(move |e: DragEvent| {
        if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            e.prevent_default();
            open.emit(file);
        }
    });
    FileParts { tools, status, read_all, ondragover, ondrop, cancel: files.cancel, around: files.around }
}
