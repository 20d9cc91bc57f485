//! Reading a capture file, and making the redacted copy of a file or a paste, in a Web Worker
//! (`js/worker.js`, beside the wasm's glue) that runs a wasm of its own (`crates/worker`): the
//! page only starts the worker, hands it the `File`, and turns its messages into `Action::News`
//! (a paste's copy into `Action::Redacted`); it stops it with `terminate()` (Cancel, another
//! file, unmounting). Nothing of the file passes through the page but the findings, and the lines
//! around a place of them, read from the file when asked (`File.slice`). A browser without
//! workers, or a host whose policy refuses them, gets a message saying so.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::excerpt::{around, Around, AROUND_BYTES};
use crate::ui::state::{Action, AroundRead, FileNews, FileStatus, Place, State};
use crate::ui::web;
use crate::wire;

#[wasm_bindgen]
extern "C" {
    /// The URL of the wasm's JS glue, which `js/worker.js` sits beside.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

/// A worker at work and its message handler (dropped together, never from inside the handler).
struct Task {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::Event)>,
}

impl Task {
    /// `worker` at work, `on_message` hearing its messages and its errors.
    fn new(worker: web_sys::Worker, on_message: Closure<dyn FnMut(web_sys::Event)>) -> Task {
        let handler = Some(on_message.as_ref().unchecked_ref());
        worker.set_onmessage(handler);
        worker.set_onerror(handler);
        worker.set_onmessageerror(handler);
        Task { worker, _on_message: on_message }
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// What the widget can do with files.
#[derive(Clone, PartialEq)]
pub struct Files {
    /// Read this file.
    pub open: Callback<web_sys::File>,
    /// Stop reading it.
    pub cancel: Callback<()>,
    /// Save the redacted copy of the file read last; `true`: IP addresses too.
    pub save: Callback<bool>,
    /// Copy (or save) the redacted copy of a paste.
    pub redact_paste: Callback<PasteCopy>,
    /// Read the lines around a place of the file's findings (`None`: hide them).
    pub around: Callback<Option<Place>>,
    /// A file is about to be opened (the pointer on "Open a file…", a file dragged over the
    /// widget): start a worker now, so that its wasm has loaded when the file comes.
    pub warm: Callback<()>,
}

/// A redacted copy of a paste to make: the paste as a `File`, and what to do with the copy.
pub struct PasteCopy {
    /// The paste.
    pub text: web_sys::File,
    /// Mask IP addresses too.
    pub ip: bool,
    /// Download the copy (`<name>.redacted.<ext>`) instead of copying it to the clipboard.
    pub save: bool,
}

/// The file last opened, the task working on it, the one making a paste's redacted copy, and a
/// worker started ahead for the next.
#[derive(Default)]
struct Slot {
    file: Option<web_sys::File>,
    task: Option<Task>,
    paste: Option<Task>,
    spare: Option<web_sys::Worker>,
    next: u32,
}

/// The worker started ahead, or a new one.
fn take_worker(slot: &Rc<RefCell<Slot>>) -> Option<web_sys::Worker> {
    let spare = slot.borrow_mut().spare.take();
    spare.or_else(start_worker)
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn number(data: &JsValue, name: &str) -> Option<u64> {
    field(data, name).as_f64().map(|n| n as u64)
}

fn bytes(data: &JsValue, name: &str) -> Option<Vec<u8>> {
    field(data, name).dyn_into::<js_sys::Uint8Array>().ok().map(|a| a.to_vec())
}

/// A module worker for `js/worker.js`; from a `blob:` URL that imports it when the page may not
/// start one from the widget's origin (a host page on another origin).
fn start_worker() -> Option<web_sys::Worker> {
    let glue = GLUE_URL.with(String::clone);
    let url = format!("{}worker.js", glue.rfind('/').and_then(|i| glue.get(..=i)).unwrap_or_default());
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    if let Ok(w) = web_sys::Worker::new_with_options(&url, &options) {
        return Some(w);
    }
    let source = js_sys::Array::of1(&format!("import \"{url}\";").into());
    let blob = web_sys::Blob::new_with_str_sequence(&source).ok()?;
    let blob_url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    web_sys::Worker::new_with_options(&blob_url, &options).ok()
}

/// The redacted copy in a worker's message: the copy, how many values it masked, and of which
/// kinds.
fn saved_copy(data: &JsValue) -> Option<(web_sys::Blob, usize, String)> {
    let blob = field(data, "saved").dyn_into::<web_sys::Blob>().ok()?;
    let summary = field(data, "summary").as_string().unwrap_or_default();
    Some((blob, number(data, "masked").unwrap_or(0) as usize, summary))
}

/// The name the worker gave a saved copy (`<name>.redacted.<ext>`).
fn copy_name(data: &JsValue) -> String {
    field(data, "name").as_string().unwrap_or_else(|| "capture.redacted.txt".into())
}

/// The news in one message of the worker for read `id` (`saving`: of its redacted copy); a saved
/// copy is downloaded under the name the worker gave it.
fn news(id: u32, saving: bool, data: &JsValue, dispatcher: &UseReducerDispatcher<State>) -> FileNews {
    let mut news = FileNews {
        id,
        saving,
        read: number(data, "read").unwrap_or(0),
        now: js_sys::Date::now(),
        memory: number(data, "memory"),
        found: None,
        end: None,
    };
    if let Some(b) = bytes(data, "found") {
        news.found = wire::decode(&b);
    } else if let Some(b) = bytes(data, "done") {
        news.found = wire::decode(&b);
        news.end = Some(match news.found {
            Some(_) => FileStatus::Done,
            None => FileStatus::Failed("The findings could not be passed on from the worker.".into()),
        });
    } else if let Some(failed) = field(data, "failed").as_string() {
        news.end = Some(FileStatus::Failed(failed));
    } else if let Some((blob, masked, summary)) = saved_copy(data) {
        dispatcher.dispatch(Action::Redacted(masked, summary));
        news.end = Some(if web::download(&blob, &copy_name(data)) {
            FileStatus::Done
        } else {
            FileStatus::Failed("The browser refused to save the redacted copy.".into())
        });
    }
    news
}

/// Hand `file` to `worker`: to read, or (`redact`) to make its redacted copy, masking IP
/// addresses too when `ip`.
fn post(worker: &web_sys::Worker, file: &web_sys::File, redact: bool, ip: bool) -> bool {
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&message, &k.into(), v).is_ok();
    set("file", file) && set("redact", &redact.into()) && set("ip", &ip.into()) && worker.post_message(&message).is_ok()
}

/// What became of a paste's redacted copy, from the worker's message `data` (`None`: the worker
/// stopped with an error): how many values it masked, and what to say.
async fn paste_copied(data: Option<JsValue>, save: bool) -> (usize, String) {
    let Some(data) = data else {
        return (0, "the worker that makes it stopped with an error".into());
    };
    if let Some(failed) = field(&data, "failed").as_string() {
        return (0, failed);
    }
    let Some((blob, n, summary)) = saved_copy(&data) else {
        return (0, "the worker that makes it gave nothing back".into());
    };
    if save {
        let saved = web::download(&blob, &copy_name(&data));
        return (n, if saved { summary } else { "the browser refused to save it".into() });
    }
    let text = wasm_bindgen_futures::JsFuture::from(blob.text()).await.ok().and_then(|t| t.as_string());
    match text {
        Some(text) if web::copy(&text).await => (n, format!("copied, {summary}")),
        _ => (n, "the browser refused the clipboard; save it instead".into()),
    }
}

/// Make the redacted copy of a paste in a worker of its own, and copy or save it.
fn run_paste(slot: &Rc<RefCell<Slot>>, copy: PasteCopy, dispatcher: UseReducerDispatcher<State>) {
    slot.borrow_mut().paste = None;
    let Some(worker) = take_worker(slot) else {
        let why = "this browser, or the page's security policy, does not let the widget start a worker to make it";
        return dispatcher.dispatch(Action::Redacted(0, why.into()));
    };
    let save = copy.save;
    let on_message = {
        let (dispatcher, worker) = (dispatcher.clone(), worker.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            worker.terminate();
            let data = e.dyn_ref::<web_sys::MessageEvent>().filter(|_| e.type_() == "message").map(|m| m.data());
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (n, summary) = paste_copied(data, save).await;
                dispatcher.dispatch(Action::Redacted(n, summary));
            });
        })
    };
    let task = Task::new(worker, on_message);
    let sent = post(&task.worker, &copy.text, true, copy.ip);
    slot.borrow_mut().paste = Some(task);
    if !sent {
        dispatcher.dispatch(Action::Redacted(0, "the paste could not be handed to the worker that makes it".into()));
    }
}

/// Run `js/worker.js` on `file` (`redact`: make its redacted copy), telling the state as read `id`.
fn run(
    slot: &Rc<RefCell<Slot>>,
    id: u32,
    file: &web_sys::File,
    redact: Option<bool>,
    dispatcher: UseReducerDispatcher<State>,
) {
    // The task before goes first: its worker stops and its messages no longer count.
    slot.borrow_mut().task = None;
    let fail = |why: &str| {
        let now = js_sys::Date::now();
        let end = Some(FileStatus::Failed(why.into()));
        dispatcher.dispatch(Action::News(FileNews { id, saving: false, read: 0, now, memory: None, found: None, end }));
    };
    let Some(worker) = take_worker(slot) else {
        return fail(
            "This browser, or the page's security policy, does not let the widget start a worker to read files.",
        );
    };
    let saving = redact.is_some();
    if saving {
        let (now, end) = (js_sys::Date::now(), Some(FileStatus::Saving));
        dispatcher.dispatch(Action::News(FileNews { id, saving, read: 0, now, memory: None, found: None, end }));
    }
    let on_message = {
        let (dispatcher, worker) = (dispatcher.clone(), worker.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let mut news = match e.dyn_ref::<web_sys::MessageEvent>() {
                Some(m) if e.type_() == "message" => news(id, saving, &m.data(), &dispatcher),
                // `error` (the worker's script could not load or threw) or `messageerror`.
                _ => news(id, saving, &JsValue::UNDEFINED, &dispatcher),
            };
            if e.type_() != "message" {
                news.end = Some(FileStatus::Failed(
                    "The worker that reads files stopped with an error (is js/worker.js served beside the widget?)."
                        .into(),
                ));
            }
            if news.end.is_some() {
                // Its work is over: the worker goes now, its handler with the next task.
                worker.terminate();
            }
            dispatcher.dispatch(Action::News(news));
        })
    };
    let task = Task::new(worker, on_message);
    let sent = post(&task.worker, file, saving, redact.unwrap_or(false));
    slot.borrow_mut().task = Some(task);
    if !sent {
        fail("The file could not be handed to the worker that reads it.");
    }
}

/// The bytes of `file` from `from` to `to`.
async fn bytes_of(file: &web_sys::File, from: usize, to: usize) -> Option<Vec<u8>> {
    let piece = file.slice_with_f64_and_f64(from as f64, to as f64).ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(piece.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The lines around `place` in `file`, read from it now (a UTF-8 byte-order mark is not text:
/// the worker skipped it, so offsets start after it).
async fn read_around(file: &web_sys::File, place: &Place) -> Result<Around, String> {
    let gone = || "The file could not be read again (was it moved or removed?).".to_string();
    let bom = if bytes_of(file, 0, 3).await.ok_or_else(gone)? == b"\xEF\xBB\xBF" { 3 } else { 0 };
    let (from, to) = (place.at.saturating_sub(AROUND_BYTES), place.at.saturating_add(place.found.len() + AROUND_BYTES));
    let piece = bytes_of(file, from + bom, to.saturating_add(bom)).await.ok_or_else(gone)?;
    let to_end = to.saturating_add(bom) as f64 >= file.size();
    around(&piece, from, (place.at, &place.found), place.line, to_end).ok_or_else(|| {
        "This place is not where it was in the file: the file changed since it was read, or it is not UTF-8.".into()
    })
}

/// Open, cancel and save files for this widget; the worker stops when the widget goes.
#[hook]
pub fn use_files(dispatcher: UseReducerDispatcher<State>) -> Files {
    let slot = use_mut_ref(Slot::default);
    {
        let slot = slot.clone();
        use_effect_with((), move |_| {
            move || {
                let mut s = slot.borrow_mut();
                s.task = None;
                s.paste = None;
                if let Some(w) = s.spare.take() {
                    w.terminate();
                }
            }
        });
    }
    let open = {
        let (slot, dispatcher) = (slot.clone(), dispatcher.clone());
        Callback::from(move |file: web_sys::File| {
            let id = {
                let mut s = slot.borrow_mut();
                s.next = s.next.wrapping_add(1);
                s.file = Some(file.clone());
                s.next
            };
            let now = js_sys::Date::now();
            dispatcher.dispatch(Action::Open { id, name: file.name(), size: file.size() as u64, now });
            run(&slot, id, &file, None, dispatcher.clone());
        })
    };
    let cancel = {
        let (slot, dispatcher) = (slot.clone(), dispatcher.clone());
        Callback::from(move |()| {
            slot.borrow_mut().task = None;
            dispatcher.dispatch(Action::Cancel);
        })
    };
    let redact_paste = {
        let (slot, dispatcher) = (slot.clone(), dispatcher.clone());
        Callback::from(move |copy: PasteCopy| run_paste(&slot, copy, dispatcher.clone()))
    };
    let around = {
        let (slot, dispatcher) = (slot.clone(), dispatcher.clone());
        Callback::from(move |place: Option<Place>| {
            let (file, id) = {
                let s = slot.borrow();
                (s.file.clone(), s.next)
            };
            let (Some(file), Some(place)) = (file, place) else {
                return dispatcher.dispatch(Action::Around(id, None));
            };
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let lines = read_around(&file, &place).await;
                dispatcher.dispatch(Action::Around(id, Some(Rc::new(AroundRead { at: place.at, lines }))));
            });
        })
    };
    let warm = {
        let slot = slot.clone();
        Callback::from(move |()| {
            let mut s = slot.borrow_mut();
            if s.spare.is_none() {
                s.spare = start_worker();
            }
        })
    };
    let save = Callback::from(move |ip: bool| {
        let (file, id) = {
            let s = slot.borrow();
            (s.file.clone(), s.next)
        };
        if let Some(file) = file {
            run(&slot, id, &file, Some(ip), dispatcher.clone());
        }
    });
    Files { open, cancel, save, redact_paste, around, warm }
}
