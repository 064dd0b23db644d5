//! Lexicon phrases matched against words: the one matcher every word list
//! (actors, event triggers, attribution and denial cues) goes through.
//!
//! Text is cut into [`Word`]s: tokens split further at hyphens and
//! apostrophes ("l'Azerbaïdjan" → "l", "azerbaidjan"; "Haut-Karabakh" →
//! "haut", "karabakh"), folded with [`crate::fold`], each with its span, so
//! a phrase written once in a data file matches every spelling.
//!
//! Phrase syntax (in data files): words separated by spaces or hyphens;
//! a word ending in `*` matches any word starting with it ("bombard*");
//! a lone `~` matches any one word ("a ~ accuse"); punctuation is matched
//! only where the phrase writes it, separated by spaces ("U . S .").

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use warlog_model::Span;

use crate::fold::fold;
use crate::token::{TokenKind, tokenize};

/// A word of the text, folded for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// Folded form (any_ascii, lowercase); punctuation keeps its character.
    pub folded: String,
    pub punct: bool,
    /// Starts with an uppercase letter in the text.
    pub capitalised: bool,
    /// First word of a token that was split at a hyphen or apostrophe
    /// continues into the next word without a space.
    pub joined_to_next: bool,
}

/// Words of `text[span]`.
pub fn words(text: &str, span: Span) -> Vec<Word> {
    let tokens = tokenize(text, span);
    let mut out = Vec::with_capacity(tokens.len() + tokens.len() / 4);
    for tok in tokens {
        let t = tok.text(text);
        if tok.kind == TokenKind::Punct {
            out.push(Word {
                span: tok.span,
                folded: t.to_string(),
                punct: true,
                capitalised: false,
                joined_to_next: false,
            });
            continue;
        }
        // Pieces between hyphens and apostrophes, each marked when another
        // piece follows it.
        let first = out.len();
        let mut start = 0;
        for (i, c) in t.char_indices() {
            if c == '-' || c == '\'' || c == '\u{2019}' || c == '\u{02BC}' {
                if i > start {
                    out.push(piece(tok.span.start, t, start, i));
                }
                start = i + c.len_utf8();
            }
        }
        if start < t.len() {
            out.push(piece(tok.span.start, t, start, t.len()));
        }
        if let Some((_, pieces)) = out.split_at_mut(first).1.split_last_mut() {
            for w in pieces {
                w.joined_to_next = true;
            }
        }
    }
    out
}

/// The word `t[a..b]` of a token starting at `base`.
fn piece(base: usize, t: &str, a: usize, b: usize) -> Word {
    let piece = &t[a..b];
    Word {
        span: Span::new(base + a, base + b),
        // ASCII folds to its lowercase (the general fold also builds an offset map).
        folded: if piece.is_ascii() { piece.to_ascii_lowercase() } else { fold(piece) },
        punct: false,
        capitalised: piece.chars().next().is_some_and(char::is_uppercase),
        joined_to_next: false,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Pat {
    Exact(String),
    Prefix(String),
    Any,
}

impl Pat {
    fn matches(&self, w: &Word) -> bool {
        match self {
            // Punctuation matches only when the phrase spells it ("U . S .").
            Pat::Exact(s) => w.folded == *s,
            Pat::Prefix(p) => !w.punct && w.folded.starts_with(p.as_str()),
            Pat::Any => !w.punct,
        }
    }
}

/// Splits a lexicon phrase into word patterns (folded).
fn compile(phrase: &str) -> Vec<Pat> {
    let folded = fold(phrase);
    folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\'')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w == "~" {
                Pat::Any
            } else if let Some(p) = w.strip_suffix('*') {
                Pat::Prefix(p.to_string())
            } else {
                Pat::Exact(w.to_string())
            }
        })
        .collect()
}

/// Bucket key of a word: its first three characters, so prefix patterns of
/// three or more characters and exact words share a bucket.
fn key(s: &str) -> &str {
    match s.char_indices().nth(3) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A small multiplicative hash for the three-character bucket keys: the
/// buckets are looked up once per word of every sentence, where the
/// default (DoS-resistant) hasher cost more than the matching.
#[derive(Clone, Copy, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Keyed by the lexicon's own words: a text only looks words up, so it
/// cannot grow a bucket with colliding keys.
type Buckets<T> = HashMap<String, Vec<(Vec<Pat>, T)>, BuildHasherDefault<KeyHasher>>;

/// A phrase found in the text: words `[start, end)` and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch<'a, T> {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub value: &'a T,
}

/// A set of phrases with a value each.
#[derive(Clone, Debug)]
pub struct PhraseSet<T> {
    by_key: Buckets<T>,
    /// Phrases starting with `~` or a short prefix are checked everywhere.
    anywhere: Vec<(Vec<Pat>, T)>,
    len: usize,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet { by_key: Buckets::default(), anywhere: Vec::new(), len: 0 }
    }
}

impl<T> PhraseSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a phrase (ignored when it has no words).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let pats = compile(phrase);
        let Some(first) = pats.first() else { return };
        self.len += 1;
        match first {
            Pat::Exact(w) => self.by_key.entry(key(w).to_string()).or_default().push((pats, value)),
            Pat::Prefix(p) if p.chars().count() >= 3 => {
                self.by_key.entry(key(p).to_string()).or_default().push((pats, value))
            }
            _ => self.anywhere.push((pats, value)),
        }
    }

    fn candidates<'a>(&'a self, w: &Word) -> impl Iterator<Item = &'a (Vec<Pat>, T)> {
        self.by_key.get(key(&w.folded)).into_iter().flatten().chain(self.anywhere.iter())
    }

    /// Every phrase that matches starting at word `i`, longest first.
    pub fn matches_at<'a>(&'a self, words: &[Word], i: usize) -> Vec<PhraseMatch<'a, T>> {
        let Some(w) = words.get(i) else { return Vec::new() };
        if w.punct {
            return Vec::new();
        }
        let mut found: Vec<(PhraseMatch<'a, T>, usize)> = Vec::new();
        for (pats, value) in self.candidates(w) {
            if i + pats.len() <= words.len() && pats.iter().zip(&words[i..]).all(|(p, w)| p.matches(w)) {
                let end = i + pats.len();
                let prefixes = pats.iter().filter(|p| matches!(p, Pat::Prefix(_))).count();
                let span = Span::new(words[i].span.start, words[end - 1].span.end);
                found.push((PhraseMatch { start: i, end, span, value }, prefixes));
            }
        }
        // Most words start no phrase, and most others one: no sorting then.
        if found.len() <= 1 {
            return found.pop().map(|(m, _)| vec![m]).unwrap_or_default();
        }
        // Longest first; at equal length a phrase written in full beats one
        // with prefix words ("bombardements" before "bombard*").
        found.sort_by_key(|(m, prefixes)| (std::cmp::Reverse(m.end), *prefixes));
        found.into_iter().map(|(m, _)| m).collect()
    }

    /// Leftmost-longest, non-overlapping matches.
    pub fn find<'a>(&'a self, words: &[Word]) -> Vec<PhraseMatch<'a, T>> {
        self.find_where(words, |_| true)
    }

    /// Leftmost-longest, non-overlapping matches among those `keep` accepts
    /// (a rejected long match leaves room for a shorter one).
    pub fn find_where<'a>(
        &'a self,
        words: &[Word],
        keep: impl Fn(&PhraseMatch<'a, T>) -> bool,
    ) -> Vec<PhraseMatch<'a, T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.matches_at(words, i).into_iter().find(|m| keep(m)) {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[(&str, u8)]) -> PhraseSet<u8> {
        let mut s = PhraseSet::new();
        for (p, v) in phrases {
            s.insert(p, *v);
        }
        s
    }

    fn found(s: &PhraseSet<u8>, text: &str) -> Vec<(String, u8)> {
        let ws = words(text, Span::new(0, text.len()));
        s.find(&ws).into_iter().map(|m| (m.span.slice(text).to_string(), *m.value)).collect()
    }

    #[test]
    fn words_split_elisions_and_hyphens() {
        let text = "l’armée du Haut-Karabakh";
        let ws: Vec<String> = words(text, Span::new(0, text.len())).into_iter().map(|w| w.folded).collect();
        assert_eq!(ws, ["l", "armee", "du", "haut", "karabakh"]);
    }

    #[test]
    fn longest_match_wins_and_folding_applies() {
        let s = set(&[("ministère", 1), ("ministère de la défense", 2), ("haut karabakh", 3)]);
        let text = "Le Ministère de la Défense du Haut-Karabakh";
        assert_eq!(found(&s, text), [("Ministère de la Défense".into(), 2), ("Haut-Karabakh".into(), 3)]);
    }

    #[test]
    fn prefix_and_gap_words() {
        let s = set(&[("bombard*", 1), ("a ~ accus*", 2)]);
        assert_eq!(found(&s, "ils bombardaient la ville"), [("bombardaient".into(), 1)]);
        assert_eq!(found(&s, "Bakou a ensuite accusé"), [("a ensuite accusé".into(), 2)]);
    }

    #[test]
    fn punctuation_breaks_phrases() {
        let s = set(&[("haut karabakh", 1)]);
        assert!(found(&s, "haut, karabakh").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn words_stay_in_bounds(s in "\\PC{0,60}") {
            for w in words(&s, Span::new(0, s.len())) {
                proptest::prop_assert!(w.span.end <= s.len() && !w.span.is_empty());
                proptest::prop_assert!(s.is_char_boundary(w.span.start) && s.is_char_boundary(w.span.end));
            }
        }
    }
}
