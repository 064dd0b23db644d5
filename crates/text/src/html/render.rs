//! Turning chosen parts of the tree into paragraph-level blocks: block
//! elements break the text, whitespace is collapsed, links are counted,
//! and each block gets its kind from the structure around it (heading,
//! list item, quote, caption, social embed, reader comment).
//!
//! Navigation-like parts inside the article (share bars, related links,
//! asides, boxes whose class says so) are skipped unless they hold most
//! of the article's text. The walk is iterative.

use crate::BlockKind;

use super::content::{Stats, is_block};
use super::dom::{Dom, NodeId, Tag, push_collapsed};

/// A block before assembly into the final text.
#[derive(Clone, Debug)]
pub struct RawBlock {
    pub text: String,
    pub kind: BlockKind,
    /// Non-space characters, and how many of them are link text.
    pub chars: u32,
    pub link_chars: u32,
    /// For comments: the comment item the block belongs to.
    pub item: NodeId,
}

/// What is being rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Main,
    Comments,
}

/// Parts smaller than this share of the container's text are dropped when
/// their class says navigation; larger ones are trusted (a container whose
/// class mentions "share" may still hold the article).
const SOFT_DROP_SHARE: f32 = 0.4;

enum Step {
    Enter(NodeId),
    Exit(NodeId),
}

pub struct Renderer<'a> {
    dom: &'a Dom,
    stats: &'a Stats,
    mode: Mode,
    /// Text size of the container being rendered.
    container_text: u32,
    blocks: Vec<RawBlock>,
    cur: String,
    cur_chars: u32,
    cur_links: u32,
    kinds: Vec<BlockKind>,
    items: Vec<NodeId>,
    link_depth: u32,
    pending_br: u32,
}

impl<'a> Renderer<'a> {
    pub fn new(dom: &'a Dom, stats: &'a Stats, mode: Mode) -> Renderer<'a> {
        Renderer {
            dom,
            stats,
            mode,
            container_text: 0,
            blocks: Vec::new(),
            cur: String::new(),
            cur_chars: 0,
            cur_links: 0,
            kinds: vec![if mode == Mode::Comments { BlockKind::Comment } else { BlockKind::Paragraph }],
            items: vec![0],
            link_depth: 0,
            pending_br: 0,
        }
    }

    pub fn finish(mut self) -> Vec<RawBlock> {
        self.flush();
        self.blocks
    }

    /// Renders the subtree of `root`; `skip` says which nodes to leave out
    /// whole (already rendered elsewhere, or excluded).
    pub fn render(&mut self, root: NodeId, skip: &dyn Fn(NodeId) -> bool) {
        self.container_text = self.stats.text[root as usize];
        self.items = vec![root];
        let mut steps = vec![Step::Enter(root)];
        while let Some(step) = steps.pop() {
            match step {
                Step::Enter(n) => {
                    if n != root && skip(n) {
                        continue;
                    }
                    let Some(tag) = self.dom.tag(n) else {
                        self.text(n);
                        continue;
                    };
                    if self.stats.excluded[n as usize] || (n != root && self.drop(n, tag)) {
                        continue;
                    }
                    if n != root && self.atomic(n, tag) {
                        continue;
                    }
                    self.enter(n, tag);
                    steps.push(Step::Exit(n));
                    let first = steps.len();
                    steps.extend(self.dom.children(n).map(Step::Enter));
                    steps[first..].reverse();
                }
                Step::Exit(n) => {
                    if let Some(tag) = self.dom.tag(n) {
                        self.exit(n, tag);
                    }
                }
            }
        }
        self.flush();
    }

    /// Parts to leave out inside the container.
    fn drop(&self, n: NodeId, tag: Tag) -> bool {
        let i = n as usize;
        let h = self.stats.hints[i];
        if h.social {
            return false;
        }
        let small = (self.stats.text[i] as f32) < SOFT_DROP_SHARE * self.container_text as f32;
        match self.mode {
            Mode::Main => {
                if h.comment && !h.content {
                    return true;
                }
                let soft = (h.boilerplate && !h.content) || matches!(tag, Tag::Aside | Tag::Footer | Tag::Form);
                if soft && small {
                    return true;
                }
                // Lists and boxes of links (related articles, tags, menus).
                is_block(tag) && tag != Tag::P && self.stats.text[i] > 0 && self.stats.link_density(n) > 0.6 && small
            }
            Mode::Comments => {
                h.comment_meta
                    || (h.boilerplate && !h.content && !h.comment)
                    || tag.is_heading()
                    || matches!(tag, Tag::Form | Tag::Footer)
            }
        }
    }

    /// Social embeds and captions become one block each, whatever is inside.
    fn atomic(&mut self, n: NodeId, tag: Tag) -> bool {
        if self.mode == Mode::Comments {
            return false;
        }
        let h = self.stats.hints[n as usize];
        let kind = if h.social {
            BlockKind::Social
        } else if tag == Tag::Figcaption || (h.caption && !h.content && is_caption_sized(self.stats, n)) {
            BlockKind::Caption
        } else {
            return false;
        };
        self.flush();
        let text = self.dom.collapsed_text(n);
        if !text.is_empty() {
            let chars = self.stats.text[n as usize];
            self.blocks.push(RawBlock { text, kind, chars, link_chars: 0, item: n });
        }
        true
    }

    fn enter(&mut self, n: NodeId, tag: Tag) {
        match tag {
            Tag::A => self.link_depth += 1,
            Tag::Br => self.pending_br += 1,
            Tag::Hr | Tag::Img => self.flush(),
            _ => {}
        }
        if self.mode == Mode::Comments && self.is_comment_item(n, tag) {
            self.flush();
            self.items.push(n);
        }
        if is_block(tag) {
            self.flush();
            let inherited = *self.kinds.last().unwrap_or(&BlockKind::Paragraph);
            let kind = match (self.mode, tag) {
                (Mode::Comments, _) => BlockKind::Comment,
                (_, Tag::H1) => BlockKind::Title,
                (_, t) if t.is_heading() => BlockKind::Heading,
                (_, Tag::Li | Tag::Dd | Tag::Dt) if inherited == BlockKind::Paragraph => BlockKind::ListItem,
                (_, Tag::Blockquote) => BlockKind::Quote,
                (_, Tag::Figure) => BlockKind::Caption,
                _ => inherited,
            };
            self.kinds.push(kind);
        }
    }

    fn exit(&mut self, n: NodeId, tag: Tag) {
        if tag == Tag::A {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if is_block(tag) {
            self.flush();
            if self.kinds.len() > 1 {
                self.kinds.pop();
            }
        }
        if self.mode == Mode::Comments && self.items.len() > 1 && self.items.last() == Some(&n) {
            self.flush();
            self.items.pop();
        }
    }

    fn is_comment_item(&self, n: NodeId, tag: Tag) -> bool {
        let h = self.stats.hints[n as usize];
        matches!(tag, Tag::Li | Tag::Article) || (h.comment && !h.content && self.stats.has_block[n as usize])
    }

    fn text(&mut self, n: NodeId) {
        let text = self.dom.node_text(n);
        if text.trim().is_empty() {
            if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            return;
        }
        if self.pending_br >= 2 {
            self.flush();
        } else if self.pending_br == 1 && !self.cur.is_empty() && !self.cur.ends_with(' ') {
            self.cur.push(' ');
        }
        self.pending_br = 0;
        push_collapsed(&mut self.cur, text);
        let chars = self.stats.text[n as usize];
        self.cur_chars += chars;
        if self.link_depth > 0 {
            self.cur_links += chars;
        }
    }

    fn flush(&mut self) {
        self.pending_br = 0;
        let text = self.cur.trim();
        if !text.is_empty() {
            let kind = *self.kinds.last().unwrap_or(&BlockKind::Paragraph);
            self.blocks.push(RawBlock {
                text: text.to_string(),
                kind,
                chars: self.cur_chars,
                link_chars: self.cur_links,
                item: *self.items.last().unwrap_or(&0),
            });
        }
        self.cur.clear();
        self.cur_chars = 0;
        self.cur_links = 0;
    }
}

/// A caption-classed element is a caption when it is short; a container
/// whose class mentions "caption" but holds paragraphs is not.
fn is_caption_sized(stats: &Stats, n: NodeId) -> bool {
    stats.text[n as usize] < 600
}
