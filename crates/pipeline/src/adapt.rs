//! Runs the recognisers that look at one sentence at a time (casualty
//! figures, weapons, actors) and the places stage, which resolves names over
//! the whole document.

use std::sync::OnceLock;

use warlog_extract::Sentence;
use warlog_model::Span;
use warlog_model::{Mention, MentionValue};
use warlog_recognise::actors::ActorLexicon;
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

/// Parties named in the sentences, as mentions (those whose country is known).
pub fn actors(lex: &ActorLexicon, text: &str, sentences: &[Sentence], lang: &str) -> Vec<Mention> {
    sentences
        .iter()
        .flat_map(|s| lex.find(text, s.span, s.lang.unwrap_or(lang)))
        .filter_map(|m| m.actor().map(|actor| Mention { span: m.span, value: MentionValue::Actor { actor } }))
        .collect()
}
