//! Thin, failure-tolerant wrappers over the browser APIs the widget uses: the URL hash and
//! history, the clipboard, the parent frame. Every function returns `Option`/`bool` and a
//! missing or refusing API means "skip that feature". Only called from effects and callbacks.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// The browser's TextEncoder, bound to take a JS string as it is.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// Writes UTF-8 into `dest`; returns `{ read, written }`.
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, text: &js_sys::JsString, dest: &js_sys::Uint8Array) -> js_sys::Object;
}

fn field(o: &js_sys::Object, name: &str) -> usize {
    js_sys::Reflect::get(o, &name.into()).ok().and_then(|v| v.as_f64()).map_or(0, |n| n as usize)
}

/// A view of `buf[from..]` in the wasm memory, for the browser to write into.
fn view(buf: &mut [u8], from: usize) -> Option<js_sys::Uint8Array> {
    let tail = buf.get_mut(from..)?;
    let memory = wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().ok()?;
    Some(js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), tail.as_ptr() as u32, tail.len() as u32))
}

/// The text of a text box. For a multi-megabyte paste, `TextEncoder.encodeInto` straight into
/// the wasm memory is several times faster than the default string hand-over, which copies an
/// ASCII text a character at a time in JS (2 MB: ~2 ms against ~9 ms in Chromium).
pub fn value_of(el: &web_sys::HtmlTextAreaElement) -> String {
    let Ok(value) = js_sys::Reflect::get(el, &"value".into()) else { return String::new() };
    let Some(js) = value.dyn_ref::<js_sys::JsString>() else { return String::new() };
    let units = js.length() as usize;
    if units < 4096 {
        return el.value();
    }
    let encoder = Utf8Encoder::new();
    // ASCII fills one byte per UTF-16 unit; anything else is at most three.
    let mut buf = vec![0u8; units + 16];
    let Some(dest) = view(&mut buf, 0) else { return el.value() };
    let done = encoder.encode_into(js, &dest);
    let (read, mut written) = (field(&done, "read"), field(&done, "written"));
    if read < units {
        buf.resize(written + (units - read) * 3, 0);
        let rest = js.slice(read as u32, units as u32);
        let Some(dest) = view(&mut buf, written) else { return el.value() };
        written += field(&encoder.encode_into(&rest, &dest), "written");
    }
    buf.truncate(written);
    // `encodeInto` writes UTF-8 (a lone surrogate as U+FFFD), so this is never the slow path.
    String::from_utf8(buf).unwrap_or_else(|_| el.value())
}

/// The `#code=` value of a hash (`#code=415&x=1` gives `415`), percent-decoded.
pub fn code_from_hash(hash: &str) -> Option<String> {
    let raw = hash.trim_start_matches('#').split('&').find_map(|kv| kv.strip_prefix("code="))?;
    let decoded = percent_decode(raw);
    let decoded = decoded.trim();
    (!decoded.is_empty()).then(|| decoded.to_string())
}

/// Percent-decoding that never fails: a malformed escape leaves the text as it is.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    js_sys::decode_uri_component(s).ok().and_then(|d| d.as_string()).unwrap_or_else(|| s.to_string())
}

/// The hash for a list of codes: `#code=A,B`, or empty for none. Codes are names, statuses and
/// hex: anything else is percent-encoded.
pub fn hash_for(codes: &str) -> String {
    if codes.is_empty() {
        return String::new();
    }
    let mut out = String::from("#code=");
    for c in codes.bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b',') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current `location.hash`.
pub fn current_hash() -> Option<String> {
    window()?.location().hash().ok()
}

/// The page URL without its hash.
pub fn url_without_hash() -> Option<String> {
    let href = window()?.location().href().ok()?;
    Some(href.split('#').next().unwrap_or_default().to_string())
}

/// Replace the hash without a history entry (no `hashchange`). Does nothing if it is current.
pub fn replace_hash(hash: &str) -> bool {
    if current_hash().as_deref() == Some(hash) {
        return true;
    }
    let (Some(w), Some(base)) = (window(), url_without_hash()) else { return false };
    let Ok(history) = w.history() else { return false };
    history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{base}{hash}"))).is_ok()
}

/// Add a history entry for this hash, so back and forward move between opened codes.
pub fn push_hash(hash: &str) -> bool {
    if current_hash().as_deref() == Some(hash) {
        return true;
    }
    let (Some(w), Some(base)) = (window(), url_without_hash()) else { return false };
    let Ok(history) = w.history() else { return false };
    history.push_state_with_url(&JsValue::NULL, "", Some(&format!("{base}{hash}"))).is_ok()
}

/// Copy text to the clipboard; `false` when the browser has no clipboard or refuses.
pub async fn copy(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    if JsValue::from(clipboard.clone()).is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Save `blob` as a download named `name`; `false` when the browser refuses. The object URL is
/// revoked a minute later (the download has started by then).
pub fn download(blob: &web_sys::Blob, name: &str) -> bool {
    let Some(document) = window().and_then(|w| w.document()) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return false };
    let Some(a) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    gloo::timers::callback::Timeout::new(60_000, move || drop(web_sys::Url::revoke_object_url(&url))).forget();
    true
}

/// The text of a text box as a file named `name`, without copying it into the wasm.
pub fn as_file(el: &web_sys::HtmlTextAreaElement, name: &str) -> Option<web_sys::File> {
    let value = js_sys::Reflect::get(el, &"value".into()).ok()?;
    web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&value), name).ok()
}

/// Whether what is dragged holds files (not text).
pub fn drags_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0))
}

/// Post the widget's height to the parent frame, when framed: `{ type: "ams-errors:resize", height }`.
pub fn post_height(height: f64) {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let msg = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&msg, &k.into(), &v).is_ok();
    if set("type", "ams-errors:resize".into()) && set("height", height.ceil().into()) {
        let _ = parent.post_message(&msg, "*");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trip() {
        assert_eq!(code_from_hash("#code=415"), Some("415".into()));
        assert_eq!(code_from_hash("#x=1&code=MPE_A,MPE_B"), Some("MPE_A,MPE_B".into()));
        assert_eq!(code_from_hash("#code="), None);
        assert_eq!(code_from_hash("#other"), None);
        assert_eq!(hash_for("MPE_A,0x8088024C"), "#code=MPE_A,0x8088024C");
        assert_eq!(hash_for("a b"), "#code=a%20b");
    }
}
