//! Cue lists read from the data files: what class/id values say about an
//! element (`common/html_class_cues.tsv`) and which short texts are page
//! furniture in each language (`<lang>/html_boilerplate.tsv`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// What an element's class/id values say about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    pub content: bool,
    pub boilerplate: bool,
    pub comment: bool,
    pub social: bool,
    pub caption: bool,
    pub hidden: bool,
    /// Author, date or buttons of a reader comment.
    pub comment_meta: bool,
}

impl Hints {
    fn set(&mut self, kind: Kind) {
        match kind {
            Kind::Content => self.content = true,
            Kind::Boilerplate => self.boilerplate = true,
            Kind::Comment => self.comment = true,
            Kind::Social => self.social = true,
            Kind::Caption => self.caption = true,
            Kind::Hidden => self.hidden = true,
            Kind::CommentMeta => self.comment_meta = true,
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Content,
    Boilerplate,
    Comment,
    Social,
    Caption,
    Hidden,
    CommentMeta,
}

/// A multiply-and-rotate hasher for the cue maps: they are looked up for
/// every word of every class attribute, and their keys are ours (no
/// chosen-key attack to fear).
#[derive(Clone, Copy, Default)]
struct CueHasher(u64);

impl Hasher for CueHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Keys are the cue lists' own; a page's words are only looked up, so a
/// page cannot grow a map with colliding keys.
type CueMap = HashMap<String, Vec<Kind>, BuildHasherDefault<CueHasher>>;

struct ClassCues {
    words: CueMap,
    /// Prefix cues by their first byte (a word is checked against its own
    /// bucket only); an empty prefix, matching every word, in bucket 0.
    prefixes: Vec<Vec<(String, Kind)>>,
    tokens: CueMap,
    /// Substring cues by their first byte, for one pass over the value; an
    /// empty one, found in every value, in bucket 0.
    parts: Vec<Vec<(String, Kind)>>,
}

impl Default for ClassCues {
    fn default() -> Self {
        ClassCues {
            words: CueMap::default(),
            prefixes: vec![Vec::new(); 256],
            tokens: CueMap::default(),
            parts: vec![Vec::new(); 256],
        }
    }
}

/// The bucket of a cue: its first byte (0 for an empty cue).
fn bucket(cue: &str) -> usize {
    cue.bytes().next().map_or(0, usize::from)
}

fn class_cues() -> &'static ClassCues {
    static CUES: OnceLock<ClassCues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues = ClassCues::default();
        let Some(table) = warlog_lexicon::table("common", "html_class_cues") else { return cues };
        for row in &table.rows {
            let (Some(cue), Some(kind)) = (row.first(), row.get(1)) else { continue };
            let kind = match kind.as_str() {
                "content" => Kind::Content,
                "boilerplate" => Kind::Boilerplate,
                "comment" => Kind::Comment,
                "social" => Kind::Social,
                "caption" => Kind::Caption,
                "hidden" => Kind::Hidden,
                "comment_meta" => Kind::CommentMeta,
                _ => continue,
            };
            let cue = cue.to_ascii_lowercase();
            match row.get(2).map(String::as_str).unwrap_or("word") {
                "prefix" => cues.prefixes[bucket(&cue)].push((cue, kind)),
                "token" => cues.tokens.entry(cue).or_default().push(kind),
                "part" => cues.parts[bucket(&cue)].push((cue, kind)),
                _ => cues.words.entry(cue).or_default().push(kind),
            }
        }
        cues
    })
}

/// Reads the cues in an element's lowercased hint string (see
/// [`super::dom::NodeData::Element`]).
pub fn hints(value: &str) -> Hints {
    let mut hints = Hints::default();
    if value.is_empty() {
        return hints;
    }
    let cues = class_cues();
    for token in value.split_ascii_whitespace() {
        if let Some(kinds) = cues.tokens.get(token) {
            kinds.iter().for_each(|&k| hints.set(k));
        }
    }
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if let Some(kinds) = cues.words.get(word) {
            kinds.iter().for_each(|&k| hints.set(k));
        }
        let bucket = &cues.prefixes[usize::from(word.as_bytes()[0])];
        for (prefix, kind) in bucket.iter().chain(&cues.prefixes[0]) {
            if word.starts_with(prefix.as_str()) {
                hints.set(*kind);
            }
        }
    }
    // `value.contains(part)` for every part, in one pass.
    let bytes = value.as_bytes();
    cues.parts[0].iter().for_each(|(_, k)| hints.set(*k));
    for (i, &b) in bytes.iter().enumerate() {
        for (part, kind) in &cues.parts[usize::from(b)] {
            if bytes[i..].starts_with(part.as_bytes()) {
                hints.set(*kind);
            }
        }
    }
    hints
}

/// How a furniture phrase must sit in a block.
#[derive(Clone, Copy, PartialEq)]
enum Position {
    Start,
    Whole,
    Any,
}

fn phrases() -> &'static Vec<(String, Position)> {
    static PHRASES: OnceLock<Vec<(String, Position)>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut out = Vec::new();
        for table in warlog_lexicon::tables("html_boilerplate") {
            for row in &table.rows {
                let Some(phrase) = row.first() else { continue };
                let position = match row.get(1).map(String::as_str) {
                    Some("whole") => Position::Whole,
                    Some("any") => Position::Any,
                    _ => Position::Start,
                };
                out.push((warlog_lexicon::fold::fold(phrase), position));
            }
        }
        out
    })
}

/// Blocks longer than this are never furniture by phrase alone.
const MAX_FURNITURE_CHARS: usize = 160;

/// True when a block's text is page furniture ("Lire aussi : ...",
/// "Sign up for our newsletter", a cookie notice).
pub fn is_furniture(text: &str) -> bool {
    if text.len() > MAX_FURNITURE_CHARS * 4 || text.chars().count() > MAX_FURNITURE_CHARS {
        return false;
    }
    let folded = warlog_lexicon::fold::fold(text);
    let trimmed = folded.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    phrases().iter().any(|(phrase, position)| match position {
        Position::Whole => trimmed == phrase,
        Position::Start => {
            trimmed.starts_with(phrase.as_str())
                && trimmed[phrase.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
        }
        Position::Any => trimmed.contains(phrase.as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_prefixes_and_tokens() {
        let h = hints("article-body story-content");
        assert!(h.content && !h.boilerplate);
        assert!(hints("social-share-bar").boilerplate);
        assert!(hints("comments-section").comment);
        assert!(hints("twitter-tweet").social);
        assert!(hints("sr-only").hidden);
        assert!(!hints("hidden-xs").hidden, "responsive helpers are not hidden content");
        assert!(!hints("header shadow").boilerplate, "'ad' is matched as a word, not inside words");
    }

    #[test]
    fn furniture_phrases() {
        assert!(is_furniture("Lire aussi : Haut-Karabakh, la trêve rompue"));
        assert!(is_furniture("Il vous reste 72% de cet article à lire."));
        assert!(is_furniture("Share"));
        assert!(is_furniture("Sign up for our daily newsletter"));
        assert!(!is_furniture("Shares in the company fell by 4%."));
        assert!(!is_furniture("Partagée entre deux camps, la ville a été bombardée."));
    }
}
