//! Clauses: the parts of a sentence that each say one thing, so that a
//! trigger takes its arguments, and a denial its scope, from its own clause
//! ("L'Azerbaïdjan a accusé l'Arménie d'avoir bombardé Barda, | Erevan
//! ayant démenti ces affirmations").
//!
//! A clause ends at `;` or `:` and at a comma followed by a clause opener
//! (relative pronoun, conjunction, participle) from
//! `data/lexicons/<lang>/clause_starters.tsv`; "mais"/"but" and their kin
//! open a clause even without a comma. Quotation marks do not cut clauses.

use std::collections::HashMap;

use warlog_recognise::phrase::{PhraseSet, Word};

/// What opens a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opener {
    Relative,
    Conjunction,
    Participle,
    /// A subordinate clause put first ("Même si X s'en défend, …"): it ends
    /// at the next comma.
    Subordinate,
    /// "et le …", "and the …" after a comma: a new clause with its own
    /// subject (without the comma it joins two nouns).
    Coordination,
}

#[derive(Debug, Default)]
pub struct ClauseStarters {
    by_lang: HashMap<String, PhraseSet<Opener>>,
}

/// A clause: words `[start, end)` of the sentence and what opened it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
    pub opener: Option<Opener>,
}

impl ClauseStarters {
    pub fn load() -> ClauseStarters {
        let mut out = ClauseStarters::default();
        for t in warlog_lexicon::tables("clause_starters") {
            let set = out.by_lang.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                let opener = match r.get(1).map(String::as_str) {
                    Some("relative") => Opener::Relative,
                    Some("participle") => Opener::Participle,
                    Some("subordinate") => Opener::Subordinate,
                    Some("after_comma") => Opener::Coordination,
                    _ => Opener::Conjunction,
                };
                if let Some(p) = r.first() {
                    set.insert(p, opener);
                }
            }
        }
        out
    }

    /// Cuts `words` (one sentence) into clauses covering every word.
    pub fn split(&self, words: &[Word], lang: &str) -> Vec<Clause> {
        let set = self.by_lang.get(lang);
        let mut clauses = Vec::new();
        let mut start = 0;
        let opener_at = |j: usize| set.and_then(|s| s.matches_at(words, j).into_iter().next()).map(|m| *m.value);
        // A sentence opening on a subordinate clause: that clause ends at the
        // first comma.
        let mut opener = opener_at(0).filter(|o| *o == Opener::Subordinate);
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            let hard = w.punct && matches!(w.folded.as_str(), ";" | ":");
            let comma = w.punct && w.folded == ",";
            // A participle may follow its own subject: ", Erevan ayant démenti".
            let next_opener = opener_at(i + 1).or_else(|| {
                (2..=3).find_map(|k| opener_at(i + k).filter(|o| *o == Opener::Participle && !words[i + 1].punct))
            });
            let bare_conjunction = !w.punct && i > start && opener_at(i) == Some(Opener::Conjunction);
            let ends_subordinate = comma && opener == Some(Opener::Subordinate);
            if hard || (comma && next_opener.is_some()) || ends_subordinate {
                if i + 1 > start {
                    clauses.push(Clause { start, end: i + 1, opener });
                }
                start = i + 1;
                opener = if hard || ends_subordinate && next_opener.is_none() { None } else { next_opener };
            } else if bare_conjunction && opener != Some(Opener::Subordinate) {
                clauses.push(Clause { start, end: i, opener });
                start = i;
                opener = Some(Opener::Conjunction);
            }
            i += 1;
        }
        if start < words.len() {
            clauses.push(Clause { start, end: words.len(), opener });
        }
        clauses
    }
}

/// The clause holding word `i`.
pub fn clause_of(clauses: &[Clause], i: usize) -> Clause {
    clauses.iter().copied().find(|c| c.start <= i && i < c.end).unwrap_or(Clause { start: 0, end: i + 1, opener: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::Span;
    use warlog_recognise::phrase::words;

    fn clauses(text: &str, lang: &str) -> Vec<String> {
        let ws = words(text, Span::new(0, text.len()));
        ClauseStarters::load()
            .split(&ws, lang)
            .into_iter()
            .map(|c| Span::new(ws[c.start].span.start, ws[c.end - 1].span.end).slice(text).to_string())
            .collect()
    }

    #[test]
    fn participle_after_comma_opens_a_clause() {
        assert_eq!(
            clauses("Bakou a accusé Erevan de tirs sur Tovuz, Erevan ayant démenti ces affirmations.", "fr"),
            ["Bakou a accusé Erevan de tirs sur Tovuz,", "Erevan ayant démenti ces affirmations."]
        );
    }

    #[test]
    fn commas_in_lists_do_not() {
        assert_eq!(clauses("Ils ont frappé Lviv, Kharkiv et Odessa.", "fr").len(), 1);
    }

    #[test]
    fn a_leading_subordinate_clause_ends_at_its_comma() {
        let got = clauses("Même si Ankara s'en défend, les preuves de son implication s'accumulent.", "fr");
        assert_eq!(got, ["Même si Ankara s'en défend,", "les preuves de son implication s'accumulent."]);
    }

    #[test]
    fn english_but_and_which() {
        let got = clauses("Kyiv said the strike hit a school, which was empty, but Moscow denied it.", "en");
        assert_eq!(got.len(), 3, "{got:?}");
    }
}
