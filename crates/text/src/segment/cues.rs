//! Cue lists of the segmenter, read once from the lexicon data files
//! (`data/lexicons/<lang>/segment_*.tsv`) and matched on folded text.
//!
//! Every language's list applies to every page: pages mix languages (an
//! English tweet in a French article, a French comment under an English
//! page), and a cue of one language rarely means something else in another.

use std::collections::HashMap;
use std::sync::OnceLock;

use warlog_lexicon::fold::fold;

/// How a cue must sit in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    /// The whole line is the cue (bullets and end punctuation aside).
    Line,
    /// The line starts with the cue.
    Prefix,
    /// The cue occurs anywhere, on word boundaries.
    Contains,
    /// The line is the cue, maybe after a number ("12 commentaires").
    Count,
    /// A number, then the cue, then anything ("12 réponses à « … »").
    Numbered,
}

/// One cue of a list.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    /// Folded text of the cue.
    pub text: String,
    pub how: How,
    pub class: String,
    pub max_chars: Option<usize>,
    /// [`core`] of the text, computed once.
    core: String,
    /// The [`Words`] bit of the cue's first word, when it starts with one:
    /// a line where the cue occurs on word boundaries has that exact word.
    lead: Option<u8>,
}

impl Cue {
    pub(crate) fn new(text: String, how: How, class: String, max_chars: Option<usize>) -> Cue {
        let core = core(&text).to_string();
        let lead_len = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
        let lead = (lead_len > 0).then(|| word_bit(&text[..lead_len]));
        Cue { text, how, class, max_chars, core, lead }
    }
}

/// A line about to be matched against many cues: what every cue would
/// compute again, computed once. Its [`Words`] are a quick necessary test
/// for `Contains` cues: a cue starting with a word occurs on word
/// boundaries only where the line has that word.
pub(crate) struct Probe<'a> {
    norm: &'a str,
    core: &'a str,
    words: Words,
}

impl<'a> Probe<'a> {
    /// A probe of a normalised line (see [`norm`]).
    pub(crate) fn new(norm: &'a str) -> Probe<'a> {
        Probe { norm, core: core(norm), words: Words::of(norm) }
    }

    /// A probe with the line's [`Words`] already computed.
    pub(crate) fn with_words(norm: &'a str, words: Words) -> Probe<'a> {
        Probe { norm, core: core(norm), words }
    }

    fn may_contain(&self, cue: &Cue) -> bool {
        cue.lead.is_none_or(|bit| self.words.has(bit))
    }

    /// Occurrences of `cue` on word boundaries (as [`occurrences`]).
    fn occurrences(&self, cue: &Cue) -> usize {
        if self.may_contain(cue) { occurrences(self.norm, &cue.text) } else { 0 }
    }
}

/// The words of a line (maximal alphanumeric runs) as a 256-bit set of
/// hashes: a word absent from the set is absent from the line (a word
/// present may be a collision, which only costs a search).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Words([u64; 4]);

impl Words {
    pub(crate) fn of(norm: &str) -> Words {
        let mut set = Words::default();
        for w in norm.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let bit = word_bit(w);
            set.0[usize::from(bit >> 6)] |= 1 << (bit & 63);
        }
        set
    }

    fn has(&self, bit: u8) -> bool {
        self.0[usize::from(bit >> 6)] & (1 << (bit & 63)) != 0
    }
}

/// Which of the 256 bits a word sets (FNV-1a, folded to a byte).
fn word_bit(word: &str) -> u8 {
    let mut h: u32 = 0x811c_9dc5;
    for b in word.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24)) as u8
}

/// A list of cues, in file order.
#[derive(Clone, Debug, Default)]
pub(crate) struct CueList {
    pub cues: Vec<Cue>,
}

impl CueList {
    /// All rows of the lists named `name`; `default_how` for files without
    /// a `how` column (class then comes second).
    fn load(name: &str, default_how: Option<How>) -> CueList {
        let mut cues = Vec::new();
        for table in warlog_lexicon::tables(name) {
            for row in &table.rows {
                let Some(text) = row.first().map(|t| norm(t)).filter(|t| !t.is_empty()) else { continue };
                let (how, class, max) = match default_how {
                    Some(how) => (how, row.get(1).cloned().unwrap_or_default(), None),
                    None => {
                        let how = match row.get(1).map(String::as_str) {
                            Some("line") => How::Line,
                            Some("prefix") => How::Prefix,
                            Some("count") => How::Count,
                            Some("numbered") => How::Numbered,
                            _ => How::Contains,
                        };
                        (how, row.get(2).cloned().unwrap_or_default(), row.get(3).and_then(|m| m.parse().ok()))
                    }
                };
                cues.push(Cue::new(text, how, class, max));
            }
        }
        CueList { cues }
    }

    /// The first cue matching a line (`chars` is its length in characters).
    pub fn find(&self, line: &Probe<'_>, chars: usize) -> Option<&Cue> {
        self.cues.iter().find(|c| c.max_chars.is_none_or(|m| chars <= m) && matches(c, line))
    }

    /// Cues of `class` occurring anywhere in the line (word boundaries), counted.
    pub fn count_class(&self, line: &Probe<'_>, class: &str) -> usize {
        self.cues.iter().filter(|c| c.class == class).map(|c| line.occurrences(c)).sum()
    }

    /// Whether a cue of `class` occurs in the line (word boundaries).
    pub fn has_class(&self, line: &Probe<'_>, class: &str) -> bool {
        self.cues.iter().any(|c| c.class == class && line.occurrences(c) > 0)
    }
}

/// All cue lists.
pub(crate) struct Cues {
    pub boilerplate: CueList,
    pub caption: CueList,
    pub social: CueList,
    pub comment: CueList,
    pub timestamp: CueList,
    /// Folded month name → month number.
    pub months: HashMap<String, i8>,
}

pub(crate) fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let months = warlog_lexicon::tables("segment_months")
            .flat_map(|t| t.rows.iter())
            .filter_map(|r| Some((fold(r.first()?), r.get(1)?.parse().ok()?)))
            .collect();
        Cues {
            boilerplate: CueList::load("segment_boilerplate", None),
            caption: CueList::load("segment_caption", Some(How::Contains)),
            social: CueList::load("segment_social", Some(How::Contains)),
            comment: CueList::load("segment_comment", Some(How::Contains)),
            timestamp: CueList::load("segment_timestamp", Some(How::Contains)),
            months,
        }
    })
}

/// Folded, whitespace collapsed, trimmed, no space before `:;?!` (French
/// typography): the form cues are matched on.
pub(crate) fn norm(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        let tight = matches!(word, ":" | ";" | "?" | "!") || word.starts_with([':', ';', '?', '!']);
        if !out.is_empty() && !tight {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `s` without leading bullets/dashes and trailing punctuation, for whole-line
/// comparisons ("• Imprimer", "Partager :", "SOURCE:").
pub(crate) fn core(s: &str) -> &str {
    s.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '#')
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '!' | '>' | '|' | '-' | '*'))
}

fn matches(cue: &Cue, probe: &Probe<'_>) -> bool {
    let (norm, line, cue_core) = (probe.norm, probe.core, cue.core.as_str());
    match cue.how {
        How::Line => line == cue_core,
        How::Count => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            rest == cue_core
        }
        How::Prefix => {
            let start = norm.trim_start_matches(|c: char| !c.is_alphanumeric());
            start.starts_with(cue.text.as_str()) && boundary_after(start, cue.text.len(), &cue.text)
        }
        How::Contains => probe.occurrences(cue) > 0,
        How::Numbered => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let rest = line[digits..].trim_start();
            digits > 0 && rest.starts_with(cue.text.as_str()) && boundary_after(rest, cue.text.len(), &cue.text)
        }
    }
}

/// True when `s[at..]` does not continue the word the cue ended with.
fn boundary_after(s: &str, at: usize, cue: &str) -> bool {
    let ends_in_word = cue.chars().last().is_some_and(char::is_alphanumeric);
    !ends_in_word || !s[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Occurrences of `needle` in `hay` on word boundaries.
pub(crate) fn occurrences(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let starts_in_word = needle.chars().next().is_some_and(char::is_alphanumeric);
    let mut count = 0;
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let at = from + pos;
        let before_ok = !starts_in_word || !hay[..at].chars().last().is_some_and(char::is_alphanumeric);
        // An elided cue ("j'") is followed directly by its word.
        let elided = needle.ends_with('\'');
        if before_ok && (elided || boundary_after(hay, at + needle.len(), needle)) {
            count += 1;
        }
        from = at + needle.len();
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(text: &str, how: How) -> Cue {
        Cue::new(norm(text), how, String::new(), None)
    }

    fn matches(cue: &Cue, norm: &str) -> bool {
        super::matches(cue, &Probe::new(norm))
    }

    #[test]
    fn line_prefix_count_contains() {
        assert!(matches(&cue("imprimer", How::Line), &norm("  • Imprimer :")));
        assert!(!matches(&cue("imprimer", How::Line), &norm("Imprimer la page")));
        assert!(matches(&cue("lire aussi", How::Prefix), &norm("Lire aussi: Le False flag")));
        assert!(!matches(&cue("lire aussi", How::Prefix), &norm("Relire aussi")));
        assert!(matches(&cue("comments", How::Count), &norm("0 Comments")));
        assert!(matches(&cue("source :", How::Prefix), &norm("SOURCE: FRENCH PRESS TV")));
        assert!(matches(&cue("thoughts on", How::Numbered), &norm("12 thoughts on “Ukraine: a long war”")));
        assert!(!matches(&cue("thoughts on", How::Numbered), &norm("Kyiv's thoughts on the deal")));
        assert!(matches(&cue("commentaires", How::Count), &norm("Commentaires")));
        assert!(matches(
            &cue("de cet article a lire", How::Contains),
            &norm("Il vous reste 66.94% de cet article à lire.")
        ));
    }

    #[test]
    fn occurrences_respect_word_boundaries() {
        assert_eq!(occurrences("je crois que vous", "je"), 1);
        assert_eq!(occurrences("jeudi", "je"), 0);
        assert_eq!(occurrences("j'attendais", "j'"), 1);
        assert_eq!(occurrences("aujourd'hui", "d'"), 0);
    }

    #[test]
    fn probe_agrees_with_a_plain_search() {
        let lines = [
            "lire aussi : la suite",
            "je crois que vous",
            "jeudi soir",
            "j'attendais (@someone)",
            "photo : archive (afp)",
            "12 commentaires",
            "l'armee a tire",
            "",
        ];
        for list in [&cues().boilerplate, &cues().caption, &cues().social, &cues().comment, &cues().timestamp] {
            for line in lines {
                let probe = Probe::new(line);
                for c in &list.cues {
                    assert_eq!(probe.occurrences(c), occurrences(line, &c.text), "{line:?} {:?}", c.text);
                }
            }
        }
    }

    #[test]
    fn data_files_load() {
        let c = cues();
        assert!(c.boilerplate.cues.len() > 50);
        assert!(!c.caption.cues.is_empty() && !c.social.cues.is_empty() && !c.comment.cues.is_empty());
        assert_eq!(c.months.get("octobre"), Some(&10));
        assert_eq!(c.months.get("october"), Some(&10));
    }
}
