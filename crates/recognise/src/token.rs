//! Words with their spans: the unit every recogniser looks at.
//!
//! French elisions are split off ("l'Azerbaïdjan" → "l'" + "Azerbaïdjan",
//! "qu’elle" → "qu’" + "elle") so that names start where they should;
//! hyphenated names stay whole ("Haut-Karabakh", "cessez-le-feu").

use warlog_model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }

    /// Starts with an uppercase letter.
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.text(text).chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_word_char(c: char) -> bool {
    // ASCII and the Latin-1 letters of French (all alphabetic but × and ÷)
    // without a Unicode table lookup.
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        c != '\u{D7}' && c != '\u{F7}'
    } else {
        c.is_alphanumeric()
    }
}

/// Elided forms split off the following word (lowercase comparison).
const ELISIONS: &[&str] = &["l", "d", "qu", "n", "s", "c", "j", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"];

/// Tokens of `text[span]`, with spans into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let slice = span.slice(text);
    let base = span.start;
    let mut tokens = Vec::with_capacity(slice.len() / 5 + 1);
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(j, d)) = chars.peek() {
                let joins = is_word_char(d)
                    || ((d == '-' || is_apostrophe(d) || d == '.' || d == ',') && {
                        // Keep "Haut-Karabakh", "aujourd'hui", "10.000", "1,5" whole,
                        // but split an elision ("l'Arménie") below.
                        let next = slice[j + d.len_utf8()..].chars().next();
                        match d {
                            '.' | ',' => all_digits && next.is_some_and(|n| n.is_ascii_digit()),
                            _ => next.is_some_and(is_word_char),
                        }
                    });
                if !joins {
                    break;
                }
                if is_apostrophe(d) {
                    let head = slice[i..j].to_lowercase();
                    if ELISIONS.contains(&head.as_str()) {
                        end = j + d.len_utf8();
                        chars.next();
                        break;
                    }
                }
                all_digits &= d.is_ascii_digit() || d == '.' || d == ',';
                end = j + d.len_utf8();
                chars.next();
            }
            let kind = if all_digits { TokenKind::Number } else { TokenKind::Word };
            tokens.push(Token { span: Span::new(base + i, base + end), kind });
        } else {
            tokens.push(Token { span: Span::new(base + i, base + i + c.len_utf8()), kind: TokenKind::Punct });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len())).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_elisions_keeps_compounds() {
        assert_eq!(words("l'Azerbaïdjan a bombardé"), ["l'", "Azerbaïdjan", "a", "bombardé"]);
        assert_eq!(words("qu’elle encourage"), ["qu’", "elle", "encourage"]);
        assert_eq!(words("le Haut-Karabakh, aujourd'hui"), ["le", "Haut-Karabakh", ",", "aujourd'hui"]);
        assert_eq!(words("D’après l’Express"), ["D’", "après", "l’", "Express"]);
    }

    #[test]
    fn numbers_keep_separators() {
        let text = "10.000 livres, 30,5 km, 2020.";
        let toks = tokenize(text, Span::new(0, text.len()));
        assert_eq!(toks[0].text(text), "10.000");
        assert_eq!(toks[0].kind, TokenKind::Number);
        assert_eq!(toks[3].text(text), "30,5");
        assert_eq!(toks.last().unwrap().text(text), ".");
    }

    #[test]
    fn word_chars_are_alphanumerics() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || c == '_', "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn spans_stay_in_bounds(s in "\\PC{0,60}") {
            for t in tokenize(&s, Span::new(0, s.len())) {
                proptest::prop_assert!(t.span.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                proptest::prop_assert!(!t.span.is_empty());
            }
        }
    }
}
