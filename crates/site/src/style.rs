//! The pages' one stylesheet (`codes/codes.css`): the widget's own styles (`styles/widget.css`,
//! all under `.ams-errors`, light and dark), the standalone page's chrome (`styles/page.css`,
//! its colours following `<html data-theme>`) and the pages' own rules and print rules
//! (`crates/site/styles/pages.css`), in that order, comments and indentation dropped.

/// The widget's styles, as its shadow root gets them.
const WIDGET: &str = include_str!("../../../styles/widget.css");
/// The standalone page's header and footer.
const PAGE: &str = include_str!("../../../styles/page.css");
/// The pages' additions: navigation, headings, the index's lists, print.
const PAGES: &str = include_str!("../styles/pages.css");

/// `css` without `/* */` comments, blank lines and indentation. The sources hold no `/*`
/// inside a string, so a plain scan is enough.
fn compact(css: &str) -> String {
    let mut bare = String::with_capacity(css.len());
    let mut rest = css;
    while let Some((before, after)) = rest.split_once("/*") {
        bare.push_str(before);
        rest = after.split_once("*/").map_or("", |(_, tail)| tail);
    }
    bare.push_str(rest);
    let lines: Vec<&str> = bare.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\n") + "\n"
}

/// The stylesheet's text.
pub fn stylesheet() -> String {
    [WIDGET, PAGE, PAGES].iter().map(|css| compact(css)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_rules_stay() {
        assert_eq!(compact("/* a */\n.x {\n  color: red; /* b\n c */\n}\n\n"), ".x {\ncolor: red;\n}\n");
        assert_eq!(compact("a{}/* unclosed"), "a{}\n");
    }
}
