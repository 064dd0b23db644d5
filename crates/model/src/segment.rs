//! Parts of a document: article body, live-blog entries, comments, embeds.

use serde::{Deserialize, Serialize};

use crate::{Date, Span};

/// What a part of a page is. Only [`SegmentKind::yields_claims`] kinds are
/// read by the claim extractor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// The article itself.
    Body,
    /// One dated post of a live blog, with its heading.
    Entry,
    /// A reader comment.
    Comment,
    /// An embedded tweet or social-media post.
    Social,
    /// A photo or video caption.
    Caption,
    /// Navigation, share bars, paywall and cookie notices, comment forms.
    Boilerplate,
}

impl SegmentKind {
    pub const ALL: [SegmentKind; 6] = [
        SegmentKind::Body,
        SegmentKind::Entry,
        SegmentKind::Comment,
        SegmentKind::Social,
        SegmentKind::Caption,
        SegmentKind::Boilerplate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Body => "body",
            SegmentKind::Entry => "entry",
            SegmentKind::Comment => "comment",
            SegmentKind::Social => "social",
            SegmentKind::Caption => "caption",
            SegmentKind::Boilerplate => "boilerplate",
        }
    }

    pub fn parse(s: &str) -> Option<SegmentKind> {
        SegmentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Reader comments and boilerplate never produce claims.
    pub fn yields_claims(self) -> bool {
        !matches!(self, SegmentKind::Comment | SegmentKind::Boilerplate)
    }
}

/// A labelled range of a document's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub kind: SegmentKind,
    pub span: Span,
    /// The heading of a live-blog entry (or of a section), as written.
    pub heading: Option<String>,
    /// The date a live-blog entry carries, when it says one.
    pub date: Option<Date>,
}

impl Segment {
    pub fn new(kind: SegmentKind, span: Span) -> Segment {
        Segment { kind, span, heading: None, date: None }
    }
}
