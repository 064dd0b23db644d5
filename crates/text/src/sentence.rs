//! Sentences of a block or segment, for French and English news text.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis followed by a space and
//! something that can start a sentence (a capital, a digit, an opening quote),
//! and always at a line break. It does not end after an abbreviation (`M.`,
//! `Gen.`, `U.S.` before a name; the list is data:
//! `data/lexicons/<lang>/sentence_abbreviations.tsv`), after an initial
//! ("A. Merkel"), inside a number ("10.000", "66.94%") or before a lowercase
//! word or a comma (`« Nous partons. », a-t-il dit.` is one sentence). A
//! closing quote or bracket after the final mark belongs to the sentence.
//!
//! ```
//! use warlog_model::Span;
//! let text = "M. Pashinyan a parlé. « Nous résistons », a-t-il dit.";
//! let s = warlog_text::sentence::split(text, Span::new(0, text.len()));
//! assert_eq!(s.len(), 2);
//! assert_eq!(s[1].slice(text), "« Nous résistons », a-t-il dit.");
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use warlog_lexicon::fold::fold;
use warlog_model::Span;

use crate::plain::is_line_break;

/// What an abbreviation's dot may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Abbrev {
    /// Never ends a sentence: a name or more text follows (`M.`, `Gen.`).
    Title,
    /// Does not end a sentence when a number follows (`n. 5`, `sept. 2020`).
    Number,
    /// Ends one only when a common sentence opener follows (`etc.`, `U.S.`).
    MayEnd,
}

struct Rules {
    /// Abbreviations as written (case-sensitive).
    exact: HashMap<String, Abbrev>,
    /// All-lowercase abbreviations, also matched when capitalised.
    lower: HashMap<String, Abbrev>,
    /// Folded words that commonly open a sentence.
    starters: HashSet<String>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut lower = HashMap::new();
        // Every language's list applies: pages mix languages (quoted tweets).
        for table in warlog_lexicon::tables("sentence_abbreviations") {
            for row in &table.rows {
                let (Some(word), Some(class)) = (row.first(), row.get(1)) else { continue };
                let class = match class.as_str() {
                    "title" => Abbrev::Title,
                    "number" => Abbrev::Number,
                    _ => Abbrev::MayEnd,
                };
                if word.chars().any(char::is_uppercase) {
                    exact.insert(word.clone(), class);
                } else {
                    lower.insert(word.clone(), class);
                }
            }
        }
        let starters = warlog_lexicon::tables("sentence_starters").flat_map(|t| t.keys()).map(fold).collect();
        Rules { exact, lower, starters }
    })
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '’' | '\'' | ')' | ']' | '}' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '"' | '“' | '‘' | '(' | '[' | '‹' | '<' | '¿' | '¡')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•')
}

/// Whitespace inside a line (the line break itself always ends a sentence).
fn is_inline_space(c: char) -> bool {
    c.is_whitespace() && !is_line_break(c)
}

/// `span` moved inside `text` and onto char boundaries.
fn clamp(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Span::new(start, end.max(start))
}

/// `[start, end)` without surrounding whitespace, or `None` when empty.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
}

/// Sentences of `text[span]`, as trimmed spans into `text`, in order. Never
/// panics: a span outside `text` or cutting a character is clamped first.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let span = clamp(text, span);
    let mut out = Vec::new();
    let mut line_start = span.start;
    for line in text[span.start..span.end].split_inclusive(is_line_break) {
        let line_end = line_start + line.len();
        split_line(text, line_start, line_end, &mut out);
        line_start = line_end;
    }
    out
}

/// Sentences of one line `text[start..end]`.
fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let chars: Vec<(usize, char)> = text[start..end].char_indices().map(|(i, c)| (start + i, c)).collect();
    let offset = |k: usize| chars.get(k).map_or(end, |&(o, _)| o);
    let mut piece_start = start;
    let mut i = 0;
    while i < chars.len() {
        if !is_terminator(chars[i].1) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < chars.len() && is_terminator(chars[i].1) {
            i += 1;
        }
        // Closing quotes and brackets (with the spaces French puts before
        // them) belong to the sentence that ends here.
        let mut close = i;
        loop {
            let mut k = close;
            while k < chars.len() && is_inline_space(chars[k].1) {
                k += 1;
            }
            // A straight quote followed by a letter opens the next sentence.
            let opens_next =
                |c: char| matches!(c, '"' | '\'' | '’') && chars.get(k + 1).is_some_and(|n| n.1.is_alphanumeric());
            if k < chars.len() && is_closer(chars[k].1) && !opens_next(chars[k].1) {
                close = k + 1;
            } else {
                break;
            }
        }
        if ends_here(text, &chars, run_start, i, close) {
            if let Some(s) = trimmed(text, piece_start, offset(close)) {
                out.push(s);
            }
            piece_start = offset(close);
        }
        i = close.max(i);
    }
    if let Some(s) = trimmed(text, piece_start, end) {
        out.push(s);
    }
}

/// Whether the terminator run `chars[run_start..run_end]`, closed up to
/// `close`, ends a sentence.
fn ends_here(text: &str, chars: &[(usize, char)], run_start: usize, run_end: usize, close: usize) -> bool {
    let mut k = close;
    while k < chars.len() && is_inline_space(chars[k].1) {
        k += 1;
    }
    let spaced = k > close;
    let Some(&(_, next)) = chars.get(k) else { return true };
    if is_line_break(next) {
        return true;
    }
    let run: Vec<char> = chars[run_start..run_end].iter().map(|&(_, c)| c).collect();
    let single_dot = run == ['.'];
    // "10.000", "66.94", "voltairenet.org", "coups.Ils": no space, no end.
    if !spaced && close == run_end && next.is_alphanumeric() {
        return false;
    }
    if next.is_lowercase() || matches!(next, ',' | ';' | ':' | '%') {
        return false;
    }
    if is_dash(next) {
        // « … » — a-t-il dit: a dash then lowercase continues the sentence.
        let after = chars[k + 1..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
        if after.is_some_and(char::is_lowercase) {
            return false;
        }
    }
    if single_dot {
        let word = &word_before(chars, run_start);
        let next_word = word_at(text, chars, k);
        if let Some(class) = abbreviation(word) {
            return match class {
                Abbrev::Title => false,
                Abbrev::Number => !next.is_ascii_digit(),
                Abbrev::MayEnd => rules().starters.contains(&fold(next_word)),
            };
        }
        if is_initials(word) || is_enumerator(chars, run_start, word) {
            return false;
        }
    }
    next.is_uppercase() || next.is_numeric() || is_opener(next) || is_dash(next) || !next.is_alphabetic()
}

/// The word just before `chars[at]`: back to a space or an opening mark.
fn word_before(chars: &[(usize, char)], at: usize) -> String {
    let mut k = at;
    while k > 0 {
        let c = chars[k - 1].1;
        if c.is_whitespace() || is_opener(c) || matches!(c, '«' | '»' | '(' | '/') {
            break;
        }
        k -= 1;
    }
    chars[k..at].iter().map(|&(_, c)| c).collect()
}

/// The word starting at `chars[at]` (letters and apostrophes).
fn word_at<'a>(text: &'a str, chars: &[(usize, char)], at: usize) -> &'a str {
    let Some(&(start, _)) = chars.get(at) else { return "" };
    let mut end = start;
    for &(o, c) in &chars[at..] {
        if !(c.is_alphanumeric() || matches!(c, '\'' | '’')) {
            break;
        }
        end = o + c.len_utf8();
    }
    &text[start..end]
}

fn abbreviation(word: &str) -> Option<Abbrev> {
    let rules = rules();
    if let Some(&class) = rules.exact.get(word) {
        return Some(class);
    }
    let lower = word.to_lowercase();
    if let Some(&class) = rules.lower.get(&lower) {
        return Some(class);
    }
    // Dotted acronyms not in the list ("R.D.C", "U.A.E") behave like "U.S.".
    let parts: Vec<&str> = word.split('.').collect();
    if parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic)) {
        return Some(Abbrev::MayEnd);
    }
    None
}

/// "1." or "b." opening a numbered line ("1. Le premier point").
fn is_enumerator(chars: &[(usize, char)], at: usize, word: &str) -> bool {
    let numbered = (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    let lettered = word.len() == 1 && word.bytes().all(|b| b.is_ascii_lowercase());
    let line_start = chars[..at - word.chars().count()].iter().all(|&(_, c)| c.is_whitespace() || is_dash(c));
    (numbered || lettered) && line_start
}

/// "A" (as in "A. Merkel"), "J.-P", "G. W": capital initials.
fn is_initials(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| !matches!(c, '.' | '-')).collect();
    !letters.is_empty()
        && letters.len() <= 3
        && letters.iter().all(|c| c.is_uppercase())
        && word.split(['.', '-']).all(|p| p.chars().count() <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len())).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("Les combats continuent. Bakou dément! Pourquoi ? Nul ne sait."),
            ["Les combats continuent.", "Bakou dément!", "Pourquoi ?", "Nul ne sait."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences("M. Pashinyan a vu Mme Dupont et MM. Durand. Fin."),
            ["M. Pashinyan a vu Mme Dupont et MM. Durand.", "Fin."]
        );
        assert_eq!(
            sentences("Gen. Smith met Lt. Jones in St. Petersburg. Then he left."),
            ["Gen. Smith met Lt. Jones in St. Petersburg.", "Then he left."]
        );
        assert_eq!(
            sentences("Pensez vous que A. Merkel a tort ? Non."),
            ["Pensez vous que A. Merkel a tort ?", "Non."]
        );
        assert_eq!(sentences("J.-P. Dupont est venu."), ["J.-P. Dupont est venu."]);
    }

    #[test]
    fn may_end_abbreviations_need_an_opener() {
        assert_eq!(
            sentences("The U.S. Army moved. The U.S. The end."),
            ["The U.S. Army moved.", "The U.S.", "The end."]
        );
        assert_eq!(
            sentences("des chars, des drones, etc. Le lendemain, rien."),
            ["des chars, des drones, etc.", "Le lendemain, rien."]
        );
        assert_eq!(sentences("Le 27 sept. 2020, au n. 5. Puis rien."), ["Le 27 sept. 2020, au n. 5.", "Puis rien."]);
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            sentences("Il reste 66.94% à lire. Soit 10.000 livres [1.100 euros]. Fin."),
            ["Il reste 66.94% à lire.", "Soit 10.000 livres [1.100 euros].", "Fin."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(sentences("Et puis… rien. Ou alors... Demain."), ["Et puis… rien.", "Ou alors...", "Demain."]);
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        assert_eq!(
            sentences("Il a dit : « Nous partons. » Puis il est parti."),
            ["Il a dit : « Nous partons. »", "Puis il est parti."]
        );
        assert_eq!(
            sentences("He said \u{201c}We will win.\u{201d} Then he left."),
            ["He said \u{201c}We will win.\u{201d}", "Then he left."]
        );
        assert_eq!(
            sentences("\"It is a lie.\" The ministry denied it."),
            ["\"It is a lie.\"", "The ministry denied it."]
        );
        assert_eq!(sentences("He left. \"We will win,\" he said."), ["He left.", "\"We will win,\" he said."]);
    }

    #[test]
    fn quote_continued_after_closing_mark_stays_one_sentence() {
        assert_eq!(sentences("« Nous partons. », a-t-il dit. Fin."), ["« Nous partons. », a-t-il dit.", "Fin."]);
        assert_eq!(sentences("« Pourquoi ? » a-t-il demandé."), ["« Pourquoi ? » a-t-il demandé."]);
        assert_eq!(sentences("\"We are ready!\" — he said."), ["\"We are ready!\" — he said."]);
        // A quote of two sentences splits inside; the attribution stays with the last.
        assert_eq!(
            sentences("« Nous appelons au calme. Nous appelons aussi au dialogue », a dit le groupe."),
            ["« Nous appelons au calme.", "Nous appelons aussi au dialogue », a dit le groupe."]
        );
    }

    #[test]
    fn line_breaks_bullets_and_headings() {
        let text = "Titre sans point\n- Premier point\n• Second point. Suite.\r\n  \nDernière ligne\rFin";
        assert_eq!(
            sentences(text),
            ["Titre sans point", "- Premier point", "• Second point.", "Suite.", "Dernière ligne", "Fin"]
        );
    }

    #[test]
    fn numbered_lines_and_common_english() {
        assert_eq!(
            sentences("1. Le premier point. Suite.\n2. Le second"),
            ["1. Le premier point.", "Suite.", "2. Le second"]
        );
        assert_eq!(
            sentences("Mr. Zelensky met U.S.-backed forces at 5 p.m. The talks failed."),
            ["Mr. Zelensky met U.S.-backed forces at 5 p.m.", "The talks failed."]
        );
        assert_eq!(sentences("M.\u{a0}Aliev affirme ceci. Fin."), ["M.\u{a0}Aliev affirme ceci.", "Fin."]);
        assert_eq!(
            sentences("Il a été tué en 2020. 12 soldats sont morts."),
            ["Il a été tué en 2020.", "12 soldats sont morts."]
        );
    }

    #[test]
    fn links_and_domains_do_not_split() {
        assert_eq!(
            sentences("Voir https://www.voltairenet.org/article210948.html pour plus."),
            ["Voir https://www.voltairenet.org/article210948.html pour plus."]
        );
    }

    #[test]
    fn works_on_a_sub_span_and_clamps_bad_spans() {
        let text = "Avant. Gəncə bombardée. Après.";
        let start = text.find("Gəncə").unwrap();
        let end = text.find(" Après").unwrap();
        let s = split(text, Span::new(start, end));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].slice(text), "Gəncə bombardée.");
        // Cuts inside the schwa and past the end: clamped, no panic.
        let s = split(text, Span::new(start + 2, text.len() + 10));
        assert!(s.iter().all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end)));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_spans_in_bounds(s in "\\PC{0,80}", a in 0usize..100, b in 0usize..100) {
            let text = s.replace('x', ". ").replace('y', "\n");
            let spans = split(&text, Span::new(a.min(b), a.max(b)));
            let mut last = 0;
            for sp in spans {
                proptest::prop_assert!(sp.start < sp.end && sp.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
                proptest::prop_assert!(sp.start >= last);
                last = sp.end;
                let piece = sp.slice(&text);
                proptest::prop_assert_eq!(piece, piece.trim());
            }
        }
    }
}
