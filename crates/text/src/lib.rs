//! From a decoded page to text the recognisers can read: the main text of an
//! HTML page (without navigation, share bars, paywall and cookie notices),
//! its metadata and language, and the page cut into labelled segments
//! (body, live-blog entries, reader comments, social embeds, captions,
//! boilerplate) and sentences.
//!
//! Both input kinds meet in [`Extracted`]: a text and a list of [`Block`]s
//! (paragraph-level units with what the page structure says about them). The
//! segmenter then works the same way on both.

mod block;
pub mod html;
pub mod lang;
pub mod meta;
pub mod plain;
pub mod segment;
pub mod sentence;

pub use block::{Block, BlockKind, Extracted};
