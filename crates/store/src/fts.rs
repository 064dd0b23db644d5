//! Full-text search, the backend-neutral half: a user's query becomes folded
//! terms (so "Gəncə", "Gence" and "gence" meet, as in the index), and a
//! snippet is cut from the original text around the first match.
//!
//! Query language: words and `"quoted phrases"`, all required; a trailing `*`
//! makes a word a prefix. Everything else is plain text, never syntax, so
//! user input cannot break the backend's query parser.

use warlog_lexicon::fold::{fold, fold_with_offsets};
use warlog_model::Span;

/// One required part of a query: a phrase of folded tokens (one token for a
/// word), maybe a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub tokens: Vec<String>,
    pub prefix: bool,
}

/// Parses and folds a user's query; empty when it has no word.
pub fn parse(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    for (i, part) in query.split('"').enumerate() {
        let quoted = i % 2 == 1;
        if quoted {
            let tokens = tokens(part);
            if !tokens.is_empty() {
                terms.push(Term { tokens, prefix: false });
            }
            continue;
        }
        for word in part.split_whitespace() {
            let prefix = word.ends_with('*');
            let tokens = tokens(word);
            if !tokens.is_empty() {
                terms.push(Term { tokens, prefix });
            }
        }
    }
    terms
}

/// Folded alphanumeric runs: what an index tokenizer splitting on
/// punctuation sees ("l'Arménie" → `l`, `armenie`).
fn tokens(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// The terms in SQLite FTS5 syntax: each a quoted phrase, all required.
pub fn fts5_query(terms: &[Term]) -> Option<String> {
    let parts: Vec<String> = terms
        .iter()
        .map(|t| {
            // Tokens are alphanumeric: no quote to escape.
            let phrase = format!("\"{}\"", t.tokens.join(" "));
            if t.prefix { phrase + "*" } else { phrase }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// The folded form an index stores for `text`.
pub fn index_text(text: &str) -> String {
    fold(text)
}

/// A one-line snippet of `text` around the first match of any term's first
/// token (at a word start), with the match's span in `text`. Without a
/// match: the beginning of the text and `None`.
pub fn snippet(text: &str, terms: &[Term], width: usize) -> (String, Option<Span>) {
    let (folded, offsets) = fold_with_offsets(text);
    let first = terms
        .iter()
        .filter_map(|t| t.tokens.first().map(|tok| (tok, t.prefix && t.tokens.len() == 1)))
        .filter_map(|(tok, open_end)| find_word(&folded, tok, open_end).map(|at| (at, at + tok.len())))
        .min();
    let Some((fs, fe)) = first else {
        return (cut(text, Span::new(0, 0), width), None);
    };
    let hit = Span::new(offsets[fs], offsets[fe]);
    (cut(text, hit, width), Some(hit))
}

/// First occurrence of `token` in `folded` starting a word, and ending one
/// unless `open_end`.
fn find_word(folded: &str, token: &str, open_end: bool) -> Option<usize> {
    let bytes = folded.as_bytes();
    let is_word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
    folded.match_indices(token).map(|(i, _)| i).find(|&i| {
        let starts = i == 0 || !is_word(i - 1);
        let ends = open_end || !is_word(i + token.len());
        starts && ends
    })
}

/// About `width` bytes of `text` on each side of `hit`, on character
/// boundaries, whitespace collapsed, "…" where cut.
fn cut(text: &str, hit: Span, width: usize) -> String {
    let mut start = hit.start.saturating_sub(width);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (hit.end + width).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let body = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let head = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    format!("{head}{body}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_fold_like_the_index() {
        let terms = parse("Gəncə \"tirs de missiles\" Arm*");
        assert_eq!(fts5_query(&terms).unwrap(), "\"gence\" AND \"tirs de missiles\" AND \"arm\"*");
        assert_eq!(parse("Gence"), parse("gəncə"));
    }

    #[test]
    fn syntax_characters_are_text() {
        let terms = parse("NEAR(a b) OR -x ^y :z");
        let q = fts5_query(&terms).unwrap();
        assert_eq!(q, "\"near a\" AND \"b\" AND \"or\" AND \"x\" AND \"y\" AND \"z\"");
        assert!(fts5_query(&parse("  \"\" ** ")).is_none());
    }

    #[test]
    fn snippet_points_into_the_original_text() {
        let text = "Le bombardement de la ville de Gəncə a fait des victimes\nselon Bakou.";
        let (s, hit) = snippet(text, &parse("gence"), 12);
        let hit = hit.unwrap();
        assert_eq!(&text[hit.start..hit.end], "Gəncə");
        assert!(s.starts_with('…') && s.contains("Gəncə"), "{s}");
        let (_, none) = snippet(text, &parse("gen"), 10);
        assert!(none.is_none(), "a word start is not a match without *");
        let (_, prefix) = snippet(text, &parse("gen*"), 10);
        assert!(prefix.is_some());
    }
}
