//! A page after the pipeline: what the store keeps for one input.

use serde::{Deserialize, Serialize};

use crate::{Claim, Document, Mention, Segment};

/// A document with everything the pipeline found in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub doc: Document,
    /// The bytes as read (decompressed), kept for provenance.
    pub raw: Vec<u8>,
    pub segments: Vec<Segment>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    /// What a stage noticed but could not act on (never fatal).
    pub diagnostics: Vec<String>,
}
