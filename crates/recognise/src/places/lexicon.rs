//! The word lists the places recogniser reads (`data/lexicons/<lang>/places_*.tsv`):
//! stoplist, cues around a name, metonym cues and directions, folded once
//! into lookup tables.
//!
//! Stoplists of every language apply to every text (a French page quotes
//! English words); cues are per language, falling back to all languages for
//! an unknown one.

use super::hash::{Map as HashMap, Set as HashSet};

/// How a phrase before (or after) a name bears on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A locative preposition ("à", "in").
    At,
    /// An approximate location ("près de", "near").
    Near,
    /// A division named after its seat ("région de X"): precision near.
    Admin,
    /// A division word after the name ("X region").
    AdminAfter,
    /// A settlement noun ("village de X").
    Settlement,
    /// A title before a person's name.
    Title,
    /// A word stepped over when looking for a verb or cue.
    Skip,
}

/// Where a metonym cue stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetonymCue {
    After,
    Plural,
    Before,
}

/// A compass direction of a part of a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    N,
    S,
    E,
    W,
    NE,
    NW,
    SE,
    SW,
}

impl Direction {
    fn parse(s: &str) -> Option<Direction> {
        Some(match s {
            "N" => Direction::N,
            "S" => Direction::S,
            "E" => Direction::E,
            "W" => Direction::W,
            "NE" => Direction::NE,
            "NW" => Direction::NW,
            "SE" => Direction::SE,
            "SW" => Direction::SW,
            _ => return None,
        })
    }

    /// Unit steps (north, east) of the direction.
    pub fn steps(self) -> (f64, f64) {
        match self {
            Direction::N => (1.0, 0.0),
            Direction::S => (-1.0, 0.0),
            Direction::E => (0.0, 1.0),
            Direction::W => (0.0, -1.0),
            Direction::NE => (1.0, 1.0),
            Direction::NW => (1.0, -1.0),
            Direction::SE => (-1.0, 1.0),
            Direction::SW => (-1.0, -1.0),
        }
    }
}

/// The lists for one language.
#[derive(Debug, Default)]
pub struct LangLists {
    pub cues: HashMap<String, Cue>,
    pub metonym: HashMap<String, Vec<MetonymCue>>,
    pub directions: HashMap<String, Direction>,
    pub connectors: HashSet<String>,
    /// Direction words that stand right before a name ("northern X").
    pub adjectives: HashSet<String>,
}

/// All lists, folded (see [`norm`]).
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lookup keys of words that are never a place on their own.
    pub stop: HashSet<String>,
    /// Phrases of several words that are not places though they contain a
    /// place name ("United Russia", "Voice of America"): each contiguous part
    /// that may be a spot's key, with the part's offset in the phrase and
    /// the phrase's words (keys).
    pub stop_phrases: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// Lookup keys of common given names ("Howard", "Mohammed").
    pub given: HashSet<String>,
    /// Lookup keys of common family names ("Bell", "Flores").
    pub surnames: HashSet<String>,
    /// Demonyms and place adjectives ("Russian", "arméniennes"), as [`norm`]
    /// forms, with the place they stand for (an ISO alpha-2 code or a name)
    /// and whether the text must capitalise them (English forms).
    pub demonyms: HashMap<String, (String, bool)>,
    /// First words of the demonyms of two words ("sri" of "Sri Lankan").
    pub demonym_heads: HashSet<String>,
    langs: HashMap<String, LangLists>,
    /// Union of all languages, for a text whose language is unknown.
    any: LangLists,
}

/// Form used for cue words: lowercase with typographic apostrophes
/// straightened ("D’après" → "d'après"). Accents stay: French "à" (at) and
/// "a" (has) are different cues.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// [`norm`], appended to `out`.
pub fn norm_into(s: &str, out: &mut String) {
    let s = s.trim();
    // ASCII has no typographic apostrophe and lowercases byte by byte.
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    out.push_str(&s.to_lowercase().replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'"));
}

impl Lexicon {
    /// Reads every `places_*` list the lexicon crate carries.
    pub fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        for t in warlog_lexicon::tables("places_stop") {
            for k in t.keys().map(warlog_gazetteer::key).filter(|k| !k.is_empty()) {
                if k.contains(' ') {
                    let words: Vec<String> = k.split(' ').map(str::to_string).collect();
                    for start in 0..words.len() {
                        for end in start + 1..=words.len() {
                            let part = words[start..end].join(" ");
                            lex.stop_phrases.entry(part).or_default().push((start, words.clone()));
                        }
                    }
                } else {
                    lex.stop.insert(k);
                }
            }
        }
        for t in warlog_lexicon::tables("places_demonyms") {
            for r in t.rows.iter().filter(|r| r.len() >= 2 && !r[0].is_empty() && !r[1].is_empty()) {
                let capital = r[0].chars().next().is_some_and(char::is_uppercase);
                let form = norm(&r[0]);
                if let Some((head, _)) = form.split_once(' ') {
                    lex.demonym_heads.insert(head.to_string());
                }
                lex.demonyms.entry(form).or_insert((r[1].clone(), capital));
            }
        }
        for t in warlog_lexicon::tables("places_surnames") {
            lex.surnames.extend(t.keys().map(warlog_gazetteer::key).filter(|k| !k.is_empty()));
        }
        for t in warlog_lexicon::tables("places_given_names") {
            lex.given.extend(t.keys().map(warlog_gazetteer::key).filter(|k| !k.is_empty()));
        }
        let mut langs: Vec<String> = warlog_lexicon::languages().into_iter().map(str::to_string).collect();
        langs.push("common".into());
        for lang in langs {
            let mut lists = LangLists::default();
            fill(&mut lists, &lang);
            fill(&mut lex.any, &lang);
            lex.langs.insert(lang, lists);
        }
        lex
    }

    /// The lists of `lang` (two-letter code), or all languages merged.
    pub fn lang(&self, lang: &str) -> &LangLists {
        let code = lang.get(..2).unwrap_or(lang).to_ascii_lowercase();
        self.langs.get(&code).filter(|l| !l.cues.is_empty()).unwrap_or(&self.any)
    }
}

fn fill(lists: &mut LangLists, lang: &str) {
    if let Some(t) = warlog_lexicon::table(lang, "places_cues") {
        for r in &t.rows {
            let kind = match r.get(1).map(String::as_str) {
                Some("at") => Cue::At,
                Some("near") => Cue::Near,
                Some("admin") => Cue::Admin,
                Some("admin_after") => Cue::AdminAfter,
                Some("settlement") => Cue::Settlement,
                Some("title") => Cue::Title,
                Some("skip") => Cue::Skip,
                _ => continue,
            };
            lists.cues.entry(norm(&r[0])).or_insert(kind);
        }
    }
    if let Some(t) = warlog_lexicon::table(lang, "places_metonym") {
        for r in &t.rows {
            let kind = match r.get(1).map(String::as_str) {
                Some("after") => MetonymCue::After,
                Some("plural") => MetonymCue::Plural,
                Some("before") => MetonymCue::Before,
                _ => continue,
            };
            lists.metonym.entry(norm(&r[0])).or_default().push(kind);
        }
    }
    if let Some(t) = warlog_lexicon::table(lang, "places_directions") {
        for r in &t.rows {
            match r.get(1).map(String::as_str) {
                Some("of") => {
                    lists.connectors.insert(norm(&r[0]));
                }
                Some(d) => {
                    if let Some(dir) = Direction::parse(d) {
                        lists.directions.insert(norm(&r[0]), dir);
                        if r.get(2).is_some_and(|a| a == "adj") {
                            lists.adjectives.insert(norm(&r[0]));
                        }
                    }
                }
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_fold() {
        let lex = Lexicon::load();
        assert!(lex.stop.contains("selon") && lex.stop.contains("may"));
        assert!(lex.given.contains("howard") && lex.given.contains("jean pierre") && !lex.given.contains("georgia"));
        assert!(lex.surnames.contains("flores") && lex.surnames.contains("mcdonald"));
        assert_eq!(lex.demonyms["sri lankans"], ("LK".to_string(), true));
        assert_eq!(lex.demonyms["arméniennes"], ("AM".to_string(), false));
        assert!(lex.stop_phrases["russia"].iter().any(|(at, words)| *at == 1 && words[0] == "united"));
        let fr = lex.lang("fr");
        assert_eq!(fr.cues.get("près de"), Some(&Cue::Near));
        assert_eq!(fr.cues.get("région de"), Some(&Cue::Admin));
        assert_eq!(fr.cues.get("à"), Some(&Cue::At));
        assert_eq!(fr.cues.get("a"), Some(&Cue::Skip));
        assert_eq!(fr.directions.get("sud-ouest"), Some(&Direction::SW));
        assert!(lex.lang("en").metonym["said"].contains(&MetonymCue::After));
        assert!(lex.lang("xx").cues.contains_key("près de"), "unknown language falls back to all lists");
    }
}
