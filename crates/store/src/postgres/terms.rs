//! Full-text search on PostgreSQL over the same words SQLite indexes: the
//! any_ascii-folded alphanumeric runs of a page ([`crate::fts`] folds
//! queries the same way), so "gence" finds "Gəncə" here too.
//!
//! The words are cut into parts ([`parts`]: the title, then runs of at most
//! [`PART_WORDS`] words that overlap by [`OVERLAP`]) stored as `tsvector`s
//! of the `simple` configuration — no stemming, no stop words. Parts keep
//! PostgreSQL's limits (256 positions per word in a vector, positions up to
//! 16,383, 1 MB per vector) from cutting a phrase or failing a long page.
//! A query term becomes a phrase `tsquery` (`'tirs' <-> 'de' <->
//! 'missile':*`); a page matches when every term matches one of its parts,
//! as in SQLite where every phrase must match the title or the text.

use crate::fts::{self, Term};

/// Words per part: a word must make a quarter of a part's words to pass
/// 256 occurrences (the commonest, "de", "the", make 4-6 % of a text).
pub(super) const PART_WORDS: usize = 1_000;

/// Bytes of words per part, for texts of long words (1 MB per vector).
const PART_BYTES: usize = 64 * 1024;

/// Words each part repeats from the one before: phrases up to this many
/// words long match across a cut.
pub(super) const OVERLAP: usize = 32;

fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The parts to index for a page: the title's words (part 0, maybe empty),
/// then the text's, each part its words joined by spaces.
pub(super) fn parts(title: Option<&str>, text: &str) -> Vec<String> {
    let mut out = vec![words(&fts::index_text(title.unwrap_or(""))).collect::<Vec<_>>().join(" ")];
    let folded = fts::index_text(text);
    let all: Vec<&str> = words(&folded).collect();
    let mut start = 0;
    while start < all.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < all.len() && end - start < PART_WORDS && (end == start || bytes + all[end].len() < PART_BYTES) {
            bytes += all[end].len() + 1;
            end += 1;
        }
        out.push(all[start..end].join(" "));
        if end == all.len() {
            break;
        }
        start = end.saturating_sub(OVERLAP).max(start + 1);
    }
    out
}

/// One term in `to_tsquery` syntax: its words in a row, the last one a
/// prefix when the term ends with `*`. Words are alphanumeric: no quote to
/// escape.
fn tsquery(term: &Term) -> String {
    let phrase = term.tokens.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(" <-> ");
    if term.prefix { phrase + ":*" } else { phrase }
}

/// A user's query for PostgreSQL: the parsed terms (for snippets), one
/// `tsquery` per term (all required) and their disjunction (for ranking).
pub(super) struct TextQuery {
    pub terms: Vec<Term>,
    pub each: Vec<String>,
    pub any: String,
}

/// `None` when the query has no word.
pub(super) fn query(q: &str) -> Option<TextQuery> {
    let terms = fts::parse(q);
    if terms.is_empty() {
        return None;
    }
    let each: Vec<String> = terms.iter().map(tsquery).collect();
    let any = each.iter().map(|t| format!("({t})")).collect::<Vec<_>>().join(" | ");
    Some(TextQuery { terms, each, any })
}

/// SQL for the numbers of the documents matching every term; `arg` adds a
/// parameter and returns its placeholder.
pub(super) fn matching_sql(each: &[String], mut arg: impl FnMut(String) -> String) -> String {
    each.iter()
        .map(|t| format!("SELECT doc_num FROM document_terms WHERE terms @@ to_tsquery('simple', {})", arg(t.clone())))
        .collect::<Vec<_>>()
        .join(" INTERSECT ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fold_and_overlap() {
        let p = parts(Some("Gəncə bombardée"), "L’Arménie a démenti.");
        assert_eq!(p, ["gence bombardee", "l armenie a dementi"]);
        let text: String = (0..2500).map(|i| format!("w{i} ")).collect();
        let p = parts(None, &text);
        assert_eq!(p[0], "");
        let first: Vec<&str> = p[1].split(' ').collect();
        let second: Vec<&str> = p[2].split(' ').collect();
        assert_eq!(first.len(), PART_WORDS);
        assert_eq!(second[0], first[PART_WORDS - OVERLAP], "parts overlap");
        assert_eq!(p.last().unwrap().split(' ').next_back(), Some("w2499"));
    }

    #[test]
    fn a_giant_word_makes_progress() {
        let text = format!("{} b", "a".repeat(PART_BYTES * 2));
        let p = parts(None, &text);
        assert_eq!(p.len(), 3, "title, the giant word, then b");
    }

    #[test]
    fn queries_are_phrases_all_required() {
        let q = query("Gəncə \"tirs de missiles\" Arm*").unwrap();
        assert_eq!(q.each, ["'gence'", "'tirs' <-> 'de' <-> 'missiles'", "'arm':*"]);
        assert_eq!(q.any, "('gence') | ('tirs' <-> 'de' <-> 'missiles') | ('arm':*)");
        assert!(query(" \"\" ** ").is_none());
        let mut n = 0;
        let sql = matching_sql(&q.each[..2], |_| {
            n += 1;
            format!("${n}")
        });
        assert!(sql.contains("to_tsquery('simple', $1) INTERSECT") && sql.ends_with("$2)"), "{sql}");
    }
}
