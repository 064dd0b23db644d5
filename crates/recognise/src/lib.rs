//! Recognisers: they find places, actors, dates, numbers, casualty figures
//! and weapons in a document's text and give each a [`Span`] and a resolved
//! value. They do no IO and never fail on content.
//!
//! Word lists live in `data/lexicons/<lang>/` (see the `warlog-lexicon`
//! crate); adding a language is adding files there.

pub mod actors;
pub mod casualties;
pub mod dates;
mod langdata;
pub mod numbers;
pub mod phrase;
pub mod places;
pub mod token;
pub mod weapons;

pub use warlog_lexicon::fold;
pub use warlog_model::Span;
