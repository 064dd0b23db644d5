//! Finding the article in the tree: per-element text statistics, scores
//! for text-bearing elements passed up to their ancestors, and the choice
//! of the best container plus the siblings that continue it.
//!
//! The score of a text-bearing element grows with its length and commas
//! and shrinks with its link density; ancestors receive it with a decay
//! over five levels, and their class/id cues (content vs navigation,
//! sharing, comments, ...) weigh on it. JSON-LD `articleBody`, when the page
//! has one, marks the paragraphs that belong to the article.

use std::collections::HashMap;

use super::cues::{self, Hints};
use super::dom::{Dom, HIDDEN, NONE, NodeData, NodeId, Tag};

/// Per-node figures, indexed by [`NodeId`].
pub struct Stats {
    /// Non-space characters of text under the node (excluded parts left out).
    pub text: Vec<u32>,
    /// Of which inside links.
    pub links: Vec<u32>,
    pub commas: Vec<u32>,
    /// Links (`<a>` elements) under the node.
    pub anchors: Vec<u32>,
    /// The node contains block-level elements.
    pub has_block: Vec<bool>,
    pub hints: Vec<Hints>,
    /// The node itself is never text (`nav`, `svg`, hidden, forms controls).
    pub excluded: Vec<bool>,
}

/// Elements that break text into blocks.
pub fn is_block(tag: Tag) -> bool {
    !matches!(tag, Tag::Inline | Tag::A | Tag::Time | Tag::Label | Tag::Other | Tag::Img | Tag::Void | Tag::Br)
}

fn excluded_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Svg
            | Tag::Math
            | Tag::Template
            | Tag::Select
            | Tag::Option
            | Tag::Optgroup
            | Tag::Button
            | Tag::Canvas
            | Tag::Video
            | Tag::Audio
            | Tag::Object
            | Tag::Nav
            | Tag::Input
            | Tag::Dialog
    )
}

impl Stats {
    pub fn compute(dom: &Dom) -> Stats {
        let n = dom.nodes.len();
        let mut stats = Stats {
            text: vec![0; n],
            links: vec![0; n],
            commas: vec![0; n],
            anchors: vec![0; n],
            has_block: vec![false; n],
            hints: vec![Hints::default(); n],
            excluded: vec![false; n],
        };
        let mut memo: HashMap<&str, Hints> = HashMap::new();
        for (i, node) in dom.nodes.iter().enumerate() {
            match &node.data {
                NodeData::Element { tag, hints, flags } => {
                    let h = if hints.is_empty() {
                        Hints::default()
                    } else {
                        *memo.entry(hints).or_insert_with(|| cues::hints(hints))
                    };
                    stats.hints[i] = h;
                    stats.excluded[i] = excluded_tag(*tag) || flags & HIDDEN != 0 || (h.hidden && !h.content);
                }
                NodeData::Text { .. } => {
                    let (mut chars, mut commas) = (0u32, 0u32);
                    for c in dom.node_text(i as NodeId).chars() {
                        chars += u32::from(!c.is_whitespace());
                        commas += u32::from(c == ',' || c == '،' || c == '，');
                    }
                    stats.text[i] = chars;
                    stats.commas[i] = commas;
                }
            }
        }
        // Children come after their parent in the arena: one backward pass
        // sums every subtree.
        for i in (1..n).rev() {
            let parent = dom.nodes[i].parent;
            if parent == NONE || stats.excluded[i] {
                continue;
            }
            let tag = dom.tag(i as NodeId);
            if tag == Some(Tag::A) {
                stats.links[i] = stats.text[i];
                stats.anchors[i] += 1;
            }
            // A cluster of links inside running text (a pop-up card, an
            // inline "related" list) is not part of the paragraph.
            if matches!(tag, Some(Tag::Inline | Tag::Other))
                && stats.anchors[i] >= 3
                && stats.links[i] as f32 > 0.8 * stats.text[i] as f32
            {
                stats.excluded[i] = true;
                continue;
            }
            let p = parent as usize;
            stats.text[p] += stats.text[i];
            stats.links[p] += stats.links[i];
            stats.commas[p] += stats.commas[i];
            stats.anchors[p] += stats.anchors[i];
            if stats.has_block[i] || tag.is_some_and(is_block) {
                stats.has_block[p] = true;
            }
        }
        stats
    }

    pub fn link_density(&self, id: NodeId) -> f32 {
        let i = id as usize;
        if self.text[i] == 0 { 0.0 } else { self.links[i] as f32 / self.text[i] as f32 }
    }

    /// Text of `id` not inside its block-level children: (chars, link chars, commas).
    fn own(&self, dom: &Dom, id: NodeId) -> (u32, u32, u32) {
        let i = id as usize;
        let (mut text, mut links, mut commas) = (self.text[i], self.links[i], self.commas[i]);
        for c in dom.children(id) {
            let ci = c as usize;
            if self.excluded[ci] {
                continue;
            }
            if self.has_block[ci] || dom.tag(c).is_some_and(is_block) {
                text -= self.text[ci];
                links -= self.links[ci].min(links);
                commas -= self.commas[ci].min(commas);
            }
        }
        (text, links, commas)
    }
}

/// Elements excluded themselves or under an excluded ancestor.
pub fn excluded_subtrees(dom: &Dom, stats: &Stats) -> Vec<bool> {
    let mut out = stats.excluded.clone();
    for i in 1..dom.nodes.len() {
        let parent = dom.nodes[i].parent;
        if parent != NONE && out[parent as usize] {
            out[i] = true;
        }
    }
    out
}

/// Shortest text (in non-space characters) that scores.
const MIN_UNIT: u32 = 25;

/// The article's container(s): the best-scoring element and those of its
/// siblings that continue it, in document order. Empty when nothing scores.
pub fn choose(dom: &Dom, stats: &Stats, excluded: &[bool], article_body: Option<&str>) -> Vec<NodeId> {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    let body_key = article_body.map(key).filter(|k| k.len() >= 200);
    let in_comments = comment_subtrees(dom, stats);
    let mut units: Vec<Unit> = Vec::new();
    for i in 0..n {
        let id = i as NodeId;
        let Some(tag) = dom.tag(id) else { continue };
        if excluded[i] || matches!(tag, Tag::Inline | Tag::A | Tag::Time | Tag::Label) || tag.is_heading() {
            continue;
        }
        let (own, own_links, commas) = stats.own(dom, id);
        if own < MIN_UNIT {
            continue;
        }
        let density = own_links as f32 / own as f32;
        if density > 0.5 {
            continue;
        }
        // Length counts beyond one paragraph's worth: a `<div>` of
        // `<br>`-separated paragraphs is several paragraphs.
        let mut s = (1.0 + commas.min(10) as f32 + (own as f32 / 100.0).min(10.0)) * (1.0 - density);
        if in_comments[i] {
            s *= 0.1;
        } else if density < 0.3 {
            units.push(Unit { node: id, len: own });
        }
        if let Some(body) = &body_key {
            let own_text = own_text_key(dom, id);
            if own_text.chars().count() >= 20 && body.contains(own_text.as_str()) {
                s *= 3.0;
            }
        }
        // The element itself, then five levels of ancestors with decay.
        let mut node = id;
        for level in 0..6 {
            if node == NONE {
                break;
            }
            let ni = node as usize;
            scored[ni] = true;
            score[ni] += match level {
                0 | 1 => s,
                2 => s / 2.0,
                l => s / (l as f32 * 3.0),
            };
            node = dom.nodes[ni].parent;
        }
    }
    let mut best: Option<(NodeId, f32)> = None;
    for i in 0..n {
        if !scored[i] || excluded[i] || dom.tag(i as NodeId) == Some(Tag::P) {
            continue;
        }
        let final_score =
            score[i] * (1.0 - stats.link_density(i as NodeId)) * container_factor(dom, stats, i as NodeId);
        score[i] = final_score;
        if best.is_none_or(|(_, b)| final_score > b) {
            best = Some((i as NodeId, final_score));
        }
    }
    let Some((top, top_score)) = best else { return Vec::new() };
    let top = climb(dom, stats, &units, top);
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_hints = dom.hints(top);
    dom.children(parent)
        .filter(|&c| {
            if c == top {
                return true;
            }
            let ci = c as usize;
            if excluded[ci] || dom.tag(c).is_none() {
                return false;
            }
            let h = stats.hints[ci];
            if h.comment || (h.boilerplate && !h.content) {
                return false;
            }
            let bonus = if !top_hints.is_empty() && dom.hints(c) == top_hints { top_score * 0.2 } else { 0.0 };
            if scored[ci] && score[ci] + bonus >= threshold {
                return true;
            }
            // A plain paragraph next to the article continues it.
            let density = stats.link_density(c);
            let len = stats.text[ci];
            dom.tag(c) == Some(Tag::P)
                && ((len > 80 && density < 0.25) || (len > 0 && density == 0.0 && ends_sentence(dom, c)))
        })
        .collect()
}

/// Nodes inside a reader-comment section.
/// A text-bearing element with little link text.
struct Unit {
    node: NodeId,
    len: u32,
}

/// Levels an article may be split across (NYT-style column wrappers).
const CLIMB_LEVELS: usize = 8;

/// Moves from `top` to an ancestor when the article continues outside it:
/// within a few levels up there is a substantial amount of text in
/// paragraphs that look like the article's own (same tag and class), as
/// when a story is cut into several column `<div>`s.
fn climb(dom: &Dom, stats: &Stats, units: &[Unit], mut top: NodeId) -> NodeId {
    loop {
        let inside = dom.descendants(top);
        let signatures: Vec<(Option<Tag>, &str)> = units
            .iter()
            .filter(|u| inside.contains(&u.node) || u.node == top)
            .map(|u| (dom.tag(u.node), dom.hints(u.node)))
            .collect();
        let own: u32 = units.iter().filter(|u| inside.contains(&u.node) || u.node == top).map(|u| u.len).sum();
        let mut ancestor = dom.nodes[top as usize].parent;
        let mut next = None;
        for _ in 0..CLIMB_LEVELS {
            if ancestor == NONE || dom.tag(ancestor) == Some(Tag::Root) {
                break;
            }
            let h = stats.hints[ancestor as usize];
            if h.comment || (h.boilerplate && !h.content) {
                break;
            }
            let range = dom.descendants(ancestor);
            let extra: u32 = units
                .iter()
                .filter(|u| range.contains(&u.node) && !inside.contains(&u.node) && u.node != top)
                .filter(|u| signatures.contains(&(dom.tag(u.node), dom.hints(u.node))))
                .map(|u| u.len)
                .sum();
            if extra >= 300.max(own / 4) {
                next = Some(ancestor);
                break;
            }
            ancestor = dom.nodes[ancestor as usize].parent;
        }
        match next {
            Some(a) => top = a,
            None => return top,
        }
    }
}

fn comment_subtrees(dom: &Dom, stats: &Stats) -> Vec<bool> {
    let mut out = vec![false; dom.nodes.len()];
    for i in 1..dom.nodes.len() {
        let h = stats.hints[i];
        let parent = dom.nodes[i].parent;
        out[i] = (h.comment && !h.content) || (parent != NONE && out[parent as usize]);
    }
    out
}

/// How much an element's tag and class/id cues make it likelier to be the
/// article's container (a factor on the text score it received).
fn container_factor(dom: &Dom, stats: &Stats, id: NodeId) -> f32 {
    let tag = match dom.tag(id) {
        Some(Tag::Article) => 1.3,
        Some(Tag::Main) => 1.1,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 0.9,
        Some(Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form | Tag::Address) => 0.7,
        Some(Tag::Th | Tag::Aside | Tag::Footer | Tag::Header) => 0.5,
        _ => 1.0,
    };
    let h = stats.hints[id as usize];
    let class = match (h.content, h.boilerplate || h.comment) {
        (true, false) => 1.5,
        (false, true) if h.comment => 0.2,
        (false, true) => 0.5,
        _ => 1.0,
    };
    tag * class
}

fn ends_sentence(dom: &Dom, id: NodeId) -> bool {
    let text = dom.collapsed_text(id);
    text.ends_with(['.', '!', '?', '»', '"', '”'])
}

/// Letters and digits only, lowercased: a key for comparing texts whatever
/// their spacing, punctuation and markup.
pub fn key(text: &str) -> String {
    key_chars(text).collect()
}

/// `key(text) == key`, without building the key of `text` (it usually
/// differs in the first characters).
pub fn same_key(text: &str, key: &str) -> bool {
    key_chars(text).eq(key.chars())
}

fn key_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// [`key`] of the text directly in `id` (not in its block children), cut short.
fn own_text_key(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        if out.len() >= 80 {
            break;
        }
        if n != id && dom.tag(n).is_some_and(is_block) {
            continue;
        }
        out.extend(dom.node_text(n).chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
        let children: Vec<NodeId> = dom.children(n).collect();
        stack.extend(children.into_iter().rev());
    }
    out.chars().take(60).collect()
}
