//! Every event type, stance and attribution form, in French and English,
//! through the whole pipeline: one invented sentence each (never text from
//! the seed pages), with the type, source and stance it must give.

use std::sync::OnceLock;

use warlog_model::{Claim, Stance};
use warlog_pipeline::{Pipeline, Source};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::load)
}

fn claims(text: &str, published: &str) -> Vec<Claim> {
    let date = warlog_model::parse_iso_date(published);
    pipeline().process(Source::text("test.txt", text), date).page.claims
}

/// (sentence, type, source, stance)
type Case = (&'static str, &'static str, &'static str, Stance);

fn check(cases: &[Case], published: &str) {
    let mut failures = Vec::new();
    for (text, t, source, stance) in cases {
        let got = claims(text, published);
        let found =
            got.iter().any(|c| c.event_type.as_str() == *t && c.source.to_string() == *source && c.stance == *stance);
        if !found {
            let summary: Vec<String> =
                got.iter().map(|c| format!("{} {} {:?}", c.event_type.as_str(), c.source, c.stance)).collect();
            failures.push(format!("{text}\n    want {t} {source} {stance:?}, got {summary:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

use Stance::{Asserted, Denied, Hedged};

#[test]
fn french_event_types() {
    check(
        &[
            (
                "Des tirs d'artillerie ont visé Tovuz mardi, a indiqué le ministère azerbaïdjanais de la Défense.",
                "shelling",
                "AZE:government",
                Asserted,
            ),
            (
                "Un drone a frappé un convoi près de Kherson, selon l'armée ukrainienne.",
                "air_strike",
                "UKR:military",
                Asserted,
            ),
            (
                "Les forces ukrainiennes ont repris le village de Klichtchiïvka, a affirmé Kyiv.",
                "territory_taken",
                "UKR:government",
                Asserted,
            ),
            (
                "De violents combats opposent l'armée malienne aux jihadistes près de Gao.",
                "armed_clash",
                "outlet",
                Asserted,
            ),
            (
                "Une mine a explosé au passage d'un véhicule près de Mopti, tuant trois civils.",
                "explosive",
                "outlet",
                Asserted,
            ),
            (
                "Les Forces de soutien rapide ont massacré des dizaines de civils à El Geneina, selon l'ONU.",
                "attack_on_civilians",
                "INT:international",
                Asserted,
            ),
            (
                "Douze soldats ont été faits prisonniers lors de l'attaque, selon l'état-major russe.",
                "capture_of_persons",
                "RUS:military",
                Asserted,
            ),
            (
                "La Russie a déployé des renforts près de Bakhmout, selon le renseignement britannique.",
                "deployment",
                "GBR:government",
                Asserted,
            ),
            (
                "Le groupe Wagner recrute des combattants en Syrie, a rapporté l'OSDH.",
                "recruitment",
                "SYR:ngo",
                Asserted,
            ),
            (
                "L'Allemagne a livré des chars Leopard à l'Ukraine, a annoncé Berlin.",
                "weapons_supply",
                "DEU:government",
                Asserted,
            ),
            ("Le gouvernement a décrété la loi martiale dans tout le pays.", "alert", "outlet", Asserted),
            ("Un cessez-le-feu est entré en vigueur à minuit entre les deux camps.", "ceasefire", "outlet", Asserted),
            (
                "Les ministres des Affaires étrangères se sont entretenus mardi à Genève.",
                "negotiation",
                "outlet",
                Asserted,
            ),
            (
                "L'ONU a appelé à une pause humanitaire immédiate dans la bande de Gaza.",
                "appeal",
                "INT:international",
                Asserted,
            ),
            ("Le président a nommé un nouveau chef d'état-major.", "leadership_change", "outlet", Asserted),
            ("Des milliers de manifestants ont défilé à Erevan contre le gouvernement.", "protest", "outlet", Asserted),
        ],
        "2023-11-15",
    );
}

#[test]
fn english_event_types() {
    check(
        &[
            (
                "Russian artillery shelled the town of Vovchansk on Tuesday, the regional governor said.",
                "shelling",
                "outlet",
                Asserted,
            ),
            (
                "An Israeli air strike hit a house in Rafah, killing five people, medics said.",
                "air_strike",
                "outlet",
                Asserted,
            ),
            (
                "Ukrainian forces recaptured the village of Robotyne, Kyiv said.",
                "territory_taken",
                "UKR:government",
                Asserted,
            ),
            (
                "Heavy fighting broke out between the army and the Rapid Support Forces in Omdurman.",
                "armed_clash",
                "outlet",
                Asserted,
            ),
            ("A roadside bomb killed four soldiers near Kidal, the army said.", "explosive", "outlet", Asserted),
            (
                "Gunmen massacred villagers in central Mali, according to Human Rights Watch.",
                "attack_on_civilians",
                "INT:ngo",
                Asserted,
            ),
            (
                "Hamas fighters abducted dozens of civilians during the attack, the Israeli army said.",
                "capture_of_persons",
                "ISR:military",
                Asserted,
            ),
            (
                "Russia deployed thousands of troops near the border, according to British intelligence.",
                "deployment",
                "GBR:government",
                Asserted,
            ),
            (
                "Wagner recruited fighters in Syria, the Syrian Observatory for Human Rights reported.",
                "recruitment",
                "SYR:ngo",
                Asserted,
            ),
            (
                "The United States supplied HIMARS rocket launchers to Ukraine, the Pentagon said.",
                "weapons_supply",
                "USA:government",
                Asserted,
            ),
            ("Sudan's army declared a state of emergency in Khartoum.", "alert", "outlet", Asserted),
            ("A ceasefire took effect at midnight between the two sides.", "ceasefire", "outlet", Asserted),
            ("The two foreign ministers held talks in Jeddah on Saturday.", "negotiation", "outlet", Asserted),
            (
                "The United Nations called for an immediate humanitarian pause in Gaza.",
                "appeal",
                "INT:international",
                Asserted,
            ),
            ("The president appointed a new army chief on Monday.", "leadership_change", "outlet", Asserted),
            ("Thousands of protesters marched in Tbilisi against the bill.", "protest", "outlet", Asserted),
        ],
        "2023-11-15",
    );
}

#[test]
fn stances_in_both_languages() {
    check(
        &[
            (
                "Selon Bakou, l'artillerie arménienne a bombardé Terter dans la nuit.",
                "shelling",
                "AZE:government",
                Asserted,
            ),
            ("Des frappes auraient visé Stepanakert dans la nuit.", "shelling", "outlet", Hedged),
            (
                "Le ministère arménien de la Défense a démenti avoir bombardé Gandja.",
                "shelling",
                "ARM:government",
                Denied,
            ),
            ("Moscou a démenti toute frappe sur le marché de Kherson.", "shelling", "RUS:government", Denied),
            ("Russian forces reportedly shelled Kharkiv overnight.", "shelling", "outlet", Hedged),
            ("Russia's defence ministry denied shelling the railway station.", "shelling", "RUS:government", Denied),
            ("Israel denied carrying out an air strike on the hospital.", "air_strike", "ISR:government", Denied),
            ("The army denied attacking the village.", "attack_on_civilians", "outlet", Denied),
        ],
        "2023-11-15",
    );
}

#[test]
fn a_denial_that_points_back_denies_the_claim_before_it() {
    let text = "Bakou a accusé mardi l'Arménie d'avoir bombardé la ville de Barda, tuant quatre civils. \
                Erevan a immédiatement démenti ces accusations.";
    let got = claims(text, "2020-10-28");
    let asserted = got.iter().find(|c| c.stance == Asserted).expect("the accusation is a claim");
    assert_eq!(asserted.event_type.as_str(), "shelling");
    assert_eq!(asserted.source.to_string(), "AZE:government");
    assert_eq!(asserted.killed.map(|k| k.low()), Some(4));
    let denied = got.iter().find(|c| c.stance == Denied).expect("the denial is a claim");
    assert_eq!(denied.event_type.as_str(), "shelling");
    assert_eq!(denied.source.to_string(), "ARM:government");
    assert!(asserted.denied_by.iter().any(|s| s.to_string() == "ARM:government"));
}

#[test]
fn forecasts_background_and_comments_make_no_claims() {
    for text in [
        "De graves combats pourraient éclater dans les prochains jours.",
        "Fighting could resume if talks fail.",
        "Le conflit avait fait 30.000 morts dans les années 1990.",
        "La Turquie n'a pas appelé à un cessez-le-feu.",
    ] {
        let got = claims(text, "2020-10-28");
        assert!(got.is_empty(), "{text}: {:?}", got.iter().map(|c| c.event_type).collect::<Vec<_>>());
    }
}

#[test]
fn dates_resolve_against_the_page_date() {
    let got = claims("Mardi 27 octobre, des tirs de roquettes ont visé Barda.", "2020-10-28");
    assert_eq!(got[0].date.to_json(), serde_json::json!("2020-10-27"));
    let got = claims("Dans la nuit de jeudi à vendredi, des obus sont tombés sur Martakert.", "2020-10-16");
    assert_eq!(got[0].date.to_json(), serde_json::json!({"from": "2020-10-15", "to": "2020-10-16"}));
    let got = claims("Des combats ont eu lieu depuis le 27 septembre au Karabakh.", "2020-10-01");
    assert_eq!(got[0].date.to_json(), serde_json::json!({"from": "2020-09-27", "to": "2020-10-01"}));
}

#[test]
fn figures_are_kept_per_claim() {
    let got = claims(
        "Au moins 12 civils ont été tués et plus de 30 blessés dans un bombardement sur Kharkiv, selon le maire.",
        "2022-03-01",
    );
    let c = got.iter().find(|c| c.event_type.as_str() == "shelling").expect("a shelling");
    assert_eq!(c.killed.map(|k| k.low()), Some(12));
    assert_eq!(c.wounded.map(|k| k.low()), Some(30));
    assert_eq!(c.victims, Some(warlog_model::Victims::Civilians));
}

#[test]
fn people_named_once_are_known_by_surname() {
    let text = "Le ministre turc de la Défense, Hulusi Akar, s'est exprimé mardi. \
                Des drones ont frappé des positions près de Fizouli, a déclaré Akar.";
    let got = claims(text, "2020-10-20");
    let strike = got.iter().find(|c| c.event_type.as_str() == "air_strike").expect("an air strike");
    assert_eq!(strike.source.to_string(), "TUR:government");
    let text = "Maria Zagorska, porte-parole du ministère polonais des Affaires étrangères, a parlé lundi. \
                Des tirs ont visé un poste frontière, a précisé Zagorska.";
    let got = claims(text, "2020-10-20");
    assert!(got.iter().any(|c| c.source.to_string() == "POL:government"), "{got:?}");
}

#[test]
fn a_month_is_not_a_modal() {
    let got =
        claims("On 9 May 2020, Azerbaijani forces shelled positions near Tovuz, the ministry said.", "2020-05-10");
    assert!(got.iter().any(|c| c.event_type.as_str() == "shelling"), "{got:?}");
}

fn actor(a: &Option<warlog_model::Actor>) -> String {
    a.as_ref().map_or("-".to_string(), |a| a.to_string())
}

#[test]
fn parties_of_a_breakaway_territory_come_from_the_words_and_the_region() {
    // Separatists with no country, on a page about Karabakh, are its
    // Armenian authorities' forces; so are soldiers hit on ground they hold.
    let text = "Les combats se poursuivent au Haut-Karabakh. \
                Les forces séparatistes ont bombardé la ville de Terter, selon Bakou. \
                Les forces azerbaïdjanaises ont bombardé des positions près de Martakert.";
    let got = claims(text, "2020-10-12");
    let by = |place: &str| got.iter().find(|c| c.place.as_ref().is_some_and(|p| p.name.contains(place)));
    let terter = by("Terter").expect("a claim at Terter");
    assert_eq!(actor(&terter.actor1), "ART:military");
    let martakert = by("Martakert").expect("a claim at Martakert");
    assert_eq!(actor(&martakert.actor2), "ART:military");
    let text = "Fighting went on in Nagorno-Karabakh. Separatist forces shelled the town of Terter, Baku said.";
    let got = claims(text, "2020-10-12");
    let terter = got.iter().find(|c| c.event_type.as_str() == "shelling").expect("a shelling");
    assert!(actor(&terter.actor1).starts_with("ART:"), "{:?}", terter.actor1);
}

#[test]
fn who_was_hit_is_what_the_text_says() {
    // A district shelled says where, not whom; positions are soldiers, a
    // village its people.
    for (text, hit) in [
        ("Les forces arméniennes ont bombardé le district de Terter, selon Bakou.", "-"),
        ("Armenian forces shelled the Terter district, Baku said.", "-"),
        ("Les forces arméniennes ont bombardé des positions azerbaïdjanaises près de Terter.", "AZE:military"),
        ("Armenian forces shelled Azerbaijani positions near Terter.", "AZE:military"),
    ] {
        let got = claims(text, "2020-10-12");
        let strike = got.iter().find(|c| c.event_type.as_str() == "shelling").expect("a shelling");
        assert_eq!(actor(&strike.actor2), hit, "{text}");
        assert_eq!(actor(&strike.actor1), "ARM:military", "{text}");
    }
}

#[test]
fn fighters_sent_far_from_home_are_mercenaries() {
    for text in ["La Turquie a envoyé des combattants syriens en Libye.", "Turkey sent Syrian fighters to Libya."] {
        let got = claims(text, "2020-10-01");
        let moved = got.iter().find(|c| c.event_type.as_str() == "deployment").expect("a deployment");
        assert_eq!(actor(&moved.actor2), "SYR:mercenaries", "{text}");
    }
}

#[test]
fn a_statement_in_the_present_or_imperfect_takes_the_date_of_its_lead() {
    let text = "Lundi 12 octobre, des combats ont éclaté près de Terter.\n\n\
                Selon Bakou, les séparatistes bombardaient les villages voisins.\n\n\
                Les forces arméniennes ont bombardé Gandja.";
    let got = claims(text, "2020-10-13");
    let imperfect = got.iter().find(|c| c.source.to_string() == "AZE:government").expect("Baku's claim");
    assert_eq!(imperfect.date.to_json(), serde_json::json!("2020-10-12"));
    // A compound past with no date of its own may be any day before.
    let past = got.iter().find(|c| c.place.as_ref().is_some_and(|p| p.name == "Ganja")).expect("a claim at Ganja");
    assert!(!past.date.is_known(), "{:?}", past.date);
    // A part of a day "of" a date is dated by it.
    let got = claims("Dans la matinée du 13 octobre, l'armée a bombardé Terter.", "2020-10-20");
    assert_eq!(got[0].date.to_json(), serde_json::json!("2020-10-13"));
    let got = claims("On the night of 3 May, Russian forces shelled Kharkiv.", "2022-05-10");
    assert_eq!(got[0].date.to_json(), serde_json::json!("2022-05-03"));
}

#[test]
fn an_official_speaks_for_the_country_of_the_place_they_serve() {
    let got = claims(
        "Deux civils ont été blessés par des tirs russes, a indiqué le gouverneur de la région de Kharkiv.",
        "2024-05-14",
    );
    assert_eq!(got[0].source.to_string(), "UKR:government");
}

fn place_name(c: &Claim) -> String {
    c.place.as_ref().map_or("-".to_string(), |p| p.name.clone())
}

#[test]
fn a_statement_is_placed_by_its_venue_not_by_the_parties_it_names() {
    for (text, kind, want) in [
        (
            "Le président russe a invité les chefs de la diplomatie de la Géorgie et de la Turquie à Moscou pour des consultations.",
            "negotiation",
            "Moscow",
        ),
        (
            "The Russian president invited the foreign ministers of Georgia and Turkey to talks in Moscow.",
            "negotiation",
            "Moscow",
        ),
        ("Le porte-parole a indiqué que des entretiens avec Ankara avaient eu lieu.", "negotiation", "-"),
        ("The spokesman said talks were held with Ankara.", "negotiation", "-"),
        ("La Cour a rejeté une demande d'interdiction de la vente d'armes à la Géorgie.", "weapons_supply", "-"),
        ("Deux lots de drones ont été livrés en Ukraine, selon des sources.", "weapons_supply", "Ukraine"),
        ("Two batches of drones were delivered to Ukraine, sources said.", "weapons_supply", "Ukraine"),
        ("Le ministre a appelé à des pourparlers sur le conflit du Donbass.", "appeal", "-"),
        ("The minister called for talks on the Donbas conflict.", "appeal", "-"),
    ] {
        let got = claims(text, "2021-03-02");
        let c = got.iter().find(|c| c.event_type.as_str() == kind).unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert_eq!(place_name(c), want, "{text}");
    }
}

#[test]
fn claims_set_in_the_region_without_naming_it_take_the_region() {
    let lead = |lang: &str| {
        if lang == "fr" {
            "Les combats se poursuivent au Haut-Karabakh.\n\n"
        } else {
            "Fighting goes on in Nagorno-Karabakh.\n\n"
        }
    };
    for (lang, text, kind, want) in [
        ("fr", "Une trêve est entrée en vigueur samedi dans l'enclave.", "ceasefire", "Nagorno-Karabakh"),
        ("en", "A truce took effect on Saturday in the enclave.", "ceasefire", "Nagorno-Karabakh"),
        (
            "fr",
            "La loi martiale a été décrétée sur le territoire de la république autoproclamée.",
            "alert",
            "Nagorno-Karabakh",
        ),
        ("en", "Martial law was declared in the breakaway region.", "alert", "Nagorno-Karabakh"),
        // Forces moved are in the region; a truce with no place named has none.
        ("fr", "L'Azerbaïdjan a déployé des troupes supplémentaires.", "deployment", "Nagorno-Karabakh"),
        ("en", "Azerbaijan deployed additional troops.", "deployment", "Nagorno-Karabakh"),
        ("fr", "Une trêve humanitaire est entrée en vigueur samedi.", "ceasefire", "-"),
        ("en", "A humanitarian truce took effect on Saturday.", "ceasefire", "-"),
    ] {
        let page = format!("{}{text}", lead(lang));
        let got = claims(&page, "2020-10-12");
        let c = got.iter().find(|c| c.event_type.as_str() == kind).unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert_eq!(place_name(c), want, "{text}");
    }
}

#[test]
fn a_section_on_another_war_falls_back_on_its_own_theatre() {
    for text in [
        "Des combats opposent les forces azerbaïdjanaises et arméniennes au Haut-Karabakh.\n\n\
         Les drones turcs en Ukraine\n\n\
         Les drones ont été livrés en Ukraine l'an dernier.\n\n\
         Des frappes de missiles ont visé les bases de l'armée ukrainienne, selon des experts.",
        "Azerbaijani and Armenian forces are fighting in Nagorno-Karabakh.\n\n\
         Turkish drones in Ukraine\n\n\
         The drones were delivered to Ukraine last year.\n\n\
         Missile strikes hit the bases of the Ukrainian army, experts said.",
    ] {
        let got = claims(text, "2022-03-26");
        let strike = got.iter().find(|c| c.event_type.as_str() == "shelling").unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(place_name(strike), "Ukraine", "{text}");
        let clash = got.iter().find(|c| c.event_type.as_str() == "armed_clash").expect("the fighting");
        assert_eq!(place_name(clash), "Nagorno-Karabakh", "{text}");
    }
}

#[test]
fn equipment_destroyed_is_counted_but_kills_no_one() {
    for text in [
        "Environ 60 drones auraient été détruits en Ukraine en un mois.",
        "About 60 drones were reportedly destroyed in Ukraine in a month.",
    ] {
        let got = claims(text, "2022-03-26");
        let tally = got.iter().find(|c| c.event_type.as_str() == "casualty_tally").unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(tally.killed, None, "{text}");
        assert_eq!(place_name(tally), "Ukraine", "{text}");
    }
}

#[test]
fn a_town_pointed_back_to_is_the_one_named_before() {
    for text in [
        "Les combats se poursuivent dans l'est de l'Ukraine. Une vidéo montre la ville d'Izioum, dans la région de Kharkiv. \
         Cette ville a été reprise par les forces ukrainiennes.",
        "Fighting goes on in eastern Ukraine. A video shows the town of Izium, in the Kharkiv region. \
         This town was recaptured by Ukrainian forces.",
    ] {
        let got = claims(text, "2022-09-12");
        let taken =
            got.iter().find(|c| c.event_type.as_str() == "territory_taken").unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(place_name(taken), "Izium", "{text}");
    }
}

#[test]
fn a_night_in_the_headline_dates_the_report_of_the_next_day() {
    for text in [
        "Des frappes nocturnes font cinq morts en Ukraine\n\n\
         Cinq personnes ont été tuées dans des frappes sur la ville de Kharkiv, a indiqué dimanche le gouverneur.",
        "Overnight strikes kill five in Ukraine\n\n\
         Five people were killed in strikes on the city of Kharkiv, the governor said on Sunday.",
    ] {
        let got = claims(text, "2022-05-15");
        let strikes: Vec<&Claim> = got.iter().filter(|c| c.event_type.as_str() == "shelling").collect();
        assert_eq!(strikes.len(), 1, "the headline announces the strike on Kharkiv: {got:?}");
        assert_eq!(place_name(strikes[0]), "Kharkiv");
        assert_eq!(strikes[0].date.to_json(), serde_json::json!({"from": "2022-05-14", "to": "2022-05-15"}), "{text}");
    }
}

#[test]
fn since_a_day_named_later_runs_to_the_day_of_writing_and_a_far_past_verb_leaves_no_date() {
    let got = claims(
        "Le ministre a appelé lundi à un retrait, lors d'un entretien avec son homologue, dont le pays a parrainé \
         une trêve dans la région, violée depuis son entrée en vigueur samedi.",
        "2020-10-12",
    );
    let truce = got.iter().find(|c| c.event_type.as_str() == "ceasefire").unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(truce.date.to_json(), serde_json::json!({"from": "2020-10-10", "to": "2020-10-12"}));
    let got = claims("The truce has been violated since its entry into force on Saturday.", "2020-10-12");
    let truce = got.iter().find(|c| c.event_type.as_str() == "ceasefire").unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(truce.date.to_json(), serde_json::json!({"from": "2020-10-10", "to": "2020-10-12"}));
    for text in [
        "Lundi 12 octobre\n\nLe cessez-le-feu parrainé par la Russie au Haut-Karabakh n'a pas tenu.",
        "Monday 12 October\n\nThe ceasefire brokered by Russia in Nagorno-Karabakh has collapsed.",
    ] {
        let got = claims(text, "2020-10-12");
        let truce = got.iter().find(|c| c.event_type.as_str() == "ceasefire").unwrap_or_else(|| panic!("{got:?}"));
        assert!(!truce.date.is_known(), "{text}: {:?}", truce.date);
    }
}

#[test]
fn a_denial_is_of_the_day_of_what_it_denies_and_another_clause_keeps_its_date() {
    for text in [
        "Les forces arméniennes ont bombardé Tovouz lundi, selon Bakou. Erevan a démenti avoir bombardé Tovouz.",
        "Armenian forces shelled Tovuz on Monday, Baku said. Yerevan denied having shelled Tovuz.",
    ] {
        let got = claims(text, "2020-07-15");
        let denied = got.iter().find(|c| c.stance == Denied).unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert_eq!(denied.date.to_json(), serde_json::json!("2020-07-13"), "{text}");
    }
    for text in [
        "Un combattant syrien a été tué en Azerbaïdjan, où il était arrivé le 20 septembre.",
        "A Syrian fighter has been killed in Azerbaijan, where he had arrived on 20 September.",
    ] {
        let got = claims(text, "2020-10-01");
        let death = got.iter().find(|c| c.event_type.is_violent()).unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert!(!death.date.is_known(), "{text}: {:?}", death.date);
    }
}

#[test]
fn a_drone_shot_down_is_fighting_not_a_strike_nor_a_tally() {
    for text in [
        "Un drone azéri a été abattu par un missile antiaérien tiré par les forces arméniennes.",
        "An Azerbaijani drone was shot down by a missile fired by Armenian forces.",
    ] {
        let got = claims(text, "2020-10-12");
        let kinds: Vec<&str> = got.iter().map(|c| c.event_type.as_str()).collect();
        assert_eq!(kinds, ["armed_clash"], "{text}");
        assert_eq!(got[0].killed, None, "{text}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever the text, extraction finishes and every span lies in it.
    #[test]
    fn claims_never_panic_and_stay_in_bounds(text in "(\\PC|[ .,«»\\n]){0,300}|((Bakou|Kyiv|tués|bombardé|selon|denied|killed|shelled|le 3 mai|\\d+) ){0,40}") {
        for c in claims(&text, "2021-05-04") {
            for span in std::iter::once(c.evidence).chain(c.also_evidence.iter().copied()).chain([c.trigger]) {
                proptest::prop_assert!(span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}
