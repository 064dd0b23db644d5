//! The extractor's word lists: event triggers and claim cues, per language
//! (`data/lexicons/<lang>/event_triggers.tsv`, `claim_cues.tsv`).

use std::collections::HashMap;

use warlog_model::EventType;
use warlog_recognise::phrase::PhraseSet;

/// How a trigger's event type is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The default type.
    Event,
    /// By the weapon named in the clause, else the default type.
    Strike,
    /// Territory when the object is a place, capture of persons for people.
    Capture,
    /// Weapons supply when weapons move, else deployment.
    Transfer,
    /// A death or wound: by weapon, else by who the victims are.
    Killing,
    /// A verb of taking: territory only, and only with ground as object.
    Take,
    /// "still in our hands": a denial of a claimed capture.
    Held,
    /// A shoot-down: air defence fighting when what falls is equipment (a
    /// drone, an aircraft), else a killing.
    Downing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub rule: Rule,
    pub default: EventType,
    /// The subject was attacked, the object attacked ("repousser une attaque").
    pub reverse: bool,
}

/// The two sides of a two-sided conflict, by actor country codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sides {
    pub a: Vec<String>,
    pub b: Vec<String>,
}

impl Sides {
    /// The main party of the side opposed to `code`, if `code` is on a side.
    pub fn opponent(&self, code: &str) -> Option<&str> {
        if self.a.iter().any(|c| c == code) {
            self.b.first().map(String::as_str)
        } else if self.b.iter().any(|c| c == code) {
            self.a.first().map(String::as_str)
        } else {
            None
        }
    }
}

/// What a cue says about a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    SourceBefore,
    Say,
    /// A verb of saying that keeps its distance ("prétend", "claimed").
    SayHedged,
    Deny,
    Hedge,
    Forecast,
    Condition,
    Reported,
    Continuation,
    /// The source follows and the claim is reported with reserve.
    SourceHedged,
    /// A truce broken, said with a noun ("en violation de").
    Violate,
    /// A truce agreed or entering into force: the truce is an event.
    TruceEvent,
    /// A truce broken, said with a verb: an event, and violated.
    TruceBroken,
    /// An attempt ("tentant de s'emparer"): a capture that did not happen.
    Attempt,
    /// A habit or state ("les heurts y sont réguliers"), not an event.
    Habitual,
    /// "même si": a concession, not a condition.
    Concession,
}

/// Function-word classes used to read sentence structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grammar {
    Passive,
    Agent,
    Target,
    Pronoun,
    PastAux,
    /// Makes the next word a noun ("la demande").
    Determiner,
    /// Points back to something said ("cette salve").
    Demonstrative,
    /// Opens a purpose ("pour", "afin de").
    Purpose,
    /// Makes a following past participle a verb.
    Auxiliary,
    /// A word ending that makes a past participle ("é", "ed").
    ParticipleSuffix,
    /// A word ending that makes an infinitive ("er", "ir").
    InfinitiveSuffix,
    /// Negates what follows ("ne", "pas", "not").
    Negation,
    /// Before a country or city, makes it a place ("en Azerbaïdjan").
    Locative,
    /// Before a country, makes it a complement rather than a party.
    Preposition,
    /// The ending of a present participle ("accusant", "saying").
    PresentParticipleSuffix,
    /// "côté" in "côté arménien": whose side a caption shows.
    SideMarker,
    /// A message or statement named as the speaker ("indique le message").
    SourceNoun,
    /// A noun a date names rather than dates ("la déclaration du 9 novembre").
    DatedNoun,
    /// "nord", "central": between a preposition and a country.
    DirectionAdjective,
    /// "ses", "its": the party already speaking.
    Possessive,
    /// May stand between a subject and its verb ("a ainsi affirmé").
    Adverb,
    /// "depuis", "from": where fire came from.
    Origin,
    /// "la mort de X": a denied death.
    DeathNoun,
    /// "proche de": a landmark.
    Proximity,
    /// "leur", "lui": an object pronoun before a French verb.
    ObjectPronoun,
    /// "et", "and": joins two verbs that share a subject.
    Coordinator,
    /// "séparatistes", "separatists": a party of a breakaway territory.
    Separatist,
    /// "matinée", "night": a part of a day, dated by "du"/"of".
    TimeNoun,
    /// "que", "that": opens a reported clause with its own tense.
    Complementizer,
    /// "de", "of": makes the next noun the complement of the one before.
    Genitive,
    /// A locative that before a country names a recipient, not a place
    /// (French "à l'Azerbaïdjan": a country takes "en" or "au" as a place).
    Dative,
    /// "to", "into": where something sent goes.
    Destination,
    /// "conflit", "war": a place after it names the war.
    ConflictNoun,
    /// "enclave", "république": names again a region named before.
    RegionAnaphor,
    /// "depuis", "since": a day named a few words after it starts a range.
    Since,
}

/// A territory held by a party other than the state it lies in.
#[derive(Clone, Debug, PartialEq)]
pub struct Territory {
    pub code: String,
    pub lat: (f64, f64),
    pub lon: (f64, f64),
    pub years: (i16, i16),
}

#[derive(Debug, Default)]
pub struct Lexicons {
    pub triggers: HashMap<String, PhraseSet<Trigger>>,
    pub cues: HashMap<String, PhraseSet<Cue>>,
    /// Per language: folded word → classes (a word can have several).
    pub grammar: HashMap<String, HashMap<String, Vec<Grammar>>>,
    pub territory_nouns: HashMap<String, PhraseSet<()>>,
    pub territories: Vec<Territory>,
    /// What a strike hits, per language: the victims' role.
    pub target_nouns: HashMap<String, PhraseSet<warlog_model::Role>>,
    pub sides: Vec<Sides>,
}

impl Lexicons {
    /// Is the folded `word` of class `class` in `lang`?
    pub fn is(&self, lang: &str, word: &str, class: Grammar) -> bool {
        self.grammar.get(lang).and_then(|g| g.get(word)).is_some_and(|c| c.contains(&class))
    }

    /// Does `word` (as written) end with a suffix of `class`?
    pub fn ends_with(&self, lang: &str, word: &str, class: Grammar) -> bool {
        let lower = word.to_lowercase();
        self.grammar.get(lang).is_some_and(|g| {
            g.iter().any(|(suffix, classes)| {
                classes.contains(&class) && lower.len() > suffix.len() + 2 && lower.ends_with(suffix.as_str())
            })
        })
    }

    /// The main party opposed to `code` in a two-sided conflict.
    pub fn opponent(&self, code: &str) -> Option<&str> {
        self.sides.iter().find_map(|s| s.opponent(code))
    }

    /// The party holding the point, when a territory list says so.
    pub fn territory_at(&self, lat: f64, lon: f64, year: Option<i16>) -> Option<&str> {
        self.territories
            .iter()
            .find(|t| {
                (t.lat.0..=t.lat.1).contains(&lat)
                    && (t.lon.0..=t.lon.1).contains(&lon)
                    && year.is_none_or(|y| (t.years.0..=t.years.1).contains(&y))
            })
            .map(|t| t.code.as_str())
    }
}

impl Lexicons {
    pub fn load() -> Lexicons {
        let mut lex = Lexicons::default();
        for t in warlog_lexicon::tables("event_triggers") {
            let set = lex.triggers.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                let rule = match r.get(1).map(String::as_str) {
                    Some("strike") => Rule::Strike,
                    Some("capture") => Rule::Capture,
                    Some("transfer") => Rule::Transfer,
                    Some("killing") => Rule::Killing,
                    Some("held") => Rule::Held,
                    Some("take") => Rule::Take,
                    Some("downing") => Rule::Downing,
                    _ => Rule::Event,
                };
                if let (Some(phrase), Some(default)) = (r.first(), r.get(2).and_then(|s| EventType::parse(s))) {
                    let reverse = r.get(3).is_some_and(|f| f == "reverse");
                    set.insert(phrase, Trigger { rule, default, reverse });
                }
            }
        }
        for t in warlog_lexicon::tables("claim_cues") {
            let set = lex.cues.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                let cue = match r.get(1).map(String::as_str) {
                    Some("source_before") => Cue::SourceBefore,
                    Some("say") => Cue::Say,
                    Some("say_hedged") => Cue::SayHedged,
                    Some("deny") => Cue::Deny,
                    Some("hedge") => Cue::Hedge,
                    Some("forecast") => Cue::Forecast,
                    Some("condition") => Cue::Condition,
                    Some("reported") => Cue::Reported,
                    Some("continuation") => Cue::Continuation,
                    Some("source_hedged") => Cue::SourceHedged,
                    Some("violate") => Cue::Violate,
                    Some("truce_event") => Cue::TruceEvent,
                    Some("truce_broken") => Cue::TruceBroken,
                    Some("attempt") => Cue::Attempt,
                    Some("habitual") => Cue::Habitual,
                    Some("concession") => Cue::Concession,
                    _ => continue,
                };
                if let Some(phrase) = r.first() {
                    set.insert(phrase, cue);
                }
            }
        }
        for t in warlog_lexicon::tables("grammar") {
            let map = lex.grammar.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                let class = match r.get(1).map(String::as_str) {
                    Some("passive") => Grammar::Passive,
                    Some("agent") => Grammar::Agent,
                    Some("target") => Grammar::Target,
                    Some("pronoun") => Grammar::Pronoun,
                    Some("past_aux") => Grammar::PastAux,
                    Some("determiner") => Grammar::Determiner,
                    Some("demonstrative") => Grammar::Demonstrative,
                    Some("purpose") => Grammar::Purpose,
                    Some("auxiliary") => Grammar::Auxiliary,
                    Some("participle_suffix") => Grammar::ParticipleSuffix,
                    Some("infinitive_suffix") => Grammar::InfinitiveSuffix,
                    Some("negation") => Grammar::Negation,
                    Some("locative") => Grammar::Locative,
                    Some("preposition") => Grammar::Preposition,
                    Some("present_participle_suffix") => Grammar::PresentParticipleSuffix,
                    Some("side_marker") => Grammar::SideMarker,
                    Some("source_noun") => Grammar::SourceNoun,
                    Some("dated_noun") => Grammar::DatedNoun,
                    Some("direction_adjective") => Grammar::DirectionAdjective,
                    Some("possessive") => Grammar::Possessive,
                    Some("adverb") => Grammar::Adverb,
                    Some("origin") => Grammar::Origin,
                    Some("death_noun") => Grammar::DeathNoun,
                    Some("proximity") => Grammar::Proximity,
                    Some("object_pronoun") => Grammar::ObjectPronoun,
                    Some("coordinator") => Grammar::Coordinator,
                    Some("separatist") => Grammar::Separatist,
                    Some("time_noun") => Grammar::TimeNoun,
                    Some("complementizer") => Grammar::Complementizer,
                    Some("genitive") => Grammar::Genitive,
                    Some("dative") => Grammar::Dative,
                    Some("destination") => Grammar::Destination,
                    Some("conflict_noun") => Grammar::ConflictNoun,
                    Some("region_anaphor") => Grammar::RegionAnaphor,
                    Some("since") => Grammar::Since,
                    _ => continue,
                };
                if let Some(w) = r.first() {
                    // Suffixes are compared as written (accents matter: "é").
                    let key = match class {
                        Grammar::ParticipleSuffix | Grammar::InfinitiveSuffix | Grammar::PresentParticipleSuffix => {
                            w.to_lowercase()
                        }
                        _ => warlog_lexicon::fold::fold(w),
                    };
                    map.entry(key).or_default().push(class);
                }
            }
        }
        for t in warlog_lexicon::tables("territory_nouns") {
            let set = lex.territory_nouns.entry(t.lang.clone()).or_default();
            for k in t.keys() {
                set.insert(k, ());
            }
        }
        for t in warlog_lexicon::tables("target_nouns") {
            let set = lex.target_nouns.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                if let (Some(p), Some(role)) = (r.first(), r.get(1).and_then(|s| warlog_model::Role::parse(s))) {
                    set.insert(p, role);
                }
            }
        }
        if let Some(t) = warlog_lexicon::table("common", "sides") {
            let codes =
                |f: Option<&String>| f.map(|s| s.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
            lex.sides = t.rows.iter().map(|r| Sides { a: codes(r.get(1)), b: codes(r.get(2)) }).collect();
        }
        if let Some(t) = warlog_lexicon::table("common", "territories") {
            for r in &t.rows {
                let num = |i: usize| r.get(i).and_then(|s| s.parse::<f64>().ok());
                let year = |i: usize| r.get(i).and_then(|s| s.parse::<i16>().ok());
                if let (Some(code), Some(a), Some(b), Some(c), Some(d)) = (r.get(1), num(2), num(3), num(4), num(5)) {
                    lex.territories.push(Territory {
                        code: code.clone(),
                        lat: (a, b),
                        lon: (c, d),
                        years: (year(6).unwrap_or(i16::MIN), year(7).unwrap_or(i16::MAX)),
                    });
                }
            }
        }
        lex
    }
}

#[cfg(test)]
mod tests {
    use warlog_model::EventType;

    /// Every row of the extractor's lists must be understood: a misspelt type,
    /// rule or cue would otherwise be skipped without a word.
    #[test]
    fn every_list_row_parses() {
        let rules = ["event", "strike", "capture", "transfer", "killing", "held", "take", "downing"];
        for t in warlog_lexicon::tables("event_triggers") {
            for r in &t.rows {
                assert!(r.len() >= 3, "{}/event_triggers: short row {r:?}", t.lang);
                assert!(rules.contains(&r[1].as_str()), "{}/event_triggers: unknown rule in {r:?}", t.lang);
                assert!(EventType::parse(&r[2]).is_some(), "{}/event_triggers: unknown type in {r:?}", t.lang);
                assert!(r.get(3).is_none_or(|f| f.is_empty() || f == "reverse"), "{}: unknown flag in {r:?}", t.lang);
            }
        }
        let cues = [
            "source_before",
            "say",
            "say_hedged",
            "deny",
            "hedge",
            "forecast",
            "condition",
            "reported",
            "continuation",
            "source_hedged",
            "violate",
            "truce_event",
            "truce_broken",
            "attempt",
            "habitual",
            "concession",
        ];
        for t in warlog_lexicon::tables("claim_cues") {
            for r in &t.rows {
                assert!(
                    r.get(1).is_some_and(|k| cues.contains(&k.as_str())),
                    "{}/claim_cues: unknown cue {r:?}",
                    t.lang
                );
            }
        }
        let loaded = super::Lexicons::load();
        for t in warlog_lexicon::tables("grammar") {
            for r in &t.rows {
                let folded = warlog_lexicon::fold::fold(&r[0]);
                let known = loaded
                    .grammar
                    .get(&t.lang)
                    .is_some_and(|g| g.contains_key(&folded) || g.contains_key(&r[0].to_lowercase()));
                assert!(known, "{}/grammar: row {r:?} has an unknown class", t.lang);
            }
        }
    }
}
