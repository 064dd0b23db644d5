//! Spotting: the word sequences of a text that are names in the gazetteer,
//! with the cues around each that say whether and how it is a place.
//!
//! A spot starts at a capitalised word (or an article before one: "le
//! Caire", or a lowercase word of a name listed so: "bande de Gaza"), takes
//! the longest run of up to [`MAX_WORDS`] words whose key is in the
//! gazetteer, and ends on a capitalised word. Nothing is decided here: the
//! features feed [`super::resolve`].

use super::hash::Set as HashSet;

use warlog_gazetteer::{Gazetteer, PlaceKind, Posting, key, key_into};
use warlog_model::Span;

use super::lexicon::{Cue, Direction, LangLists, Lexicon, MetonymCue, norm, norm_into};
use crate::token::{Token, TokenKind, tokenize};

/// Longest name tried, in words ("Saint-Pierre-et-Miquelon" is one word).
pub const MAX_WORDS: usize = 6;

/// Lowercase articles a name of two or more words may start with in running
/// text ("la Mecque", "the Hague"). Elided "l'" is not one: glued to the
/// noun, it would turn "l'Homme" into a one-word name.
const ARTICLES: &[&str] = &["le", "la", "les", "the"];

/// What the words around a spot say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feats {
    /// First word of a sentence, line or quote: its capital says nothing.
    pub sentence_initial: bool,
    /// A cue just before ("à", "près de", "région de", "village de").
    pub before: Option<Cue>,
    /// A division word just after ("X region", "X district").
    pub admin_after: bool,
    /// A title just before ("le président X", "Gen. X"): a person.
    pub title: bool,
    /// A given name or an initial just before ("Howard Brown", "Tyrise M.
    /// Bell"): a person's surname.
    pub person_before: bool,
    /// A given name followed by a capitalised word ("Roy Jones", "Linda
    /// Daily"): the start of a person's name.
    pub given_name: bool,
    /// A one-word name that is also a common family name ("Bell").
    pub family_name: bool,
    /// Followed by a capitalised word that is not itself a place.
    pub next_cap: bool,
    /// Preceded by a capitalised word that is not a place, a title or a
    /// sentence start.
    pub prev_cap: bool,
    /// A speech or action verb follows ("said", "affirme").
    pub verb_after: bool,
    /// A plural verb follows ("X et Y sont").
    pub plural_after: bool,
    /// A metonym cue precedes ("selon", "according to", "accusé").
    pub metonym_before: bool,
    /// A part of the place is meant ("le nord du X", "northern X").
    pub direction: Option<Direction>,
    /// In the stoplist: not a place on its own.
    pub stop: bool,
    /// Every word of the name is in the stoplist ("A La", "West Bank"):
    /// only a country's, area's or capital's own name survives that.
    pub stop_words: bool,
    /// The same word is a person's surname elsewhere in the document
    /// ("John Kelly ... Kelly said").
    pub surname: bool,
    /// The same word appears lowercase elsewhere in the document.
    pub lowercase_elsewhere: bool,
    /// Joined to the previous spot by a comma or "et"/"and" (a list).
    pub listed_after: Option<usize>,
    /// Joined to the previous spot by "et"/"and".
    pub coordinated: bool,
}

/// A name found in the text.
#[derive(Clone, Debug)]
pub struct Spot {
    pub span: Span,
    pub key: String,
    pub words: usize,
    pub postings: Vec<Posting>,
    /// One of the name's first candidates is a country, a first-order
    /// division, an area or a capital under its own name.
    pub strong: bool,
    pub feats: Feats,
    /// Index of the sentence the spot is in (per document, increasing).
    pub sentence: usize,
    /// Token range in its region, for neighbourhood tests.
    pub(crate) region: usize,
    pub(crate) first: usize,
    pub(crate) last: usize,
}

/// Tokens of one region with the per-token facts spotting needs.
pub(crate) struct Region<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    /// [`norm`] and [`key`] of every token: for a lowercase ASCII word
    /// (most words) both are its text; for others, `strings[a..b]` and
    /// `strings[b..c]` with `bounds[i] = (a, b, c)` (one buffer, not a
    /// string per word).
    strings: String,
    bounds: Vec<(u32, u32, u32)>,
    /// A sentence starts at this token.
    pub starts: Vec<bool>,
    /// Sentence number of each token.
    pub sentence: Vec<usize>,
}

/// A token whose [`norm`] and [`key`] are its own text.
const PLAIN: (u32, u32, u32) = (u32::MAX, u32::MAX, u32::MAX);

fn plain(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn is_boundary_punct(s: &str) -> bool {
    matches!(
        s,
        "." | "!"
            | "?"
            | "…"
            | ":"
            | ";"
            | "«"
            | "»"
            | "\""
            | "“"
            | "”"
            | "("
            | ")"
            | "["
            | "]"
            | "|"
            | "•"
            | "—"
            | "–"
    )
}

impl<'t> Region<'t> {
    pub fn new(text: &'t str, span: Span, first_sentence: usize) -> Region<'t> {
        let tokens = tokenize(text, span);
        let mut strings = String::with_capacity(2 * span.len());
        let bounds = tokens
            .iter()
            .map(|t| {
                if plain(t.text(text)) {
                    return PLAIN;
                }
                let a = strings.len() as u32;
                norm_into(t.text(text), &mut strings);
                let b = strings.len() as u32;
                key_into(t.text(text), &mut strings);
                (a, b, strings.len() as u32)
            })
            .collect();
        let mut starts = vec![false; tokens.len()];
        let mut sentence = vec![first_sentence; tokens.len()];
        let mut current = first_sentence;
        for i in 0..tokens.len() {
            let start = i == 0 || gap_has_newline(text, &tokens, i) || {
                let prev = &tokens[i - 1];
                prev.kind == TokenKind::Punct
                    && is_boundary_punct(prev.text(text))
                    && !initial_dot(text, &tokens, i - 1)
            };
            if start && i > 0 {
                current += 1;
            }
            starts[i] = start;
            sentence[i] = current;
        }
        Region { text, tokens, strings, bounds, starts, sentence }
    }

    /// The [`norm`] form of token `i`.
    pub fn folded(&self, i: usize) -> &str {
        match self.bounds[i] {
            PLAIN => self.tokens[i].text(self.text),
            (a, b, _) => &self.strings[a as usize..b as usize],
        }
    }

    /// The lookup [`key`] of token `i`.
    pub fn key(&self, i: usize) -> &str {
        match self.bounds[i] {
            PLAIN => self.tokens[i].text(self.text),
            (_, b, c) => &self.strings[b as usize..c as usize],
        }
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalised(self.text))
    }

    /// Capitalised because it is a name, not merely as the first word of a
    /// sentence. A word after an elided article is not a sentence start, so
    /// "L'Arménie" keeps its informative capital.
    fn informative_capital(&self, i: usize) -> bool {
        self.capitalised(i) && !self.starts[i]
    }

    fn newline_before(&self, i: usize) -> bool {
        i > 0 && gap_has_newline(self.text, &self.tokens, i)
    }

    /// Word tokens before `i` in the same sentence, nearest last (folded),
    /// stopping at punctuation other than a title's dot.
    fn words_before(&self, i: usize, max: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut j = i;
        while j > 0 && out.len() < max {
            if self.starts[j] {
                break;
            }
            j -= 1;
            if self.tokens[j].kind != TokenKind::Word {
                break;
            }
            out.push(self.folded(j));
        }
        out.reverse();
        out
    }

    /// Word tokens after `i` in the same sentence (folded).
    fn words_after(&self, i: usize, max: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut j = i + 1;
        while j < self.tokens.len() && out.len() < max {
            if self.starts[j] || self.tokens[j].kind != TokenKind::Word {
                break;
            }
            out.push(self.folded(j));
            j += 1;
        }
        out
    }
}

/// End of a name ending at token `j`, without an English possessive
/// ("Russia's" → "Russia").
pub(crate) fn name_end(r: &Region<'_>, j: usize) -> usize {
    let t = r.tokens[j].span;
    let word = t.slice(r.text);
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
            return t.end - suffix.len();
        }
    }
    t.end
}

/// Whether token `dot` is the dot of an initial ("Tyrise M. Bell", "U.S."):
/// one capital letter right before it. It ends no sentence.
fn initial_dot(text: &str, tokens: &[Token], dot: usize) -> bool {
    dot > 0 && tokens[dot].text(text) == "." && tokens[dot - 1].span.end == tokens[dot].span.start && {
        let w = tokens[dot - 1].text(text);
        let mut chars = w.chars();
        tokens[dot - 1].kind == TokenKind::Word
            && chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_none()
    }
}

fn gap_has_newline(text: &str, tokens: &[Token], i: usize) -> bool {
    text.get(tokens[i - 1].span.end..tokens[i].span.start).is_some_and(|g| g.contains('\n'))
}

/// The [`norm`] form of a stretch of text, for the demonym list.
pub(crate) fn norm_text(s: &str) -> String {
    norm(s)
}

/// Whether a name's first candidates (most important first) include a
/// country, a first-order division, an area or a capital under its own name.
pub(crate) fn strong(gaz: &Gazetteer<'_>, postings: &[Posting]) -> bool {
    postings
        .iter()
        .take(3)
        .filter(|p| p.main)
        .filter_map(|p| gaz.place(p.place))
        .any(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Area | PlaceKind::Capital))
}

/// Finds the spots of one region. `heads` are the gazetteer's
/// [`Gazetteer::lowercase_heads`]: a lowercase word starts a name only when
/// it is one of them, so most words of a text cost no lookup.
pub(crate) fn spot_region(
    gaz: &Gazetteer<'_>,
    heads: &HashSet<String>,
    region: &Region<'_>,
    region_index: usize,
) -> Vec<Spot> {
    let r = region;
    let n = r.tokens.len();
    let mut spots = Vec::new();
    let mut i = 0;
    while i < n {
        if !r.is_word(i) {
            i += 1;
            continue;
        }
        let cap = r.capitalised(i);
        let article = !cap && ARTICLES.contains(&r.folded(i)) && r.capitalised(i + 1);
        if !(cap || article || may_head(r, i, heads)) {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, String, Vec<Posting>)> = None;
        let mut j = i;
        let mut words = 1;
        loop {
            let slice = &r.text[r.tokens[i].span.start..name_end(r, j)];
            let k = key(slice);
            if k.is_empty() {
                break;
            }
            let (mut posts, longer) = gaz.lookup_with_longer(&k);
            if !(cap || article) || !r.capitalised(j) {
                posts.retain(|p| p.lowercase_ok);
            }
            if !posts.is_empty() && !(article && (j == i || !k.contains(' '))) {
                best = Some((j, k.clone(), posts));
            }
            if words >= MAX_WORDS || !longer {
                break;
            }
            // Next word, stepping over an abbreviation's dot ("St. Louis").
            let mut next = j + 1;
            if next < n && r.tokens[next].kind == TokenKind::Punct && r.tokens[next].text(r.text) == "." {
                next += 1;
            }
            if next >= n || !r.is_word(next) || r.newline_before(next) || r.starts[next] && next == j + 1 {
                break;
            }
            j = next;
            words += 1;
        }
        match best {
            Some((last, k, postings)) => {
                let span = Span::new(r.tokens[i].span.start, name_end(r, last));
                let words = r.tokens[i..=last].iter().filter(|t| t.kind == TokenKind::Word).count();
                spots.push(Spot {
                    span,
                    key: k,
                    words,
                    strong: strong(gaz, &postings),
                    postings,
                    feats: Feats::default(),
                    sentence: r.sentence[i],
                    region: region_index,
                    first: i,
                    last,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    spots
}

/// Whether a name the gazetteer allows to start lowercase may start at
/// word `i`: the first word of its key, with or without a possessive
/// ("bande's de Gaza" keys as "bandes de gaza"), is such a name's head.
fn may_head(r: &Region<'_>, i: usize, heads: &HashSet<String>) -> bool {
    let t = r.tokens[i].span;
    let head = |k: &str| heads.contains(k.split(' ').next().unwrap_or(""));
    head(r.key(i)) || (name_end(r, i) != t.end && head(&key(&r.text[t.start..name_end(r, i)])))
}

/// Fills the features of the spots of one region.
pub(crate) fn describe(
    spots: &mut [Spot],
    region: &Region<'_>,
    lex: &Lexicon,
    lists: &LangLists,
    lower: &HashSet<&str>,
) {
    let r = region;
    let starts: HashSet<usize> = spots.iter().map(|s| s.first).collect();
    let strong_starts: HashSet<usize> = spots.iter().filter(|s| s.strong).map(|s| s.first).collect();
    let ends: HashSet<usize> = spots.iter().map(|s| s.last).collect();
    for s in spots.iter_mut() {
        let f = &mut s.feats;
        f.stop = lex.stop.contains(&s.key) || in_stop_phrase(r, s.first, s.last, &s.key, lex);
        f.person_before = person_before(r, s.first, lex);
        f.family_name = s.words == 1 && lex.surnames.contains(&s.key);
        f.given_name = s.words == 1
            && lex.given.contains(&s.key)
            && starts_name(r, s.last + 1, lex, lists)
            && !strong_starts.contains(&(s.last + 1));
        f.stop_words = s.words > 1 && s.key.split(' ').all(|w| lex.stop.contains(w));
        f.sentence_initial = r.starts[s.first];
        f.lowercase_elsewhere = s.words == 1 && lower.contains(s.key.as_str());

        let before = r.words_before(s.first, 5);
        let stripped = strip_articles(&before);
        f.before = match_suffix(stripped, |p| {
            lists.cues.get(p).copied().filter(|c| !matches!(c, Cue::Skip | Cue::Title | Cue::AdminAfter))
        });
        f.title = title_before(r, s.first, lists);
        f.direction = direction_before(stripped, lists);
        let before_verbs = skip_words(stripped, lists);
        f.metonym_before = match_suffix(before_verbs, |p| {
            lists.metonym.get(p).filter(|k| k.contains(&MetonymCue::Before)).map(|_| ())
        })
        .is_some();

        let after = r.words_after(s.last, 4);
        f.admin_after = after.first().is_some_and(|w| lists.cues.get(*w) == Some(&Cue::AdminAfter));
        let verbs: Vec<&str> = after.iter().copied().skip_while(|w| lists.cues.get(*w) == Some(&Cue::Skip)).collect();
        let has = |kind: MetonymCue| {
            verbs.first().is_some_and(|w| lists.metonym.get(*w).is_some_and(|k| k.contains(&kind)))
                || (verbs.len() >= 2
                    && lists.metonym.get(&format!("{} {}", verbs[0], verbs[1])).is_some_and(|k| k.contains(&kind)))
        };
        f.verb_after = has(MetonymCue::After);
        f.plural_after = has(MetonymCue::Plural);

        let next = s.last + 1;
        f.next_cap = r.informative_capital(next)
            && !r.newline_before(next)
            && !starts.contains(&next)
            && lists.cues.get(r.folded(next)).is_none_or(|c| *c != Cue::AdminAfter);
        f.prev_cap = s.first > 0
            && r.informative_capital(s.first - 1)
            && !ends.contains(&(s.first - 1))
            && !lex.stop.contains(&key(r.folded(s.first - 1)))
            && !lists.cues.contains_key(r.folded(s.first - 1));
    }
    link_lists(spots, r);
}

/// Whether the spot (tokens `first..=last`, key `key`) lies inside a
/// phrase of the stoplist ("United Russia").
fn in_stop_phrase(r: &Region<'_>, first: usize, last: usize, key: &str, lex: &Lexicon) -> bool {
    let Some(phrases) = lex.stop_phrases.get(key) else { return false };
    let spot_words = key.split(' ').count();
    phrases.iter().any(|(at, words)| {
        // The phrase's words before and after the spot, matched word by
        // word against the region's (keys of) word tokens.
        let before = &words[..*at];
        let after = &words[at + spot_words..];
        let mut i = first;
        let before_ok = before.iter().rev().all(|w| {
            let Some(j) = prev_word(r, i) else { return false };
            i = j;
            key_of(r, j) == *w
        });
        let mut i = last;
        before_ok
            && after.iter().all(|w| {
                let Some(j) = next_word(r, i) else { return false };
                i = j;
                key_of(r, j) == *w
            })
    })
}

fn key_of<'r>(r: &'r Region<'_>, i: usize) -> &'r str {
    r.key(i)
}

/// The word token right before `i` (none across a sentence start or
/// punctuation).
fn prev_word(r: &Region<'_>, i: usize) -> Option<usize> {
    (i > 0 && !r.starts[i] && r.is_word(i - 1)).then(|| i - 1)
}

/// The word token right after `i`, in the same sentence.
fn next_word(r: &Region<'_>, i: usize) -> Option<usize> {
    (r.is_word(i + 1) && !r.starts[i + 1]).then_some(i + 1)
}

/// A given name or an initial ("M.", not a compass letter) right before
/// token `first`, in the same sentence: the spot is a surname.
fn person_before(r: &Region<'_>, first: usize, lex: &Lexicon) -> bool {
    if first == 0 || r.starts[first] || r.newline_before(first) {
        return false;
    }
    let prev = first - 1;
    if r.is_word(prev) {
        return r.capitalised(prev) && lex.given.contains(key_of(r, prev));
    }
    // "Tyrise M. Bell": a capital letter and a dot.
    let dot = r.tokens[prev].kind == TokenKind::Punct && r.tokens[prev].text(r.text) == ".";
    dot && prev > 0 && r.is_word(prev - 1) && !r.starts[prev] && {
        let w = r.tokens[prev - 1].text(r.text);
        w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) && !matches!(w, "N" | "S" | "E" | "W")
    }
}

/// Whether a person's name goes on at token `i`: a capitalised word of the
/// same sentence and line that is no stopword ("Police", "County") nor cue.
fn starts_name(r: &Region<'_>, i: usize, lex: &Lexicon, lists: &LangLists) -> bool {
    r.informative_capital(i)
        && !r.newline_before(i)
        && !lex.stop.contains(key_of(r, i))
        && !lists.cues.contains_key(r.folded(i))
}

/// Spots in a list ("Goranboy, Terter et Agdam") share the cue and
/// direction of the first, and a plural verb after the last.
fn link_lists(spots: &mut [Spot], r: &Region<'_>) {
    for k in 1..spots.len() {
        let (a, b) = (&spots[k - 1], &spots[k]);
        if a.region != b.region || a.sentence != b.sentence || b.first <= a.last {
            continue;
        }
        let between: Vec<&str> = (a.last + 1..b.first).map(|t| r.folded(t)).collect();
        let joins = !between.is_empty()
            && between.len() <= 2
            && between.iter().all(|w| matches!(*w, "," | "et" | "and" | "ou" | "or" | "&" | "/"));
        if !joins {
            continue;
        }
        let coordinated = between.iter().any(|w| matches!(*w, "et" | "and" | "&"));
        let inherited = a.feats.before;
        let dir = a.feats.direction;
        let metonym_before = a.feats.metonym_before;
        let b = &mut spots[k].feats;
        b.listed_after = Some(k - 1);
        b.coordinated = coordinated;
        if b.before.is_none() {
            b.before = inherited;
        }
        if b.direction.is_none() {
            b.direction = dir;
        }
        b.metonym_before |= metonym_before;
    }
    // A plural verb after the last of "X et Y" covers both.
    for k in (1..spots.len()).rev() {
        if spots[k].feats.plural_after && spots[k].feats.coordinated {
            spots[k].feats.verb_after = true;
            if let Some(p) = spots[k].feats.listed_after {
                spots[p].feats.verb_after = true;
            }
        }
    }
}

fn strip_articles<'a, 'b>(words: &'b [&'a str]) -> &'b [&'a str] {
    let mut end = words.len();
    while end > 0 && matches!(words[end - 1], "le" | "la" | "les" | "l'" | "the" | "a" | "an" | "un" | "une") {
        end -= 1;
    }
    &words[..end]
}

fn skip_words<'a, 'b>(words: &'b [&'a str], lists: &LangLists) -> &'b [&'a str] {
    let mut end = words.len();
    while end > 0 && lists.cues.get(words[end - 1]) == Some(&Cue::Skip) {
        end -= 1;
    }
    strip_articles(&words[..end])
}

/// The longest phrase (up to four words) ending the word list that `f` knows.
fn match_suffix<T>(words: &[&str], f: impl Fn(&str) -> Option<T>) -> Option<T> {
    for n in (1..=words.len().min(4)).rev() {
        let phrase = words[words.len() - n..].join(" ");
        if let Some(v) = f(&phrase) {
            return Some(v);
        }
    }
    None
}

/// A title right before the name, also in its abbreviated form with a dot
/// ("M. Aliev", "Gen. Smith").
fn title_before(r: &Region<'_>, first: usize, lists: &LangLists) -> bool {
    if first == 0 {
        return false;
    }
    let prev = first - 1;
    let is_title = |w: &str| lists.cues.get(w) == Some(&Cue::Title);
    if r.tokens[prev].kind == TokenKind::Punct && r.tokens[prev].text(r.text) == "." && prev > 0 {
        let w = r.folded(prev - 1);
        return r.is_word(prev - 1) && (is_title(&format!("{w}.")) || is_title(w));
    }
    if !r.is_word(prev) {
        return false;
    }
    let words = r.words_before(first, 2);
    match_suffix(&words, |p| is_title(p).then_some(())).is_some()
}

/// "nord du", "sud-ouest de la", "northern", "north of the".
fn direction_before(words: &[&str], lists: &LangLists) -> Option<Direction> {
    let last = *words.last()?;
    if lists.adjectives.contains(last) {
        return lists.directions.get(last).copied();
    }
    for n in [2, 1] {
        if words.len() > n && lists.connectors.contains(&words[words.len() - n..].join(" ")) {
            return lists.directions.get(words[words.len() - n - 1]).copied();
        }
    }
    None
}
