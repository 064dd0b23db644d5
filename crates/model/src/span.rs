//! Byte ranges into a document's text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`crate::Document::text`].
///
/// Offsets are bytes of the UTF-8 text (what `warlog text` prints), and always
/// fall on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span; `end` is clamped up to `start` so a span is never inverted.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn contains_offset(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when the two ranges share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Moves the span by `delta` bytes (used when a sub-slice is analysed).
    pub fn shift(&self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }

    /// The text under the span, or `""` when it does not fit `text` or cuts a
    /// character (callers get a value, never a panic).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_strict_on_touching_ends() {
        assert!(Span::new(0, 5).overlaps(Span::new(4, 9)));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 9)));
    }

    #[test]
    fn slice_never_panics() {
        let text = "Gəncə";
        assert_eq!(Span::new(0, 1).slice(text), "G");
        assert_eq!(Span::new(0, 3).slice(text), "Gə");
        assert_eq!(Span::new(0, 2).slice(text), "", "cuts the schwa");
        assert_eq!(Span::new(3, 100).slice(text), "");
    }

    #[test]
    fn new_never_inverts() {
        assert_eq!(Span::new(5, 2), Span::new(5, 5));
    }
}
