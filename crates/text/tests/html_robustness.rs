//! HTML extraction never panics and keeps its span invariants, on random
//! and malformed markup, 100 000-deep nesting and a 20 MB page.

use proptest::prelude::*;
use warlog_text::{Extracted, html};

/// Every block lies within the text on char boundaries, blocks are ordered
/// and do not overlap, and `main_end` is within the text.
fn check(e: &Extracted) {
    assert!(e.main_end <= e.text.len());
    assert!(e.text.is_char_boundary(e.main_end));
    let mut last_end = 0;
    for b in &e.blocks {
        assert!(b.span.start >= last_end, "blocks ordered and apart: {:?}", e.blocks);
        assert!(b.span.end <= e.text.len());
        assert!(e.text.is_char_boundary(b.span.start) && e.text.is_char_boundary(b.span.end));
        assert!(!b.span.is_empty());
        assert!(b.span.end <= e.main_end || b.span.start >= e.main_end, "no block straddles main_end");
        last_end = b.span.end;
    }
}

/// Fragments that make markup interesting: unclosed and misnested tags,
/// raw-text elements, comments, entities, embeds, comment sections.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"article-body\">".to_string()),
        Just("<div class='comments'>".to_string()),
        Just("</div>".to_string()),
        Just("<li>".to_string()),
        Just("<ul>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<blockquote class=\"twitter-tweet\">".to_string()),
        Just("<figure><figcaption>".to_string()),
        Just("<a href=\"/x\">".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<h1>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<style>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<template>".to_string()),
        Just("<svg/>".to_string()),
        Just("&eacute;&#x2019;&#0;&amp".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("<p class=\"a".to_string()),
        Just("<meta property=\"og:title\" content=\"T\">".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\"}</script>".to_string()
        ),
        "[a-zA-Zéə ,.]{0,40}",
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_markup_never_panics(parts in proptest::collection::vec(fragment(), 0..60)) {
        let page = parts.concat();
        check(&html::extract(&page, Some("https://example.com/2020/10/28/x")));
    }

    #[test]
    fn arbitrary_strings_never_panic(page in "\\PC{0,300}") {
        check(&html::extract(&page, None));
    }
}

#[test]
fn hundred_thousand_deep_nesting() {
    let depth = 100_000;
    let mut page = String::with_capacity(depth * 12);
    for _ in 0..depth {
        page.push_str("<div><span>");
    }
    page.push_str("Deep text that is long enough to be a paragraph of the article.");
    let e = html::extract(&page, None);
    check(&e);
    assert!(e.text.contains("Deep text"));
    // Unclosed and closed deep nesting of different kinds.
    let closed = "<blockquote>".repeat(depth) + "x" + &"</blockquote>".repeat(depth);
    check(&html::extract(&closed, None));
    let lists = "<ul><li>".repeat(depth / 2);
    check(&html::extract(&lists, None));
}

#[test]
fn twenty_megabyte_page_in_linear_time() {
    // 20 MB in optimised builds (under a second); 4 MB unoptimised, where
    // the linearity check says the same in less time.
    let size = if cfg!(debug_assertions) { 4_000_000 } else { 20_000_000 };
    let chunk = "<div class=\"story\"><p>Shells hit the market, officials said, and <a href=\"/x\">a link</a> \
                 followed.</p><ul><li><a href=\"/r\">Related</a></li></ul><i><b>unclosed";
    let small: String = chunk.repeat(2_000);
    let big: String = chunk.repeat(size / chunk.len());
    let start = std::time::Instant::now();
    check(&html::extract(&small, None));
    let small_time = start.elapsed();
    let start = std::time::Instant::now();
    let e = html::extract(&big, None);
    let big_time = start.elapsed();
    check(&e);
    let ratio = big.len() as f64 / small.len() as f64;
    // Linear with generous slack for allocation and cache effects.
    assert!(
        big_time.as_secs_f64() < small_time.as_secs_f64() * ratio * 4.0 + 1.0,
        "{} bytes in {big_time:?} vs {} bytes in {small_time:?}",
        big.len(),
        small.len()
    );
}
