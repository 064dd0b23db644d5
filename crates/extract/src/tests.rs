//! The extractor on sentences written for these tests, each line one
//! sentence of one paragraph of a body segment. Actors and casualty figures
//! are recognised; places and dates are left out, so these tests are about
//! who acts, who is hit and who says so.

use warlog_model::{Claim, Segment, SegmentKind, Span};

use crate::{Extractor, Input, Sentence};

fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(Extractor::new)
}

/// Claims of `text`, one sentence per line, in segments of `kind`.
fn claims_in(text: &str, lang: &'static str, kind: SegmentKind) -> Vec<Claim> {
    let segments = [Segment::new(kind, Span::new(0, text.len()))];
    let mut sentences = Vec::new();
    let mut start = 0;
    for (block, line) in text.split('\n').enumerate() {
        let end = start + line.len();
        if !line.trim().is_empty() {
            sentences.push(Sentence { span: Span::new(start, end), segment: 0, block, heading: false, lang: None });
        }
        start = end + 1;
    }
    let casualties: Vec<_> =
        sentences.iter().flat_map(|s| warlog_recognise::casualties::find_casualties(text, s.span, lang)).collect();
    let input = Input {
        text,
        lang,
        published: None,
        segments: &segments,
        sentences: &sentences,
        places: &[],
        dates: &[],
        casualties: &casualties,
        weapons: &[],
        words: None,
        actors: None,
    };
    extractor().extract(&input)
}

fn claims(text: &str, lang: &'static str) -> Vec<Claim> {
    claims_in(text, lang, SegmentKind::Body)
}

/// "type a1→a2 | source" of each claim.
fn summary(claims: &[Claim]) -> Vec<String> {
    let actor = |a: &Option<warlog_model::Actor>| a.as_ref().map_or("-".to_string(), |a| a.to_string());
    claims
        .iter()
        .map(|c| format!("{} {}→{} | {}", c.event_type.as_str(), actor(&c.actor1), actor(&c.actor2), c.source))
        .collect()
}

#[test]
fn a_party_after_the_source_and_a_comma_is_the_subject_not_a_second_source() {
    for (text, lang) in [
        ("Selon l'armée ukrainienne, les forces russes ont bombardé la gare.", "fr"),
        ("According to the Ukrainian army, Russian forces shelled the station.", "en"),
    ] {
        let got = claims(text, lang);
        assert_eq!(got.len(), 1, "{text}: {:?}", summary(&got));
        assert_eq!(got[0].source.to_string(), "UKR:military", "{text}");
        assert_eq!(got[0].actor1.as_ref().map(|a| a.to_string()).as_deref(), Some("RUS:military"), "{text}");
    }
    // A list closed by a conjunction is several sources.
    for (text, lang) in [
        ("Selon Kyiv, Washington et Londres, des drones russes ont frappé la gare.", "fr"),
        ("According to Kyiv, Washington and London, Russian drones hit the station.", "en"),
    ] {
        let got = claims(text, lang);
        let sources: Vec<String> = got.iter().map(|c| c.source.to_string()).collect();
        assert_eq!(sources, ["UKR:government", "USA:government", "GBR:government"], "{text}");
    }
}

fn actors_of(c: &Claim) -> (String, String) {
    let a = |a: &Option<warlog_model::Actor>| a.as_ref().map_or("-".to_string(), |a| a.to_string());
    (a(&c.actor1), a(&c.actor2))
}

#[test]
fn a_coordinated_verb_of_saying_shares_the_subject_and_its_list_is_attributed() {
    let text = "Le ministre arménien a reçu les ambassadeurs et leur a précisé les points suivants:\n\
                - Les forces azerbaïdjanaises ont bombardé la ville.";
    let got = claims(text, "fr");
    let strike = got.iter().find(|c| c.event_type.as_str() == "shelling").expect("a shelling");
    assert_eq!(strike.source.to_string(), "ARM:government");
    // The speaker named in the sentence before is not this sentence's party.
    assert_eq!(actors_of(strike).0, "AZE:military");
    let text = "The Armenian minister met the envoys and told them the following:\n\
                - Azerbaijani forces shelled the town.";
    let got = claims(text, "en");
    let strike = got.iter().find(|c| c.event_type.as_str() == "shelling").expect("a shelling");
    assert_eq!(strike.source.to_string(), "ARM:government");
}

#[test]
fn a_caption_takes_the_side_marker_last_before_it() {
    let text = "Vidéo - côté arménien\nDes tirs ont visé un char.\nVidéo - côté azéri\nDes tirs ont visé un camion.";
    let got = claims_in(text, "fr", SegmentKind::Caption);
    let sources: Vec<String> = got.iter().map(|c| c.source.to_string()).collect();
    assert_eq!(sources, ["ARM:military", "AZE:military"]);
}

#[test]
fn the_agent_of_a_passive_or_of_a_nominal_strike() {
    // The victims counted before a nominal trigger were hit; the demonym
    // after it fired.
    for (text, lang) in [
        ("Au moins 30 Soudanais ont été tués dans des frappes russes.", "fr"),
        ("At least 30 Sudanese were killed in Russian strikes.", "en"),
    ] {
        let got = claims(text, lang);
        assert_eq!(actors_of(&got[0]).0, "RUS:military", "{text}");
    }
    // Killed in clashes with a party: that party fought them.
    let got =
        claims("Trois soldats arméniens ont été tués lors d'affrontements avec les troupes azerbaïdjanaises.", "fr");
    assert_eq!(actors_of(&got[0]), ("AZE:military".into(), "ARM:military".into()));
    // Whose death it is: hit, not striking.
    let got = claims("La vidéo montre la mort du général arménien lors d'une frappe de drone.", "fr");
    assert_eq!(actors_of(&got[0]).1, "ARM:military");
    // A demonym qualifying a target is who was hit.
    let got = claims("Bombardement de positions azerbaïdjanaises près du front.", "fr");
    assert_eq!(actors_of(&got[0]).1, "AZE:military");
}

#[test]
fn a_mediator_is_not_the_party_of_a_truce() {
    let got = claims("Erevan accuse Bakou d'avoir violé un cessez-le-feu négocié par la Russie.", "fr");
    let truce = got.iter().find(|c| c.event_type.as_str() == "ceasefire").expect("a ceasefire");
    assert!(actors_of(truce).0.starts_with("AZE:"), "{:?}", actors_of(truce));
    let got = claims("Yerevan accused Baku of having violated a truce brokered by Russia.", "en");
    let truce = got.iter().find(|c| c.event_type.as_str() == "ceasefire").expect("a ceasefire");
    assert_ne!(actors_of(truce).0, "RUS:government");
}

#[test]
fn forces_put_on_alert_or_moved_with_no_one_named_act_themselves() {
    let got = claims("Les unités ukrainiennes ont été mises en état d'alerte maximale.", "fr");
    let alert = got.iter().find(|c| c.event_type.as_str() == "alert").expect("an alert");
    assert_eq!(actors_of(alert), ("UKR:military".into(), "-".into()));
}

#[test]
fn a_speaker_whose_country_is_not_given_is_no_known_party() {
    for (text, lang) in [
        ("According to the army, Russian troops shelled the town.", "en"),
        ("Israeli strikes hit the camp, the health ministry said.", "en"),
        ("Selon un responsable local, les forces russes ont bombardé la ville.", "fr"),
    ] {
        let got = claims(text, lang);
        assert!(got.iter().all(|c| c.source.to_string() == "outlet"), "{text}: {:?}", summary(&got));
    }
    // A role completed by a party is that party.
    let got = claims("Des tirs ont visé la ville, selon un journaliste de l'AFP.", "fr");
    assert_eq!(got[0].source.to_string(), "FRA:media");
}

#[test]
fn a_running_total_counts_the_losses_of_the_side_it_names() {
    // Counted by the Karabakh ministry, "Armenian" soldiers are its own.
    let text = "Le ministère de la Défense du Haut-Karabakh a annoncé que 480 soldats arméniens ont été tués depuis le début de la guerre.";
    let got = claims(text, "fr");
    let tally = got.iter().find(|c| c.event_type.as_str() == "casualty_tally").expect("a tally");
    assert_eq!(actors_of(tally).1, "ART:military");
    // An enemy's losses stay the enemy's.
    let text = "The Ukrainian army said 300 Russian soldiers had been killed since the start of the war.";
    let got = claims(text, "en");
    let tally = got.iter().find(|c| c.event_type.as_str() == "casualty_tally").expect("a tally");
    assert_eq!(actors_of(tally).1, "RUS:military");
}

#[test]
fn a_hedge_far_after_the_trigger_qualifies_something_else() {
    for (text, lang) in [
        (
            "Des combats opposaient les forces arméniennes et azerbaïdjanaises, en violation d'une trêve humanitaire censée être en vigueur.",
            "fr",
        ),
        (
            "Russian and Ukrainian forces clashed near the town in breach of a humanitarian truce that was reportedly in force.",
            "en",
        ),
    ] {
        let got = claims(text, lang);
        let clash = got.iter().find(|c| c.event_type.as_str() == "armed_clash").expect("a clash");
        assert_eq!(clash.stance, warlog_model::Stance::Asserted, "{text}");
    }
    let got = claims("Des frappes auraient visé la ville.", "fr");
    assert_eq!(got[0].stance, warlog_model::Stance::Hedged);
}

#[test]
fn a_relative_clause_does_not_take_the_main_clause_subject_as_its_actor() {
    for (text, lang) in [
        (
            "La Russie s'inquiète de l'escalade, où trois soldats arméniens ont été tués lors d'affrontements avec les troupes azerbaïdjanaises.",
            "fr",
        ),
        (
            "Russia is worried by the escalation, where three Armenian soldiers were killed in clashes with Azerbaijani troops.",
            "en",
        ),
    ] {
        let got = claims(text, lang);
        let clash = got
            .iter()
            .find(|c| c.event_type.as_str() == "armed_clash")
            .unwrap_or_else(|| panic!("{text}: {:?}", summary(&got)));
        assert_eq!(clash.actor1.as_ref().map(|a| a.to_string()).as_deref(), Some("AZE:military"), "{text}");
    }
}
