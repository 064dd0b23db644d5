//! Plain-text pages: every non-blank line is a block.
//!
//! A line ends at `\n`, `\r\n`, a lone `\r` (old Mac files) or a Unicode
//! line/paragraph separator. Blocks are trimmed of spaces and of the
//! invisible characters copy-paste leaves behind (byte-order mark,
//! zero-width spaces), so that a block always starts and ends on visible text.

use warlog_model::Span;

use crate::{Block, BlockKind, Extracted};

/// Characters that end a line.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Whitespace plus invisible format characters.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}')
}

/// Blocks of a plain text: one per non-blank line.
pub fn extract(text: &str) -> Extracted {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive(is_line_break) {
        let content = line.trim_start_matches(is_blank);
        let start = offset + (line.len() - content.len());
        let content = content.trim_end_matches(is_blank);
        if !content.is_empty() {
            blocks.push(Block { span: Span::new(start, start + content.len()), kind: BlockKind::Paragraph });
        }
        offset += line.len();
    }
    Extracted { text: text.to_string(), main_end: text.len(), blocks, meta: Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        extract(text).blocks.iter().map(|b| b.span.slice(text)).collect()
    }

    #[test]
    fn one_block_per_non_blank_line() {
        assert_eq!(
            lines("Titre\n\n   Premier paragraphe.  \n\u{a0}\nSecond."),
            ["Titre", "Premier paragraphe.", "Second."]
        );
    }

    #[test]
    fn all_line_endings() {
        assert_eq!(lines("a\r\nb\rc\u{2028}d\n"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn invisible_characters_are_trimmed() {
        assert_eq!(lines("\u{feff}Titre\u{200b}\n\u{200b}\nTexte"), ["Titre", "Texte"]);
    }

    proptest::proptest! {
        #[test]
        fn blocks_are_trimmed_ordered_and_on_boundaries(s in "\\PC{0,120}") {
            let x = extract(&s);
            let mut last = 0;
            for b in &x.blocks {
                proptest::prop_assert!(b.span.start >= last && b.span.start < b.span.end && b.span.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(b.span.start) && s.is_char_boundary(b.span.end));
                let t = b.span.slice(&s);
                proptest::prop_assert!(!t.starts_with(is_blank) && !t.ends_with(is_blank));
                proptest::prop_assert!(!t.contains(is_line_break));
                last = b.span.end;
            }
        }
    }
}
