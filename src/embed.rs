//! Every `#[wasm_bindgen]` item: `mount(element, options)` for host pages, `mountPage` for the
//! standalone page (and its `?embed=1` frame mode), and the `WidgetHandle` they return. Each
//! widget renders into an open shadow root of its element, styled by one constructed
//! stylesheet shared by all widgets, so host CSS and widget CSS cannot touch each other.
//! JS values cross into Rust through serde-wasm-bindgen (options, `setQuery`'s text); a bad
//! option gets serde's error, which names the option and what it must be. Errors become JS
//! exceptions here and nowhere else.

use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::Unexpected;

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
    /// An option of the wrong type or value: serde's message, which names it.
    Options(String),
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
            MountError::Options(why) => f.write_str(why),
            MountError::Browser(what) => write!(f, "the browser refused: {what}"),
        }
    }
}

impl std::error::Error for MountError {}

/// The options of `mount()`, read from JS with serde-wasm-bindgen (see `read_options`); each
/// field's error names the option and what it must be.
#[derive(Debug, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountOptions {
    /// Initial query.
    #[serde(default, deserialize_with = "query")]
    pub query: Option<String>,
    /// Colour theme.
    #[serde(default, deserialize_with = "theme")]
    pub theme: Option<Theme>,
    /// Keep the host URL's hash in step (default false).
    #[serde(default, deserialize_with = "sync_hash")]
    pub sync_hash: Option<bool>,
}

/// One option's value, as its visitor: `undefined` or `null` is `None`; the `&str` is what its
/// errors say it expected.
struct Opt<T>(&'static str, PhantomData<T>);

/// An option's type: which value it asks the deserializer for, and how it reads what comes.
trait OptionValue: Sized {
    fn ask<'de, D: serde::Deserializer<'de>>(d: D, v: Opt<Self>) -> Result<Option<Self>, D::Error>;
    fn from_str(_: &str) -> Option<Self> {
        None
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
}

impl OptionValue for String {
    fn ask<'de, D: serde::Deserializer<'de>>(d: D, v: Opt<Self>) -> Result<Option<Self>, D::Error> {
        d.deserialize_string(v)
    }
    fn from_str(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
}

impl OptionValue for Theme {
    fn ask<'de, D: serde::Deserializer<'de>>(d: D, v: Opt<Self>) -> Result<Option<Self>, D::Error> {
        d.deserialize_str(v)
    }
    fn from_str(s: &str) -> Option<Self> {
        Theme::parse(s)
    }
}

impl OptionValue for bool {
    fn ask<'de, D: serde::Deserializer<'de>>(d: D, v: Opt<Self>) -> Result<Option<Self>, D::Error> {
        d.deserialize_bool(v)
    }
    fn from_bool(b: bool) -> Option<Self> {
        Some(b)
    }
}

impl<'de, T: OptionValue> serde::de::Visitor<'de> for Opt<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        T::ask(d, self)
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        T::from_str(s).map(Some).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Self::Value, E> {
        T::from_bool(b).map(Some).ok_or_else(|| E::invalid_type(Unexpected::Bool(b), &self))
    }
}

fn opt<'de, D: serde::Deserializer<'de>, T: OptionValue>(d: D, expected: &'static str) -> Result<Option<T>, D::Error> {
    d.deserialize_option(Opt(expected, PhantomData))
}

fn query<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt(d, "option `query` to be a string")
}

fn theme<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Theme>, D::Error> {
    opt(d, r#"option `theme` to be one of "light", "dark", "auto""#)
}

fn sync_hash<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    opt(d, "option `syncHash` to be true or false")
}

/// The option names, as JS spells them.
const OPTIONS: [&str; 3] = ["query", "theme", "syncHash"];

/// Read `mount()` options; `undefined` and `null` mean all defaults. The values go through
/// serde-wasm-bindgen; the keys are checked first, as it reads a struct's fields by name and so
/// never sees an unknown one (reading the object as a map instead costs 2 KB of wasm and glue).
pub fn read_options(v: JsValue) -> Result<MountOptions, MountError> {
    if v.is_undefined() || v.is_null() {
        return Ok(MountOptions::default());
    }
    if !v.is_object() || v.is_function() || js_sys::Array::is_array(&v) {
        return Err(MountError::OptionsNotObject);
    }
    let obj: &js_sys::Object = v.unchecked_ref();
    let keys = js_sys::Object::keys(obj);
    if let Some(k) = keys.iter().filter_map(|k| k.as_string()).find(|k| !OPTIONS.contains(&k.as_str())) {
        return Err(MountError::UnknownOption(k));
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| MountError::Options(message(e)))
}

/// The message of serde-wasm-bindgen's error (a JS `Error`), without the "Error: " of its `Display`.
fn message(e: serde_wasm_bindgen::Error) -> String {
    JsValue::from(e).dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
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
        let text: String = serde_wasm_bindgen::from_value(text)
            .map_err(|e| JsError::new(&format!("ams-errors setQuery(): {}", message(e))))?;
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
        let o = read_options(options)?;
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
