//! Every `#[wasm_bindgen]` item: `mount(element, options)` for host pages, `mountPage` for the
//! standalone page (and its `?embed=1` frame mode), and the `WidgetHandle` they return. Each
//! widget renders into an open shadow root of its element, styled by one constructed
//! stylesheet shared by all widgets, so host CSS and widget CSS cannot touch each other.
//! Options are read one field at a time with plain type checks, so a bad option gets an error
//! that names it and says what was expected; errors become JS exceptions here and nowhere else.
//! (serde-wasm-bindgen's deserializer was measured at 10.3 KB brotli of wasm, 7% of the page's
//! budget, for three options: its type errors link in Rust's float formatting.)

use std::cell::RefCell;
use std::fmt;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AppHandle;

use crate::ui::{App, AppProps, Controller, Mode, Theme};

/// The widget's stylesheet, compiled in (minified by build.rs).
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

/// Why a widget could not be mounted.
#[derive(Debug, PartialEq, Eq)]
pub enum MountError {
    /// The first argument is not a DOM element.
    NotAnElement,
    /// The element already hosts a widget.
    AlreadyMounted,
    /// The element cannot host a shadow root (e.g. `<img>`, `<textarea>`).
    NoShadowRoot(String),
    /// `options` is not an object.
    OptionsNotObject,
    /// An option the widget does not know.
    UnknownOption(String),
    /// An option of the wrong type or value.
    BadOption {
        /// The option's name.
        name: &'static str,
        /// What it must be.
        expected: &'static str,
        /// What it was.
        got: String,
    },
    /// The browser refused something the widget needs.
    Browser(String),
}

impl fmt::Display for MountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ams-errors mount(): ")?;
        match self {
            MountError::NotAnElement => write!(f, "the first argument must be a DOM element"),
            MountError::AlreadyMounted => {
                write!(f, "this element already hosts a widget; call unmount() on its handle first")
            }
            MountError::NoShadowRoot(tag) => {
                write!(f, "a <{tag}> element cannot host the widget; use a <div> or <section>")
            }
            MountError::OptionsNotObject => write!(f, "options must be an object like {{ query, theme, syncHash }}"),
            MountError::UnknownOption(k) => {
                write!(f, "unknown option `{k}`; the options are query, theme and syncHash")
            }
            MountError::BadOption { name, expected, got } => write!(f, "option `{name}` must be {expected}, got {got}"),
            MountError::Browser(what) => write!(f, "the browser refused: {what}"),
        }
    }
}

impl std::error::Error for MountError {}

/// The options of `mount()`, as read from JS.
#[derive(Debug, Default, PartialEq)]
pub struct MountOptions {
    /// Initial query.
    pub query: Option<String>,
    /// Colour theme.
    pub theme: Option<Theme>,
    /// Keep the host URL's hash in step (default false).
    pub sync_hash: Option<bool>,
}

fn describe(v: &JsValue) -> String {
    // JS's own spelling (JSON.stringify), not Rust float formatting, which would cost the wasm ~20 KB.
    if v.is_object() || v.is_function() || v.is_undefined() || v.is_symbol() || v.is_bigint() {
        let kind =
            if js_sys::Array::is_array(v) { "array".into() } else { v.js_typeof().as_string().unwrap_or_default() };
        return format!("a value of type {kind}");
    }
    let shown: String =
        js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_default().chars().take(40).collect();
    match v.js_typeof().as_string().as_deref() {
        Some("string") => format!("the string {shown}"),
        Some("number") => format!("the number {shown}"),
        _ => shown,
    }
}

/// `Ok(None)` for an absent option, the value `read` gives, or an error naming the option.
fn field<T>(
    v: JsValue,
    name: &'static str,
    expected: &'static str,
    read: impl FnOnce(&JsValue) -> Option<T>,
) -> Result<Option<T>, MountError> {
    if v.is_undefined() {
        return Ok(None);
    }
    read(&v).map(Some).ok_or_else(|| MountError::BadOption { name, expected, got: describe(&v) })
}

/// Read `mount()` options; `undefined` and `null` mean all defaults.
pub fn read_options(v: &JsValue) -> Result<MountOptions, MountError> {
    let mut o = MountOptions::default();
    if v.is_undefined() || v.is_null() {
        return Ok(o);
    }
    if !v.is_object() || js_sys::Array::is_array(v) || v.is_function() {
        return Err(MountError::OptionsNotObject);
    }
    let obj: &js_sys::Object = v.unchecked_ref();
    for key in js_sys::Object::keys(obj).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
        match name.as_str() {
            "query" => o.query = field(value, "query", "a string", JsValue::as_string)?,
            "theme" => {
                let theme = |v: &JsValue| v.as_string().and_then(|s| Theme::parse(&s));
                o.theme = field(value, "theme", r#"one of "light", "dark", "auto""#, theme)?;
            }
            "syncHash" => o.sync_hash = field(value, "syncHash", "true or false", JsValue::as_bool)?,
            _ => return Err(MountError::UnknownOption(name)),
        }
    }
    Ok(o)
}

fn sheet() -> Result<web_sys::CssStyleSheet, MountError> {
    SHEET.with(|s| {
        if let Some(sheet) = s.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet =
            web_sys::CssStyleSheet::new().map_err(|_| MountError::Browser("constructable stylesheets".into()))?;
        sheet.replace_sync(WIDGET_CSS).map_err(|_| MountError::Browser("stylesheet".into()))?;
        *s.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

/// A mounted widget, returned to JS.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    controller: Controller,
    host: web_sys::Element,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Replace the widget's query, as if the person had typed it.
    #[wasm_bindgen(js_name = setQuery)]
    pub fn set_query(&self, text: JsValue) -> Result<(), JsError> {
        let Some(text) = text.as_string() else {
            return Err(JsError::new(&format!("ams-errors setQuery(): expected a string, got {}", describe(&text))));
        };
        if self.app.is_none() || !self.controller.set_query(text) {
            return Err(JsError::new("ams-errors setQuery(): the widget is unmounted"));
        }
        Ok(())
    }

    /// Remove the widget and everything it added to its element. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some(root) = self.host.shadow_root() {
            while let Some(child) = root.first_child() {
                let _ = root.remove_child(&child);
            }
            let _ = js_sys::Reflect::set(&root, &"adoptedStyleSheets".into(), &js_sys::Array::new());
        }
        let _ = self.host.remove_attribute("data-ams-errors-mounted");
    }
}

fn start(host: web_sys::Element, props: AppProps) -> Result<WidgetHandle, MountError> {
    if host.has_attribute("data-ams-errors-mounted") {
        return Err(MountError::AlreadyMounted);
    }
    let root = match host.shadow_root() {
        Some(r) => r,
        None => host
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| MountError::NoShadowRoot(host.tag_name().to_ascii_lowercase()))?,
    };
    let sheets = js_sys::Array::of1(&sheet()?.into());
    js_sys::Reflect::set(&root, &"adoptedStyleSheets".into(), &sheets)
        .map_err(|_| MountError::Browser("adoptedStyleSheets".into()))?;
    let doc = host.owner_document().ok_or_else(|| MountError::Browser("document".into()))?;
    let container = doc.create_element("div").map_err(|_| MountError::Browser("createElement".into()))?;
    let _ = container.set_attribute("class", "ams-errors-host");
    root.append_child(&container).map_err(|_| MountError::Browser("appendChild".into()))?;
    let _ = host.set_attribute("data-ams-errors-mounted", "");
    let controller = props.controller.clone();
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    Ok(WidgetHandle { app: Some(app), controller, host })
}

/// Mount a widget in `element`. `options`: `{ query?: string, theme?: "light"|"dark"|"auto",
/// syncHash?: boolean }`, `undefined` for all defaults. `page_url` is the standalone page's URL
/// (embed.js knows it), for share links and the pages per code. Throws an `Error` naming the bad
/// option; never panics.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue, page_url: Option<String>) -> Result<WidgetHandle, JsError> {
    let run = || {
        let host: web_sys::Element = element.dyn_into().map_err(|_| MountError::NotAnElement)?;
        let o = read_options(&options)?;
        let props = AppProps {
            query: o.query.unwrap_or_default().into(),
            theme: o.theme.unwrap_or_default(),
            sync_hash: o.sync_hash.unwrap_or(false),
            mode: Mode::Widget,
            page_url: page_url.map(Into::into),
            controller: Controller::default(),
        };
        start(host, props)
    };
    run().map_err(|e| JsError::new(&e.to_string()))
}

/// Mount the standalone page's widget (hash-synced; `?embed=1` gives the bare frame mode);
/// `page_url` is the page's own URL, for the links to the pages per code; `query`, what was typed
/// into the page's plain box before the wasm came (a `#code=` deep link wins over it).
#[wasm_bindgen(js_name = mountPage)]
pub fn mount_page(element: JsValue, page_url: Option<String>, query: Option<String>) -> Result<WidgetHandle, JsError> {
    let run = || {
        let host: web_sys::Element = element.dyn_into().map_err(|_| MountError::NotAnElement)?;
        let framed = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|s| s.trim_start_matches('?').split('&').any(|kv| kv == "embed=1" || kv == "embed"));
        if framed {
            if let Some(root) = host.owner_document().and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-embed", "1");
            }
        }
        let props = AppProps {
            sync_hash: true,
            mode: if framed { Mode::Frame } else { Mode::Page },
            // Only for the links to the pages per code: a hash-synced widget shares its own URL.
            page_url: page_url.map(Into::into),
            query: query.unwrap_or_default().into(),
            ..AppProps::default()
        };
        start(host, props)
    };
    run().map_err(|e| JsError::new(&e.to_string()))
}
