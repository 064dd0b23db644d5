//! Paragraph-level units of a page's text.

use warlog_model::{DocumentMeta, Span};

/// What the page's structure says a block is. Plain text gives only
/// `Paragraph`; HTML gives more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Caption,
    /// An embedded tweet or social-media post.
    Social,
    /// A reader comment.
    Comment,
    /// Navigation, share bar, paywall, cookie or newsletter notice, form.
    Boilerplate,
}

/// One block: a span of [`Extracted::text`] and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// A page reduced to text plus structure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// The text every span points into: for HTML the article, then its
    /// reader comments; for plain text the input itself.
    pub text: String,
    /// Byte offset where the main text ends (comments follow it). `warlog
    /// text` prints `text[..main_end]`.
    pub main_end: usize,
    pub blocks: Vec<Block>,
    pub meta: DocumentMeta,
}
