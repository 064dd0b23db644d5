//! What the extractor reads: the document's text, its sentences and the
//! mentions the recognisers found, already resolved. The pipeline fills it;
//! the extractor does no IO and never fails.

use warlog_model::{Date, EventDate, Segment, Span};
use warlog_recognise::actors::ActorMention;
pub use warlog_recognise::casualties::{Casualty, Outcome};
use warlog_recognise::phrase::Word;
pub use warlog_recognise::places::PlaceMatch;
pub use warlog_recognise::weapons::{WeaponClass, WeaponMatch};

/// A sentence of a segment that may hold claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Input::segments`].
    pub segment: usize,
    /// Paragraph (block) number: dates carry over within a paragraph.
    pub block: usize,
    /// A headline or sub-heading: it announces a claim stated in full below.
    pub heading: bool,
    /// The sentence's language when it differs from the page's (an English
    /// tweet quoted in a French article).
    pub lang: Option<&'static str>,
}

/// A date expression, resolved against the page date and the narrative.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateHit {
    pub span: Span,
    pub date: EventDate,
}

/// Everything the extractor reads for one document.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub text: &'a str,
    pub lang: &'a str,
    pub published: Option<Date>,
    pub segments: &'a [Segment],
    /// Sentences of claim-yielding segments, in text order.
    pub sentences: &'a [Sentence],
    pub places: &'a [PlaceMatch],
    pub dates: &'a [DateHit],
    pub casualties: &'a [Casualty],
    pub weapons: &'a [WeaponMatch],
    /// The words of each sentence (parallel to `sentences`), when the caller
    /// has cut them already; else the extractor cuts them.
    pub words: Option<&'a [Vec<Word>]>,
    /// The actors of each sentence (parallel to `sentences`), when the caller
    /// has found them already with the same lexicon.
    pub actors: Option<&'a [Vec<ActorMention>]>,
}
