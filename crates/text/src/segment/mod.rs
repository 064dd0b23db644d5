//! The page cut into labelled segments: article `body`, live-blog `entry`,
//! reader `comment`, embedded `social` post, `caption`, `boilerplate`.
//!
//! Reader comments and boilerplate never yield claims, so a mistake here
//! costs precision (comments read as article) or recall (article dropped as
//! boilerplate) downstream. The segmenter works on [`Block`]s, the same way
//! for plain text (one block per line) and HTML (blocks carry what the page
//! structure says). Each block is first labelled on its own (`local`), then
//! an ordered list of context stages ([`STAGES`]) reads its neighbours and
//! the shape of the page; consecutive blocks with the same label become one
//! segment. Every cue list is a data file (`data/lexicons/*/segment_*.tsv`).
//!
//! ```
//! let text = "Titre\nLe texte de l'article, assez long pour être un article. Il parle de tout.\nImprimer\n";
//! let segments = warlog_text::segment::segment(&warlog_text::plain::extract(text));
//! let kinds: Vec<&str> = segments.iter().map(|s| s.kind.as_str()).collect();
//! assert_eq!(kinds, ["body", "boilerplate"]);
//! ```

mod assemble;
mod captions;
mod cues;
mod date;
mod ending;
mod header;
mod line;
mod liveblog;
mod local;
mod social;
mod talk;

use warlog_model::{Date, Segment, SegmentKind, Span};

use crate::{Block, Extracted};
use line::Line;
use local::Role;

/// A context stage: reads the page and relabels blocks.
type Stage = fn(&mut Page<'_>);

/// The context stages, in the order they run. Each reads the labels the
/// previous ones left and may relabel blocks; none relabels a block whose
/// kind the HTML structure gave.
const STAGES: &[(&str, Stage)] = &[
    // An embedded post's text sits just above its "— Name (@handle) date".
    ("social", social::attach),
    // A media heading's description, a file name's caption, "Vidéo de … :".
    ("captions", captions::group),
    // Short menu items around a breadcrumb before the article starts.
    ("header", header::nav_zone),
    // Where the article ends: paywall, comment section, footer, related links.
    ("ending", ending::mark),
    // Dated entries of a live blog (after `ending`: entries stop where comments start).
    ("liveblog", liveblog::mark),
];

/// The label of one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label {
    pub kind: SegmentKind,
    pub role: Role,
    /// Index into [`Page::entries`] for live-blog entry blocks.
    pub entry: Option<usize>,
    /// A new comment or post starts here (not merged with the block before).
    pub starts_unit: bool,
}

/// One live-blog entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The entry title, trimmed of bullets, as a span of the text.
    pub heading: Option<Span>,
    pub date: Option<Date>,
}

/// A page being labelled: its blocks' features and current labels.
pub(crate) struct Page<'a> {
    pub x: &'a Extracted,
    pub lines: Vec<Line<'a>>,
    pub labels: Vec<Label>,
    pub entries: Vec<Entry>,
    /// Paragraphs are separated by blank lines somewhere in the page, so a
    /// single line break joins lines of one paragraph.
    pub paragraph_mode: bool,
    /// Each line's comment score ([`talk::score`]) once computed: the
    /// context stages read a line's score from many windows.
    talk_scores: Vec<std::cell::Cell<Option<i32>>>,
}

impl<'a> Page<'a> {
    fn new(x: &'a Extracted) -> Page<'a> {
        let blocks = valid_blocks(x);
        let lines = Line::all(&x.text, &blocks);
        let c = cues::cues();
        let labels = lines
            .iter()
            .map(|l| {
                let local = local::classify(l, c);
                Label { kind: local.kind, role: local.role, entry: None, starts_unit: false }
            })
            .collect();
        let paragraph_mode = lines.iter().skip(1).any(|l| l.blank_before);
        let talk_scores = vec![std::cell::Cell::new(None); lines.len()];
        Page { x, lines, labels, entries: Vec::new(), paragraph_mode, talk_scores }
    }

    /// The comment score of line `i` (it depends on the line alone).
    pub fn talk_score(&self, i: usize) -> i32 {
        match self.talk_scores[i].get() {
            Some(s) => s,
            None => {
                let s = talk::score(&self.lines[i], cues::cues());
                self.talk_scores[i].set(Some(s));
                s
            }
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn role(&self, i: usize) -> Role {
        self.labels[i].role
    }

    pub fn kind(&self, i: usize) -> SegmentKind {
        self.labels[i].kind
    }

    /// Relabels block `i` unless the HTML structure fixed its kind.
    pub fn set(&mut self, i: usize, kind: SegmentKind, role: Role) {
        if self.labels[i].role != Role::Structural {
            self.labels[i].kind = kind;
            self.labels[i].role = role;
        }
    }
}

/// Blocks inside the text, on char boundaries, non-empty, in order and not
/// overlapping: whatever an extractor hands over, the segments stay valid.
fn valid_blocks(x: &Extracted) -> Vec<Block> {
    let text = &x.text;
    let mut blocks: Vec<Block> = x
        .blocks
        .iter()
        .filter(|b| {
            b.span.start < b.span.end
                && b.span.end <= text.len()
                && text.is_char_boundary(b.span.start)
                && text.is_char_boundary(b.span.end)
                && !b.span.slice(text).trim().is_empty()
        })
        .copied()
        .collect();
    blocks.sort_by_key(|b| (b.span.start, b.span.end));
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if out.last().is_none_or(|last| last.span.end <= b.span.start) {
            out.push(b);
        }
    }
    out
}

/// The segments of a page, in text order, non-overlapping, each covering
/// whole blocks. Entry segments carry their entry's heading and, when the
/// heading or the entry's first line states one, its date; an entry cut by
/// a caption or an embed continues in a new segment with the same heading.
pub fn segment(x: &Extracted) -> Vec<Segment> {
    let page = labelled(x);
    assemble::segments(&page)
}

/// One block's label, for diagnostics (`explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockLabel {
    pub span: Span,
    pub kind: SegmentKind,
    /// Why: the cue or rule that decided (`text`, `print`, `credit`, ...).
    pub reason: String,
    /// Live-blog entry number, from 0.
    pub entry: Option<usize>,
}

/// Every block with its label and the reason for it: what `segment` decided,
/// block by block, for debugging a page.
pub fn explain(x: &Extracted) -> Vec<BlockLabel> {
    let page = labelled(x);
    page.lines
        .iter()
        .zip(&page.labels)
        .map(|(l, lab)| BlockLabel {
            span: l.span,
            kind: lab.kind,
            reason: format!("{:?}", lab.role).to_lowercase(),
            entry: lab.entry,
        })
        .collect()
}

fn labelled(x: &Extracted) -> Page<'_> {
    let mut page = Page::new(x);
    for (_name, stage) in STAGES {
        stage(&mut page);
    }
    page
}

#[cfg(test)]
mod tests;
