//! Browser tests in headless Chromium (wasm-bindgen-test): what a person relies on — a deep link
//! on load, typing keeping the hash current without history entries, opening a code from the
//! catalog as a history entry, share, and the embedded widget's options and handle.
#![cfg(target_arch = "wasm32")]

use ams_errors::embed::{mount, mount_page, WidgetHandle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn document() -> web_sys::Document {
    window().document().unwrap()
}

fn host() -> web_sys::Element {
    let el = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn set_hash(hash: &str) {
    let loc = window().location();
    let base = loc.href().unwrap().split('#').next().unwrap().to_string();
    window().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{base}{hash}"))).unwrap();
}

fn hash() -> String {
    window().location().hash().unwrap()
}

fn history_len() -> u32 {
    window().history().unwrap().length().unwrap()
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

async fn settle() {
    yew::scheduler::flush().await;
    sleep(20).await;
    yew::scheduler::flush().await;
}

fn find(host: &web_sys::Element, sel: &str) -> Option<web_sys::Element> {
    host.shadow_root().unwrap().query_selector(sel).unwrap()
}

fn findings(host: &web_sys::Element) -> Vec<(String, String)> {
    let list = host.shadow_root().unwrap().query_selector_all("[data-testid=\"finding\"]").unwrap();
    (0..list.length())
        .map(|i| {
            let e: web_sys::Element = list.item(i).unwrap().dyn_into().unwrap();
            (e.get_attribute("data-kind").unwrap(), e.get_attribute("data-code").unwrap())
        })
        .collect()
}

fn textarea(host: &web_sys::Element) -> web_sys::HtmlTextAreaElement {
    find(host, "[data-testid=\"query\"]").unwrap().dyn_into().unwrap()
}

async fn type_text(host: &web_sys::Element, text: &str) {
    let t = textarea(host);
    t.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    t.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init.unchecked_into()).unwrap()).unwrap();
    settle().await;
}

fn click(el: &web_sys::Element) {
    el.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn error_message(r: Result<WidgetHandle, wasm_bindgen::JsError>) -> String {
    let Err(e) = r else { panic!("expected an error") };
    JsValue::from(e).unchecked_into::<js_sys::Error>().message().into()
}

fn done(mut h: WidgetHandle, el: web_sys::Element) {
    h.unmount();
    el.remove();
    set_hash("");
}

#[wasm_bindgen_test]
async fn deep_link_on_load_shows_the_code_and_keeps_the_link() {
    set_hash("#code=0x8088024c");
    let el = host();
    let h = mount_page(el.clone().into(), None, None).unwrap();
    settle().await;
    assert_eq!(findings(&el), vec![("origin".into(), "MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL".into())]);
    assert_eq!(textarea(&el).value(), "0x8088024c", "the box shows what the link asked");
    assert_eq!(hash(), "#code=0x8088024c", "a deep link is not rewritten on load");
    done(h, el);
}

#[wasm_bindgen_test]
async fn typing_keeps_the_hash_current_with_codes_only_and_no_history_entries() {
    set_hash("");
    let el = host();
    let h = mount_page(el.clone().into(), None, None).unwrap();
    settle().await;
    let before = history_len();
    type_text(&el, "MPE_STORAGE_SERVER").await;
    assert!(findings(&el).is_empty());
    type_text(&el, "MPE_STORAGE_SERVER_BUSY").await;
    assert_eq!(hash(), "#code=MPE_STORAGE_SERVER_BUSY");
    let paste = "GET /a.ism/manifest?sig=SECRETSIG HTTP/1.1\nAuthorization: Bearer SECRETTOKEN\n\nHTTP/1.1 403 Forbidden\n\n<serverError><status>403</status><hresult>MPE_ENC_ENCRYPTION_REQUIRED</hresult></serverError>";
    type_text(&el, paste).await;
    let h2 = hash();
    assert!(h2.starts_with("#code=MPE_ENC_ENCRYPTION_REQUIRED"), "{h2}");
    assert!(!h2.contains("SECRET") && !h2.contains("Bearer"), "{h2}");
    let shown = el.shadow_root().unwrap().text_content().unwrap_or_default();
    assert!(!shown.contains("SECRETSIG") && !shown.contains("SECRETTOKEN"), "secrets masked in the view");
    type_text(&el, "").await;
    assert_eq!(hash(), "");
    assert_eq!(history_len(), before, "typing adds no history entries");
    done(h, el);
}

#[wasm_bindgen_test]
async fn opening_a_code_from_an_example_is_a_history_entry_back_returns() {
    set_hash("");
    let el = host();
    let h = mount_page(el.clone().into(), None, None).unwrap();
    settle().await;
    let before = history_len();
    let link = find(&el, ".ams-errors__examples a[href=\"#code=MPE_ENC_ENCRYPTION_REQUIRED\"]").expect("an example");
    click(&link);
    settle().await;
    assert_eq!(findings(&el), vec![("origin".into(), "MPE_ENC_ENCRYPTION_REQUIRED".into())]);
    assert_eq!(textarea(&el).value(), "MPE_ENC_ENCRYPTION_REQUIRED");
    assert_eq!(hash(), "#code=MPE_ENC_ENCRYPTION_REQUIRED");
    assert_eq!(history_len(), before + 1);
    window().history().unwrap().back().unwrap();
    sleep(150).await;
    settle().await;
    assert_eq!(textarea(&el).value(), "", "back returns to before the code was opened");
    assert!(findings(&el).is_empty());
    done(h, el);
}

#[wasm_bindgen_test]
async fn share_copies_the_link_or_shows_it_to_copy() {
    set_hash("");
    let el = host();
    let h = mount_page(el.clone().into(), None, None).unwrap();
    settle().await;
    let share = find(&el, "[data-testid=\"share\"]").unwrap();
    assert!(share.has_attribute("disabled"), "nothing to share yet");
    type_text(&el, "415").await;
    click(&share);
    sleep(300).await;
    settle().await;
    let status = find(&el, ".ams-errors__share-status").unwrap().text_content().unwrap_or_default();
    let manual = find(&el, "#ams-errors-share-link").map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().value());
    match manual {
        Some(link) => assert!(link.ends_with("#code=415"), "{link}"),
        None => assert!(status.contains("copied"), "{status}"),
    }
    done(h, el);
}

#[wasm_bindgen_test]
async fn embedded_widget_follows_options_and_handle_and_leaves_the_hash_alone() {
    set_hash("#host-anchor");
    let el = host();
    let mut h = mount(el.clone().into(), options(&[("query", "404".into()), ("theme", "dark".into())]), None).unwrap();
    settle().await;
    assert_eq!(findings(&el), vec![("http".into(), "404".into())]);
    assert_eq!(find(&el, ".ams-errors").unwrap().get_attribute("data-theme").as_deref(), Some("dark"));
    type_text(&el, "MPE_STORAGE_CONFLICT").await;
    assert_eq!(findings(&el), vec![("origin".into(), "MPE_STORAGE_CONFLICT".into())]);
    assert_eq!(hash(), "#host-anchor", "no syncHash: the host URL is left alone");
    h.set_query("0x808900F2".into()).unwrap();
    settle().await;
    assert_eq!(findings(&el), vec![("origin".into(), "MPE_STORAGE_FAILURE".into())]);
    let second = host();
    let h2 = mount(second.clone().into(), JsValue::UNDEFINED, None).unwrap();
    settle().await;
    assert!(findings(&second).is_empty(), "widgets are independent");
    h.unmount();
    settle().await;
    assert_eq!(el.shadow_root().unwrap().child_element_count(), 0, "unmount empties the element");
    assert!(h.set_query("415".into()).is_err());
    done(h2, second);
    el.remove();
}

#[wasm_bindgen_test]
fn bad_options_throw_errors_that_name_the_option() {
    let el = host();
    let m = error_message(mount(el.clone().into(), options(&[("theme", 42.into())]), None));
    assert!(m.contains("`theme`") && m.contains("\"light\"") && m.contains("42"), "{m}");
    let m = error_message(mount(el.clone().into(), options(&[("syncHash", "yes".into())]), None));
    assert!(m.contains("`syncHash`") && m.contains("true or false"), "{m}");
    let m = error_message(mount(el.clone().into(), options(&[("bogus", 1.into())]), None));
    assert!(m.contains("`bogus`") && m.contains("query, theme and syncHash"), "{m}");
    let m = error_message(mount(JsValue::from(5), JsValue::UNDEFINED, None));
    assert!(m.contains("DOM element"), "{m}");
    let m = error_message(mount(el.clone().into(), JsValue::from("dark"), None));
    assert!(m.contains("options must be an object"), "{m}");
    el.remove();
}

#[wasm_bindgen_test]
fn large_pastes_reach_rust_intact_whatever_their_characters() {
    let t: web_sys::HtmlTextAreaElement = document().create_element("textarea").unwrap().dyn_into().unwrap();
    for text in [
        "ascii only MPE_STORAGE_FAILURE ".repeat(400),
        format!("{}é🎉 mixed {}", "a".repeat(5000), "ü🎉".repeat(3000)),
        "🎉".repeat(5000),
        format!("{}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}", "x".repeat(4100)),
    ] {
        t.set_value(&text);
        assert_eq!(ams_errors::ui::web::value_of(&t), text);
    }
}

async fn input(host: &web_sys::Element, text: &str, kind: &str) {
    let t = textarea(host);
    t.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_input_type(kind);
    t.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_large_paste_is_read_at_once_and_typing_in_it_once_per_pause() {
    set_hash("");
    let el = host();
    let h = mount_page(el.clone().into(), None, None).unwrap();
    settle().await;
    let big = format!("{}\nx-ms-error-code: MPE_STORAGE_FAILURE\n", "log line without codes\n".repeat(14_000));
    input(&el, &big, "insertFromPaste").await;
    assert_eq!(
        findings(&el).first(),
        Some(&("origin".into(), "MPE_STORAGE_FAILURE".into())),
        "a paste is read at once"
    );
    let typed = format!("{big}MPE_FRAGMENT_NOT_READY");
    let t0 = js_sys::Date::now();
    input(&el, &typed, "insertText").await;
    let took = js_sys::Date::now() - t0;
    assert!(
        !findings(&el).iter().any(|f| f.1 == "MPE_FRAGMENT_NOT_READY"),
        "a keystroke right after waits for a pause ({took} ms)"
    );
    sleep(400).await;
    settle().await;
    assert!(findings(&el).iter().any(|f| f.1 == "MPE_FRAGMENT_NOT_READY"), "read once typing pauses");
    done(h, el);
}

#[wasm_bindgen_test]
fn deep_link_values_are_percent_decoded_and_bad_escapes_kept() {
    use ams_errors::ui::web::code_from_hash;
    assert_eq!(code_from_hash("#x=1&code=MPE_A%2CMPE_B").as_deref(), Some("MPE_A,MPE_B"));
    assert_eq!(code_from_hash("#code=%E2%9C%93").as_deref(), Some("\u{2713}"));
    assert_eq!(code_from_hash("#code=%zz%4").as_deref(), Some("%zz%4"));
}

#[wasm_bindgen_test]
async fn switching_the_theme_over_an_8_mb_paste_leaves_the_cards_alone() {
    use ams_errors::ui::components::cards_rendered;
    let el = host();
    // Not laid out: Chromium alone spends seconds laying out a textarea holding 8 MB.
    el.set_attribute("style", "display: none").unwrap();
    let h = mount(el.clone().into(), JsValue::UNDEFINED, None).unwrap();
    settle().await;
    let line = "2024-05-01T10:00:00Z GET /video.ism/QualityLevels(800000)/Fragments(video=0) 200 OK\n";
    let big = format!(
        "{}x-ms-error-code: MPE_STORAGE_FAILURE\n{}HTTP/1.1 412 Precondition Failed\n",
        line.repeat(4_000_000 / line.len()),
        line.repeat(4_000_000 / line.len())
    );
    input(&el, &big, "insertFromPaste").await;
    let shown = findings(&el);
    assert!(shown.iter().any(|f| f.1 == "MPE_STORAGE_FAILURE") && shown.len() >= 2, "{shown:?}");
    // Mark the first card and an excerpt as DOM objects: a card drawn anew would lose the marks.
    let card = find(&el, "[data-testid=\"finding\"]").unwrap();
    let excerpt = find(&el, ".ams-errors__excerpt").unwrap();
    js_sys::Reflect::set(&card, &"amsMark".into(), &JsValue::TRUE).unwrap();
    js_sys::Reflect::set(&excerpt, &"amsMark".into(), &JsValue::TRUE).unwrap();
    let before = cards_rendered();
    for theme in ["dark", "light", "auto"] {
        let select: web_sys::HtmlSelectElement = find(&el, ".ams-errors__select").unwrap().dyn_into().unwrap();
        select.set_value(theme);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
        settle().await;
        assert_eq!(find(&el, ".ams-errors").unwrap().get_attribute("data-theme").as_deref(), Some(theme));
    }
    assert_eq!(cards_rendered(), before, "switching the theme rendered finding cards again");
    let card_now = find(&el, "[data-testid=\"finding\"]").unwrap();
    let excerpt_now = find(&el, ".ams-errors__excerpt").unwrap();
    assert!(card_now.is_same_node(Some(&card)) && excerpt_now.is_same_node(Some(&excerpt)));
    assert_eq!(js_sys::Reflect::get(&excerpt_now, &"amsMark".into()).unwrap(), JsValue::TRUE);
    // The counter does count: a new text draws the cards again.
    input(&el, "MPE_STORAGE_FAILURE", "insertText").await;
    assert!(cards_rendered() > before, "the card counter never moves");
    done(h, el);
}
