//! Runs the recognisers that look at one sentence at a time (casualty
//! figures, weapons, actors) and the places stage, which resolves names over
//! the whole document.

use std::sync::OnceLock;

use warlog_extract::Sentence;
use warlog_model::Span;
use warlog_model::{Mention, MentionValue};
use warlog_recognise::actors::{ActorLexicon, ActorMention};
use warlog_recognise::casualties::{Casualty, find_casualties_in};
use warlog_recognise::phrase::Word;
use warlog_recognise::places::{PlaceMatch, Places};
use warlog_recognise::weapons::{WeaponMatch, find_weapons_in};

/// The bundled gazetteer with its word lists, loaded once per process.
pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| Places::new().unwrap_or_else(|e| panic!("warlog was built with a broken gazetteer: {e}")))
}

/// Toponyms of the claim-yielding regions, resolved document-wide.
pub fn find_places(places: &Places, text: &str, regions: &[Span], lang: &str) -> Vec<PlaceMatch> {
    if regions.is_empty() {
        return Vec::new();
    }
    places.find(text, regions, lang)
}

/// Casualty figures and weapons, sentence by sentence (`words[i]` are the
/// words of `sentences[i]`).
pub fn figures(
    text: &str,
    sentences: &[Sentence],
    words: &[Vec<Word>],
    lang: &str,
) -> (Vec<Casualty>, Vec<WeaponMatch>) {
    let mut casualties = Vec::new();
    let mut weapons = Vec::new();
    for (s, ws) in sentences.iter().zip(words) {
        let lang = s.lang.unwrap_or(lang);
        casualties.extend(find_casualties_in(text, ws, lang));
        weapons.extend(find_weapons_in(ws, lang));
    }
    (casualties, weapons)
}

/// Parties named in each sentence (`words[i]` are the words of
/// `sentences[i]`), found once and read by the claim extractor too.
pub fn actors(
    lex: &ActorLexicon,
    text: &str,
    sentences: &[Sentence],
    words: &[Vec<Word>],
    lang: &str,
) -> Vec<Vec<ActorMention>> {
    sentences.iter().zip(words).map(|(s, ws)| lex.find_in(text, ws, s.lang.unwrap_or(lang))).collect()
}

/// The actors whose country is known, as mentions for the store.
pub fn actor_mentions(actors: &[Vec<ActorMention>]) -> Vec<Mention> {
    actors
        .iter()
        .flatten()
        .filter_map(|m| m.actor().map(|actor| Mention { span: m.span, value: MentionValue::Actor { actor } }))
        .collect()
}
