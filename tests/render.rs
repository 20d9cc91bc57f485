//! Native render tests: the widget rendered with Yew's server-side renderer, checked for the
//! INTERFACE.md hooks and attributes, and for pasted markup coming back as inert text.
#![cfg(not(target_arch = "wasm32"))]

use ams_errors::ui::{App, AppProps};
use yew::LocalServerRenderer;

async fn render(query: &str) -> String {
    let props = AppProps { query: query.to_string().into(), ..AppProps::default() };
    LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await
}

/// The opening tags of every finding card, in order.
fn findings(html: &str) -> Vec<&str> {
    html.match_indices("data-testid=\"finding\"")
        .filter_map(|(i, _)| {
            let start = html.get(..i)?.rfind('<')?;
            let end = i + html.get(i..)?.find('>')?;
            html.get(start..=end)
        })
        .collect()
}

#[tokio::test]
async fn empty_widget_has_the_box_share_control_and_no_result() {
    let html = render("").await;
    assert!(html.contains("data-testid=\"query\""));
    assert!(html.contains("<textarea"));
    assert!(html.contains("autocomplete=\"off\""), "no form-state saving on each hash update");
    assert!(html.contains("data-testid=\"share\""));
    assert!(findings(&html).is_empty());
    assert!(!html.contains("data-testid=\"no-match\""));
    assert!(html.contains("aria-live=\"polite\""));
}

#[tokio::test]
async fn a_status_renders_the_bare_status_card() {
    let html = render("415").await;
    let f = findings(&html);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].contains("data-kind=\"http\"")
            && f[0].contains("data-code=\"415\"")
            && f[0].contains("data-status=\"415\"")
    );
    assert!(!f[0].contains("data-hresult"), "a bare status has no HRESULT");
}

#[tokio::test]
async fn an_origin_code_card_carries_every_attribute() {
    let html = render("-2138570210").await;
    let f = findings(&html);
    assert_eq!(f.len(), 1);
    for attr in [
        "data-kind=\"origin\"",
        "data-code=\"MPE_ENC_ENCRYPTION_REQUIRED\"",
        "data-status=\"403\"",
        "data-hresult=\"0x8088021E\"",
    ] {
        assert!(f[0].contains(attr), "{attr} in {}", f[0]);
    }
    assert!(html.contains("2156397086") && html.contains("-2138570210"), "decimal spellings shown");
    assert!(html.contains("Likely causes") && html.contains("What to do"));
    assert!(html.contains("href=\"https://learn.microsoft.com/"), "source link");
}

#[tokio::test]
async fn one_name_with_two_meanings_renders_two_cards_origin_first() {
    let html = render("mpe_bad_url_syntax").await;
    let f = findings(&html);
    assert_eq!(f.len(), 2);
    assert!(f[0].contains("data-kind=\"origin\"") && f[1].contains("data-kind=\"live\""));
}

#[tokio::test]
async fn nothing_recognised_renders_no_match_with_suggestions() {
    let html = render("MPE_ENC_ENCRYPTON_REQUIRED").await;
    assert!(findings(&html).is_empty());
    assert!(html.contains("data-testid=\"no-match\""));
    assert!(html.contains("Did you mean"));
    assert!(html.contains("href=\"#code=MPE_ENC_ENCRYPTION_REQUIRED\""));
}

#[tokio::test]
async fn pasted_markup_is_escaped_text() {
    let paste = "<script>alert('x')</script>\nHTTP/1.1 403 Forbidden\n<img src=x onerror=alert(1)> <hresult>MPE_ENC_ENCRYPTION_REQUIRED</hresult>";
    let html = render(paste).await;
    assert!(!findings(&html).is_empty());
    assert!(!html.contains("<script>alert"), "script tag rendered as markup");
    assert!(!html.contains("<img src=x"), "img tag rendered as markup");
    assert!(html.contains("&lt;"), "markup shown as text");
}

#[tokio::test]
async fn secrets_in_a_paste_are_masked_in_excerpts() {
    let paste = "GET /x.ism/manifest(format=m3u8-cmaf)?sig=SECRETSIG123 HTTP/1.1\nAuthorization: Bearer SECRETTOKEN456\n\nHTTP/1.1 400 Bad Request\nx-ms-error-code: MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL";
    let html = render(paste).await;
    assert!(!findings(&html).is_empty());
    assert!(!html.contains("SECRETSIG123") && !html.contains("SECRETTOKEN456"), "secret shown");
}

#[tokio::test]
async fn a_failing_url_gets_its_corrected_urls_beside_the_card() {
    let text = "GET https://contoso-usea.streaming.media.azure.net/1b8c7b8e-5a55-4c7a-bd8f-6a8e4c2f0e11/v.ism/manifest(format=m3u8-cmaf)?token=AAAA\n\
                <serverError><status>400</status><hresult>MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL</hresult></serverError>";
    let html = render(text).await;
    let fix = html.find("data-testid=\"url-fix\"").expect("a url-fix block");
    let block = &html[fix..];
    assert!(block.contains("manifest(format=m3u8-cmaf,encryption=cbcs-aapl)"));
    assert!(block.contains("manifest(format=m3u8-cmaf,encryption=cenc)"));
    assert!(!block[..block.find("</div>").unwrap()].contains("token="), "query strings stay out");
}

#[tokio::test]
async fn a_management_call_gets_the_status_management_meaning() {
    let text = "Hit ApiErrorException\n\tCode: Conflict\n\tMessage: A streaming locator named 'l1' already exists.";
    let html = render(text).await;
    let f = findings(&html);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("data-code=\"409\""));
    assert!(html.contains("management API"), "the card says whose meaning it gives");
    let meaning = ams_errors::catalog::by_status(409).and_then(|e| e.management()).unwrap();
    assert!(html.contains(meaning), "the card gives 409's management meaning");
    assert!(!html.contains("Codes the streaming endpoint returns with this status"), "no streaming codes list");
}

#[tokio::test]
async fn cards_link_the_page_of_their_code_beside_the_standalone_page() {
    let props = AppProps {
        query: "MPE_ENC_ENCRYPTION_REQUIRED 415".to_string().into(),
        page_url: Some("https://docs.example/help/ams-errors/index.html".into()),
        ..AppProps::default()
    };
    let html = LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await;
    for code in ["MPE_ENC_ENCRYPTION_REQUIRED", "415"] {
        let link = format!("href=\"https://docs.example/help/ams-errors/codes/{code}.html\"");
        assert!(html.contains(&link), "{code}: no {link}");
    }
    assert!(!render("415").await.contains("Page for this code"), "no page link without a known base");
}

#[tokio::test]
async fn several_hits_on_one_line_share_one_excerpt() {
    let html = render(
        "HTTP/1.1 404 Not Found\nx-ms-error-code: MPE_STORAGE_RESOURCE_NOT_FOUND; MPE_STORAGE_RESOURCE_NOT_FOUND",
    )
    .await;
    let card = html.split("data-testid=\"finding\"").nth(1).unwrap_or_default();
    let card = card.split("</article>").next().unwrap_or_default();
    assert_eq!(card.matches("class=\"ams-errors__excerpt\"").count(), 1, "{card}");
    assert_eq!(card.matches("<mark>").count(), 2, "{card}");
}

#[tokio::test]
async fn a_word_reads_as_a_search_every_match_ranked_words_marked() {
    let html = render("encryption").await;
    let n = ams_errors::search::search("encryption").len();
    assert!(n > 7, "{n} matches");
    assert!(html.contains(&format!("{n} codes mention “encryption”")), "{html}");
    assert!(!html.contains("No error recognised"), "a search is not a failure");
    assert_eq!(html.matches("class=\"ams-errors__code-link\"").count(), n, "every match listed");
    assert!(html.contains("<mark>Encryption</mark>") || html.contains("<mark>encryption</mark>"));
    // A near miss keeps its "did you mean".
    let near = render("MPE_ENC_ENCRYPTON_REQUIRED").await;
    assert!(near.contains("Did you mean") && near.contains("MPE_ENC_ENCRYPTION_REQUIRED"));
}

#[tokio::test]
async fn a_full_player_code_renders_its_card_with_the_tech_decoded() {
    let html = render("0x20200194").await;
    let f = findings(&html);
    assert_eq!(f.len(), 1, "{f:?}");
    for attr in ["data-kind=\"player\"", "data-code=\"networkErrHttpUrlNotFound\"", "data-status=\"404\""] {
        assert!(f[0].contains(attr), "{attr} in {}", f[0]);
    }
    assert!(!f[0].contains("data-hresult"), "a player code is no HRESULT");
    assert!(html.contains("Azure Media Player · AzureHtml5JS · code 0x0200194 · HTTP 404"), "the code decoded");
    // The 28-bit code alone names no tech.
    let short = render("0x0200194").await;
    assert!(short.contains("Azure Media Player · code 0x0200194 · HTTP 404") && !short.contains("AzureHtml5JS"));
}

#[tokio::test]
async fn a_retired_code_says_it_is_no_longer_emitted() {
    let retired = ams_errors::catalog::all().iter().find(|e| e.retired).expect("the catalog keeps a retired code");
    let html = render(retired.name).await;
    let card = html.split("data-testid=\"finding\"").nth(1).unwrap_or_default();
    let card = card.split("</article>").next().unwrap_or_default();
    assert!(card.contains("no longer emitted"), "{card}");
    assert!(html.contains("ams-errors__finding--retired"));
    let current = render("MPE_ENC_ENCRYPTION_REQUIRED").await;
    assert!(!current.contains("no longer emitted") && !current.contains("--retired"));
}
