//! Main text of HTML pages: the article without navigation, share bars,
//! related links, cookie and paywall notices; then its reader comments.
//!
//! The page is tokenized and built into an arena tree ([`dom`]), every
//! element gets text statistics and class/id cues ([`content`], [`cues`]),
//! the best-scoring container is chosen, and the chosen parts are rendered
//! into labelled blocks ([`render`]): headline (Title), headings,
//! paragraphs, list items, quotes, captions, social embeds (tweets,
//! Instagram posts: kept where they appear, as a separate source), then
//! reader comments after `main_end`. Metadata comes from the head, JSON-LD,
//! the URL and datelines ([`metadata`]).
//!
//! Nothing here panics on content or recurses on the tree: a 100 000-deep
//! page costs no stack, and time is linear in the page size.
//!
//! ```
//! let page = r#"<html lang="en"><body><nav><a href="/">Home</a></nav>
//!   <article><h1>Strike on Ganja</h1><p>A missile hit a residential area overnight, officials said.</p></article>
//!   </body></html>"#;
//! let extracted = warlog_text::html::extract(page, Some("https://example.com/2020/10/17/ganja"));
//! assert_eq!(extracted.text, "Strike on Ganja\n\nA missile hit a residential area overnight, officials said.");
//! assert_eq!(extracted.meta.published.map(|d| d.to_string()).as_deref(), Some("2020-10-17"));
//! ```

mod content;
mod cues;
mod dom;
mod entity;
mod jsonld;
mod metadata;
mod render;
mod tokenizer;

use warlog_model::Span;

use crate::{Block, BlockKind, Extracted};
use content::Stats;
use dom::{Dom, NodeId, Tag};
use render::{Mode, RawBlock, Renderer};

/// The article text, blocks and metadata of an HTML page. `url` is where
/// the page came from, when known (for dates in URLs and the outlet).
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let dom = Dom::parse(html);
    let stats = Stats::compute(&dom);
    let excluded = content::excluded_subtrees(&dom, &stats);
    let json_ld = jsonld::parse(&dom.info.json_ld);
    let roots = content::choose(&dom, &stats, &excluded, json_ld.article_body.as_deref());
    let sections = comment_sections(&dom, &stats, &excluded, &roots);
    let in_section = |n: NodeId| sections.iter().any(|&(start, end)| start <= n && n < end);

    let mut main = Renderer::new(&dom, &stats, Mode::Main);
    for &root in &roots {
        main.render(root, &|n| in_section(n));
    }
    let mut blocks = filter_main(main.finish());

    // The headline: the first h1 of the article, else of the page, else the
    // page's declared title.
    let title_at = blocks.iter().position(|b| b.kind == BlockKind::Title);
    let headline = match title_at {
        Some(i) => Some(blocks.remove(i).text),
        None => page_h1(&dom, &excluded).or_else(|| json_ld.headline.clone()).or_else(|| dom.info.title.clone()),
    };
    for b in &mut blocks {
        if b.kind == BlockKind::Title {
            b.kind = BlockKind::Heading;
        }
    }
    if let Some(h) = &headline {
        let k = content::key(h);
        blocks.retain(|b| !content::same_key(&b.text, &k));
    }

    let mut comments = Renderer::new(&dom, &stats, Mode::Comments);
    for &(start, _) in &sections {
        comments.render(start, &|_| false);
    }
    let comments = merge_comments(comments.finish());

    let mut out = Output::default();
    if let Some(h) = &headline {
        out.push(h, BlockKind::Title);
    }
    for b in &blocks {
        out.push(&b.text, b.kind);
    }
    let main_end = out.text.len();
    for c in &comments {
        out.push(c, BlockKind::Comment);
    }

    let meta = metadata::build(&metadata::Sources {
        info: &dom.info,
        json_ld: &json_ld,
        url,
        headline: headline.as_deref(),
        page_text: &dom.text,
        main_text: &out.text[..main_end],
    });
    Extracted { text: out.text, main_end, blocks: out.blocks, meta }
}

/// Text and block spans being assembled.
#[derive(Default)]
struct Output {
    text: String,
    blocks: Vec<Block>,
}

impl Output {
    fn push(&mut self, text: &str, kind: BlockKind) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.blocks.push(Block { span: Span::new(start, self.text.len()), kind });
    }
}

/// Drops link lists and furniture lines left inside the article.
fn filter_main(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    blocks
        .into_iter()
        .filter(|b| match b.kind {
            BlockKind::Social => true,
            BlockKind::Title => !cues::is_furniture(&b.text),
            _ => {
                let dense = b.chars > 0 && b.link_chars as f32 / b.chars as f32 > 0.5;
                !dense && !cues::is_furniture(&b.text)
            }
        })
        .collect()
}

/// One text per reader comment: blocks of the same comment item joined,
/// link lines and furniture ("Reply", "Signaler") dropped.
fn merge_comments(blocks: Vec<RawBlock>) -> Vec<String> {
    let mut out: Vec<(NodeId, String)> = Vec::new();
    for b in blocks {
        let dense = b.chars > 0 && b.link_chars as f32 / b.chars as f32 > 0.5;
        if dense || cues::is_furniture(&b.text) || b.kind != BlockKind::Comment {
            continue;
        }
        match out.last_mut() {
            Some((item, text)) if *item == b.item => {
                text.push(' ');
                text.push_str(&b.text);
            }
            _ => out.push((b.item, b.text)),
        }
    }
    out.into_iter().map(|(_, t)| t).filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 2).collect()
}

/// Outermost comment sections of the page as node ranges, outside the
/// article containers' own ancestors.
fn comment_sections(dom: &Dom, stats: &Stats, excluded: &[bool], roots: &[NodeId]) -> Vec<(NodeId, NodeId)> {
    let mut out = Vec::new();
    let mut i: NodeId = 1;
    let n = dom.nodes.len() as NodeId;
    while i < n {
        let ii = i as usize;
        let h = stats.hints[ii];
        if dom.tag(i).is_some() && h.comment && !h.content && !excluded[ii] && stats.text[ii] > 0 {
            let end = dom.subtree_end(i);
            let holds_article = roots.iter().any(|&r| i <= r && r < end);
            if !holds_article {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Text of the page's first visible `h1`.
fn page_h1(dom: &Dom, excluded: &[bool]) -> Option<String> {
    (1..dom.nodes.len() as NodeId)
        .filter(|&i| dom.tag(i) == Some(Tag::H1) && !excluded[i as usize])
        .map(|i| dom.collapsed_text(i))
        .find(|t| !t.is_empty() && t.chars().count() <= 300)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_text_only_pages() {
        let e = extract("", None);
        assert_eq!((e.text.as_str(), e.main_end, e.blocks.len()), ("", 0, 0));
        let e = extract("just some words, with no markup at all, long enough to count as a paragraph", None);
        assert!(e.text.starts_with("just some words"));
    }
}
