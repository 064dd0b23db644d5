//! Actors: who a phrase of the text names, as a `COUNTRY:role` party.
//!
//! Three word lists per language (`data/lexicons/<lang>/actor_*.tsv`) and
//! one shared list (`common/actor_parties.tsv`) feed it:
//! * parties named outright: leaders, organisations, armed groups, outlets
//!   ("Ilham Aliyev", "Hamas", "AFP") — a full actor each;
//! * role nouns ("forces", "ministère", "civils", "peacekeepers");
//! * country words: names, demonyms, capitals, seats of power.
//!
//! A role noun takes the country word that qualifies it — in French to its
//! right ("les forces armées azerbaïdjanaises", "le ministère de la Défense
//! de l'Arménie"), in English to its left or after "of" ("Azerbaijani
//! forces", "the Ministry of Defence of Armenia"). A country word left alone
//! is the state speaking or acting ("Bakou affirme", "Moscow said"); a
//! capitalised plural demonym is its people or forces ("les Arméniens").

use std::collections::HashMap;

use warlog_model::{Actor, Role, Span};

use crate::phrase::{PhraseSet, Word, words};

/// How a country word is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DesignatorForm {
    Name,
    Demonym,
    Capital,
    Seat,
}

#[derive(Clone, Debug)]
struct Designator {
    code: String,
    form: DesignatorForm,
    upper: bool,
}

#[derive(Clone, Copy, Debug)]
struct RoleNoun {
    role: Role,
    speaker: bool,
}

/// What kind of named party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyKind {
    Person,
    Org,
    Group,
    Media,
}

#[derive(Clone, Debug)]
struct Party {
    actor: Actor,
    kind: PartyKind,
    /// Written as an acronym in the list ("UN", "FAMa").
    acronym: bool,
}

/// How an actor mention was built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorForm {
    /// A named party ("Hamas", "le président Ilham Aliyev", "AFP").
    Party(PartyKind),
    /// A role noun with its country ("les forces arméniennes").
    Composed,
    /// A role noun alone ("les civils", "le ministère"): country unknown.
    Role,
    /// A country, capital or seat of power standing for its state.
    Country(DesignatorForm),
    /// A plural demonym used as a noun ("les Arméniens", "the Russians").
    People,
    /// A demonym adjective qualifying something else ("un missile arménien").
    Adjective,
}

/// A party named in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorMention {
    pub span: Span,
    /// `None` when the text names a role without saying whose.
    pub country: Option<String>,
    pub role: Role,
    pub form: ActorForm,
    /// The role noun usually names who speaks ("ministère", "sources").
    pub speaker: bool,
}

impl ActorMention {
    /// The actor code, when the country is known.
    pub fn actor(&self) -> Option<Actor> {
        self.country.as_deref().map(|c| Actor::new(c, self.role))
    }
}

/// The word lists of every language, loaded once.
#[derive(Debug, Default)]
pub struct ActorLexicon {
    designators: HashMap<String, PhraseSet<Designator>>,
    roles: HashMap<String, PhraseSet<RoleNoun>>,
    parties: HashMap<String, PhraseSet<Party>>,
    common_parties: PhraseSet<Party>,
    /// (specific, general): the specific code wins when both qualify a noun.
    precedence: Vec<(String, String)>,
}

fn parse_party(row: &[String]) -> Option<Party> {
    let actor: Actor = row.get(1)?.parse().ok()?;
    let kind = match row.get(2).map(String::as_str) {
        Some("person") => PartyKind::Person,
        Some("group") => PartyKind::Group,
        Some("media") => PartyKind::Media,
        _ => PartyKind::Org,
    };
    let acronym = row[0].chars().filter(|c| c.is_uppercase()).count() >= 2;
    Some(Party { actor, kind, acronym })
}

impl ActorLexicon {
    /// Loads the `actor_*` lists of every language.
    pub fn load() -> ActorLexicon {
        let mut lex = ActorLexicon::default();
        for t in warlog_lexicon::tables("actor_designators") {
            let set = lex.designators.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                let (Some(phrase), Some(code)) = (r.first(), r.get(1)) else { continue };
                let form = match r.get(2).map(String::as_str) {
                    Some("demonym") => DesignatorForm::Demonym,
                    Some("capital") => DesignatorForm::Capital,
                    Some("seat") => DesignatorForm::Seat,
                    _ => DesignatorForm::Name,
                };
                let upper = r.get(3).is_some_and(|f| f == "upper");
                set.insert(phrase, Designator { code: code.to_ascii_uppercase(), form, upper });
            }
        }
        for t in warlog_lexicon::tables("actor_roles") {
            let set = lex.roles.entry(t.lang.clone()).or_default();
            for r in &t.rows {
                let (Some(phrase), Some(role)) = (r.first(), r.get(1).and_then(|s| Role::parse(s))) else { continue };
                set.insert(phrase, RoleNoun { role, speaker: r.get(2).is_some_and(|f| f == "speaker") });
            }
        }
        for t in warlog_lexicon::tables("actor_parties") {
            let set = if t.lang == "common" {
                &mut lex.common_parties
            } else {
                lex.parties.entry(t.lang.clone()).or_default()
            };
            for r in &t.rows {
                if let (Some(phrase), Some(p)) = (r.first(), parse_party(r)) {
                    set.insert(phrase, p);
                }
            }
        }
        if let Some(t) = warlog_lexicon::table("common", "actor_precedence") {
            lex.precedence = t.rows.iter().filter(|r| r.len() >= 2).map(|r| (r[0].clone(), r[1].clone())).collect();
        }
        lex
    }

    /// The actors named in `text[span]`, in text order, not overlapping.
    pub fn find(&self, text: &str, span: Span, lang: &str) -> Vec<ActorMention> {
        self.find_in(text, &words(text, span), lang)
    }

    /// As [`ActorLexicon::find`], on words already cut (one sentence's).
    pub fn find_in(&self, text: &str, ws: &[Word], lang: &str) -> Vec<ActorMention> {
        let mut used = vec![false; ws.len()];
        let mut out = Vec::new();

        // 1. Named parties, longest first.
        let party_sets = self.parties.get(lang).into_iter().chain(std::iter::once(&self.common_parties));
        let mut party_matches: Vec<_> = party_sets
            .flat_map(|set| set.find_where(ws, |m| party_case_ok(text, &ws[m.start..m.end], m.value.acronym)))
            .collect();
        party_matches.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        for m in party_matches {
            if used[m.start..m.end].iter().any(|u| *u) {
                continue;
            }
            used[m.start..m.end].iter_mut().for_each(|u| *u = true);
            out.push(ActorMention {
                span: m.span,
                country: Some(m.value.actor.country.clone()),
                role: m.value.actor.role,
                form: ActorForm::Party(m.value.kind),
                speaker: matches!(m.value.kind, PartyKind::Person | PartyKind::Media | PartyKind::Org),
            });
        }

        // 2. Country words and role nouns.
        let designators: Vec<(usize, usize, &Designator)> = self
            .designators
            .get(lang)
            .map(|set| set.find_where(ws, |m| designator_case_ok(text, &ws[m.start..m.end], m.value)))
            .unwrap_or_default()
            .into_iter()
            .filter(|m| !used[m.start..m.end].iter().any(|u| *u))
            .map(|m| (m.start, m.end, m.value))
            .collect();
        let roles: Vec<(usize, usize, RoleNoun)> = self
            .roles
            .get(lang)
            .map(|set| set.find(ws))
            .unwrap_or_default()
            .into_iter()
            .filter(|m| !used[m.start..m.end].iter().any(|u| *u))
            .map(|m| (m.start, m.end, *m.value))
            .collect();
        let mut designator_used = vec![false; designators.len()];
        let mut role_taken = vec![false; roles.len()];

        // 3. A role noun takes the country words that qualify it. Later role
        // nouns inside the same noun phrase only qualify the head.
        let english = lang == "en";
        for (ri, &(rs, re, noun)) in roles.iter().enumerate() {
            if role_taken[ri] {
                continue;
            }
            let mut start = rs;
            let mut end = re;
            let mut armed_group = noun.role == Role::ArmedGroup;
            // Role nouns right after the head ("forces séparatistes") join it.
            for (rj, &(s2, e2, next)) in roles.iter().enumerate().skip(ri + 1) {
                if s2 == end || (s2 == end + 1 && is_filler(&ws[end])) {
                    role_taken[rj] = true;
                    end = e2;
                    armed_group |= next.role == Role::ArmedGroup;
                } else {
                    break;
                }
            }
            let picks = qualifying_designators(ws, &designators, start, end, english);
            let chosen = self.choose_code(&picks, &designators);
            let Some(code) = chosen.map(|c| if armed_group { self.non_state(c) } else { c }) else {
                out.push(ActorMention {
                    span: Span::new(ws[start].span.start, ws[end - 1].span.end),
                    country: None,
                    role: noun.role,
                    form: ActorForm::Role,
                    speaker: noun.speaker,
                });
                continue;
            };
            for &di in &picks {
                designator_used[di] = true;
                start = start.min(designators[di].0);
                end = end.max(designators[di].1);
            }
            out.push(ActorMention {
                span: Span::new(ws[start].span.start, ws[end - 1].span.end),
                country: Some(code),
                role: noun.role,
                form: ActorForm::Composed,
                speaker: noun.speaker,
            });
        }

        // 4. Country words left alone.
        for (di, &(s, e, d)) in designators.iter().enumerate() {
            if designator_used[di] {
                continue;
            }
            let span = Span::new(ws[s].span.start, ws[e - 1].span.end);
            let (role, form) = match d.form {
                DesignatorForm::Demonym => {
                    if is_people_noun(text, ws, s, e, english) {
                        (Role::Military, ActorForm::People)
                    } else {
                        (Role::Military, ActorForm::Adjective)
                    }
                }
                form => (Role::Government, ActorForm::Country(form)),
            };
            out.push(ActorMention { span, country: Some(d.code.clone()), role, form, speaker: false });
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        // Keep the widest of overlapping mentions.
        let mut kept: Vec<ActorMention> = Vec::with_capacity(out.len());
        for m in out {
            match kept.last_mut() {
                Some(last) if last.span.overlaps(m.span) => {
                    if m.span.len() > last.span.len() {
                        *last = m;
                    }
                }
                _ => kept.push(m),
            }
        }
        kept
    }

    /// The party that fields a state's people in arms outside its army:
    /// "séparatistes arméniens", "forces séparatistes arméniennes",
    /// "Armenian rebels" are the Karabakh Armenians' (ART), not the Republic
    /// of Armenia's, when the precedence list names a party more specific
    /// than the state.
    fn non_state(&self, code: String) -> String {
        self.precedence.iter().find(|(_, lo)| *lo == code).map_or(code, |(hi, _)| hi.clone())
    }

    /// One code out of the designators that qualify a noun.
    fn choose_code(&self, picks: &[usize], designators: &[(usize, usize, &Designator)]) -> Option<String> {
        let codes: Vec<&str> = picks.iter().map(|&i| designators[i].2.code.as_str()).collect();
        let first = *codes.first()?;
        let winner = codes
            .iter()
            .find(|c| self.precedence.iter().any(|(hi, lo)| hi == *c && codes.contains(&lo.as_str())))
            .copied()
            .unwrap_or(first);
        Some(winner.to_string())
    }
}

/// Small words allowed inside a noun phrase between a noun and its
/// qualifier ("forces armées de l'Azerbaïdjan", "Ministry of Defence of").
fn is_filler(w: &Word) -> bool {
    matches!(w.folded.as_str(), "de" | "du" | "des" | "d" | "la" | "le" | "l" | "les" | "of" | "the" | "s")
}

/// Indices of the designators qualifying the noun at words `[start, end)`.
fn qualifying_designators(
    ws: &[Word],
    designators: &[(usize, usize, &Designator)],
    start: usize,
    end: usize,
    english: bool,
) -> Vec<usize> {
    let mut picks = Vec::new();
    // To the right: an adjective within three words, or "de/of (la/the) X"
    // within seven words, without crossing punctuation.
    let limit = (end + 7).min(ws.len());
    let stop = (end..limit).find(|&i| ws[i].punct && ws[i].folded != "'").unwrap_or(limit);
    for (di, &(s, _, d)) in designators.iter().enumerate() {
        if s < end || s >= stop {
            continue;
        }
        let gap = s - end;
        let after_of = s > 0 && is_filler(&ws[s - 1]);
        let adjective = d.form == DesignatorForm::Demonym && gap <= 3 && !english;
        let complement = after_of && d.form != DesignatorForm::Demonym;
        if adjective || complement {
            picks.push(di);
        }
    }
    if english {
        // To the left: "Azerbaijani forces", "Russia's defence ministry",
        // "US-backed Kurdish forces" — a chain of country words right before
        // the noun, so that no verb stands between ("Turkey sent Syrian
        // fighters" is Syria's fighters).
        let mut cursor = start;
        while let Some(di) = designators.iter().rposition(|&(s, e, _)| {
            e <= cursor && s < cursor && ws[e..cursor].iter().all(|w| matches!(w.folded.as_str(), "'" | "s" | "-"))
        }) {
            picks.push(di);
            cursor = designators[di].0;
        }
    }
    picks
}

/// A demonym used as a noun: capitalised in French ("les Arméniens"), or a
/// plural after an article in English ("the Armenians").
fn is_people_noun(text: &str, ws: &[Word], s: usize, e: usize, english: bool) -> bool {
    let first = &ws[s];
    let word = first.span.slice(text);
    let plural = ws[e - 1].folded.ends_with('s');
    if english {
        plural && s > 0 && ws[s - 1].folded == "the"
    } else {
        word.chars().next().is_some_and(char::is_uppercase) && plural && s > 0 && !ws[s - 1].punct
    }
}

fn designator_case_ok(text: &str, ws: &[Word], d: &Designator) -> bool {
    let first = ws[0].span.slice(text);
    if d.upper {
        return ws.iter().filter(|w| !w.punct).all(|w| w.span.slice(text).chars().all(|c| !c.is_lowercase()));
    }
    d.form == DesignatorForm::Demonym || first.chars().next().is_some_and(char::is_uppercase)
}

/// A party's first word is capitalised; an acronym ("UN", "AFP", "FAMa")
/// needs two capitals so that "un" or "who" never match.
fn party_case_ok(text: &str, ws: &[Word], acronym: bool) -> bool {
    let first = ws[0].span.slice(text);
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    !acronym || first.chars().filter(|c| c.is_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn lex() -> &'static ActorLexicon {
        static LEX: OnceLock<ActorLexicon> = OnceLock::new();
        LEX.get_or_init(ActorLexicon::load)
    }

    fn found(text: &str, lang: &str) -> Vec<(String, String)> {
        lex()
            .find(text, Span::new(0, text.len()), lang)
            .into_iter()
            .map(|m| {
                let code = m.actor().map(|a| a.to_string()).unwrap_or_else(|| format!("?:{}", m.role.as_str()));
                (m.span.slice(text).to_string(), code)
            })
            .collect()
    }

    #[test]
    fn french_roles_take_the_country_to_their_right() {
        assert_eq!(
            found("Les forces armées azerbaïdjanaises ont lancé l'attaque", "fr"),
            [("forces armées azerbaïdjanaises".into(), "AZE:military".into())]
        );
        assert_eq!(
            found("a indiqué le ministère de la Défense de l'Arménie.", "fr"),
            [("ministère de la Défense de l'Arménie".into(), "ARM:government".into())]
        );
        assert_eq!(
            found("le ministère arménien de la Défense a démenti", "fr")[0],
            ("ministère arménien".into(), "ARM:government".into())
        );
    }

    #[test]
    fn the_more_specific_party_wins() {
        let got = found("les forces séparatistes arméniennes du Haut-Karabakh", "fr");
        assert_eq!(got[0].1, "ART:military");
    }

    #[test]
    fn armed_groups_of_a_state_with_a_more_specific_party_are_that_party() {
        assert_eq!(found("les séparatistes arméniens", "fr")[0].1, "ART:armed_group");
        assert_eq!(found("Armenian separatists", "en")[0].1, "ART:armed_group");
        // The state's own army stays the state's.
        assert_eq!(found("les forces arméniennes", "fr")[0].1, "ARM:military");
        assert_eq!(found("des rebelles syriens", "fr")[0].1, "SYR:armed_group");
    }

    #[test]
    fn english_roles_take_the_country_to_their_left() {
        assert_eq!(found("Azerbaijani forces shelled the town", "en")[0].1, "AZE:military");
        assert_eq!(found("Armenian separatist forces", "en")[0].1, "ART:armed_group");
        assert_eq!(found("les forces séparatistes arméniennes", "fr")[0].1, "ART:military");
        assert_eq!(found("Russia's defence ministry said", "en")[0].1, "RUS:government");
        assert_eq!(found("the Ministry of Defence of Armenia said", "en")[0].1, "ARM:government");
        // A verb between them: the country word is another party.
        assert_eq!(found("Turkey sent Syrian fighters", "en")[1], ("Syrian fighters".into(), "SYR:armed_group".into()));
    }

    #[test]
    fn capitals_and_countries_are_states() {
        assert_eq!(found("Bakou affirme que", "fr"), [("Bakou".into(), "AZE:government".into())]);
        assert_eq!(found("Moscow said on Monday", "en"), [("Moscow".into(), "RUS:government".into())]);
    }

    #[test]
    fn named_parties_and_case_rules() {
        assert_eq!(found("selon l'AFP", "fr"), [("AFP".into(), "FRA:media".into())]);
        assert_eq!(found("Hamas fighters", "en")[0].1, "PSE:armed_group");
        // "un" (French article) and "who" are not the UN or the WHO.
        assert!(found("un drone who", "fr").is_empty());
        assert_eq!(found("les Forces de soutien rapide", "fr")[0].1, "SDN:armed_group");
    }

    #[test]
    fn people_and_adjectives() {
        let got = found("Les Arméniens accusent", "fr");
        assert_eq!(got, [("Arméniens".into(), "ARM:military".into())]);
        let text = "un tir de missile arménien";
        let adj = lex().find(text, Span::new(0, text.len()), "fr");
        assert_eq!(adj[0].form, ActorForm::Adjective);
    }

    #[test]
    fn role_without_country() {
        assert_eq!(found("les civils", "fr"), [("civils".into(), "?:civilians".into())]);
    }
}
