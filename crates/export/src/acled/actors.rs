//! warlog's `COUNTRY:role` actors in ACLED's words: names after ACLED's
//! conventions ("Military Forces of Azerbaijan", "Civilians (Azerbaijan)"),
//! without the regime years ACLED appends ("(2003-)"), which warlog does not
//! know; the actor type codes (`inter1`, `inter2`) and their `interaction`.

use warlog_model::{Actor, EventType, Role, Source};

use super::countries::acled_country_name;

/// ACLED actor types (codebook: "Actor types").
pub mod inter {
    pub const STATE_FORCES: u8 = 1;
    pub const REBEL_GROUPS: u8 = 2;
    pub const POLITICAL_MILITIAS: u8 = 3;
    pub const IDENTITY_MILITIAS: u8 = 4;
    pub const RIOTERS: u8 = 5;
    pub const PROTESTERS: u8 = 6;
    pub const CIVILIANS: u8 = 7;
    pub const EXTERNAL_OTHER: u8 = 8;
}

/// An actor as ACLED writes it: name, associated actor, type code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcledActor {
    pub name: String,
    /// `assoc_actor_*`: who, among civilians, the actor is (journalists, aid workers).
    pub assoc: String,
    pub inter: u8,
}

/// The country part of an actor's names: ACLED's spelling; `ART` is
/// Artsakh, `INT` is "International".
pub fn country_label(code: &str) -> String {
    match code {
        "ART" => "Artsakh".to_string(),
        "INT" => "International".to_string(),
        other => acled_country_name(other).unwrap_or(other).to_string(),
    }
}

/// ACLED-style name of an actor (also used for the sources column).
pub fn actor_name(actor: &Actor) -> String {
    acled_actor(actor, None).name
}

/// Name of who asserts a claim: the party, or the page's outlet. A
/// newspaper or an NGO speaking is a source, not the civilians ACLED counts
/// them among when they are attacked.
pub fn source_name(source: &Source, outlet: Option<&str>) -> String {
    match source {
        Source::Party(a) if a.role == Role::Media => format!("Media ({})", country_label(&a.country)),
        Source::Party(a) if a.role == Role::Ngo => format!("NGO ({})", country_label(&a.country)),
        Source::Party(a) => actor_name(a),
        Source::Outlet => outlet.unwrap_or("outlet").to_string(),
    }
}

/// The actor in ACLED's terms, for an event in `event_country` (alpha-3).
///
/// A state's forces are state forces (1) at home and external forces (8)
/// abroad, as ACLED codes them; Artsakh's forces count as at home in
/// Azerbaijan (ACLED codes them 1 there). Armed groups of unknown aim are
/// political militias (3, ACLED's "Unidentified Armed Group"); journalists
/// and NGO staff are civilians (7) with an associated actor.
pub fn acled_actor(actor: &Actor, event_country: Option<&str>) -> AcledActor {
    let c = country_label(&actor.country);
    let at_home = match event_country {
        None => true,
        Some(here) => actor.country == here || (actor.country == "ART" && here == "AZE"),
    };
    let state = if at_home { inter::STATE_FORCES } else { inter::EXTERNAL_OTHER };
    let (name, assoc, inter) = match actor.role {
        Role::Government => (format!("Government of {c}"), String::new(), state),
        Role::Military => (format!("Military Forces of {c}"), String::new(), state),
        Role::Police => (format!("Police Forces of {c}"), String::new(), state),
        Role::Civilians => (format!("Civilians ({c})"), String::new(), inter::CIVILIANS),
        Role::Media => (format!("Civilians ({c})"), format!("Journalists ({c})"), inter::CIVILIANS),
        Role::Ngo => (format!("Civilians ({c})"), format!("Aid Workers ({c})"), inter::CIVILIANS),
        Role::ArmedGroup => (format!("Unidentified Armed Group ({c})"), String::new(), inter::POLITICAL_MILITIAS),
        Role::Mercenaries => (format!("Mercenaries ({c})"), String::new(), inter::EXTERNAL_OTHER),
        Role::Peacekeepers => (format!("Peacekeepers ({c})"), String::new(), inter::EXTERNAL_OTHER),
        Role::International if actor.country == "INT" => {
            ("International Organizations".to_string(), String::new(), inter::EXTERNAL_OTHER)
        }
        Role::International => (format!("International Organizations ({c})"), String::new(), inter::EXTERNAL_OTHER),
    };
    AcledActor { name, assoc, inter }
}

/// Civilians who protest or riot are ACLED's protesters (6) or rioters (5).
pub fn as_demonstrators(actor: &Actor, acled: AcledActor, event_type: EventType) -> AcledActor {
    let c = country_label(&actor.country);
    match (event_type, actor.role) {
        (EventType::Protest, Role::Civilians) => {
            AcledActor { name: format!("Protesters ({c})"), inter: inter::PROTESTERS, ..acled }
        }
        (EventType::Riot, Role::Civilians) => {
            AcledActor { name: format!("Rioters ({c})"), inter: inter::RIOTERS, ..acled }
        }
        _ => acled,
    }
}

/// ACLED's `interaction`: the two type codes, lowest first ("17"); one
/// actor alone gives its code times ten ("60"); none gives 0.
pub fn interaction(inter1: u8, inter2: u8) -> u8 {
    match (inter1, inter2) {
        (0, 0) => 0,
        (a, 0) | (0, a) => a * 10,
        (a, b) => a.min(b) * 10 + a.max(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Actor {
        s.parse().unwrap()
    }

    #[test]
    fn names_follow_acled_conventions() {
        assert_eq!(actor_name(&a("AZE:military")), "Military Forces of Azerbaijan");
        assert_eq!(actor_name(&a("ART:military")), "Military Forces of Artsakh");
        assert_eq!(actor_name(&a("AZE:civilians")), "Civilians (Azerbaijan)");
        assert_eq!(actor_name(&a("AZE:police")), "Police Forces of Azerbaijan");
        assert_eq!(actor_name(&a("SYR:mercenaries")), "Mercenaries (Syria)");
        assert_eq!(actor_name(&a("RUS:government")), "Government of Russia");
        assert_eq!(acled_actor(&a("ARM:media"), None).assoc, "Journalists (Armenia)");
        assert_eq!(actor_name(&a("INT:international")), "International Organizations");
    }

    #[test]
    fn sources_are_named_as_who_speaks() {
        let party = |s: &str| Source::Party(a(s));
        assert_eq!(source_name(&party("FRA:media"), None), "Media (France)");
        assert_eq!(source_name(&party("SYR:ngo"), None), "NGO (Syria)");
        assert_eq!(source_name(&party("AZE:government"), Some("AFP")), "Government of Azerbaijan");
        assert_eq!(source_name(&Source::Outlet, Some("Le Monde")), "Le Monde");
    }

    #[test]
    fn state_forces_abroad_are_external() {
        assert_eq!(acled_actor(&a("AZE:military"), Some("AZE")).inter, 1);
        assert_eq!(acled_actor(&a("ART:military"), Some("AZE")).inter, 1);
        assert_eq!(acled_actor(&a("ARM:military"), Some("AZE")).inter, 8);
        assert_eq!(acled_actor(&a("AZE:civilians"), Some("ARM")).inter, 7);
    }

    #[test]
    fn civilians_in_the_street_are_protesters_or_rioters() {
        let civ = a("ARM:civilians");
        let protest = as_demonstrators(&civ, acled_actor(&civ, None), EventType::Protest);
        assert_eq!((protest.name.as_str(), protest.inter), ("Protesters (Armenia)", 6));
        let riot = as_demonstrators(&civ, acled_actor(&civ, None), EventType::Riot);
        assert_eq!((riot.name.as_str(), riot.inter), ("Rioters (Armenia)", 5));
        let police = a("ARM:police");
        assert_eq!(as_demonstrators(&police, acled_actor(&police, None), EventType::Riot).inter, 1);
    }

    #[test]
    fn interaction_codes() {
        assert_eq!(interaction(1, 1), 11);
        assert_eq!(interaction(7, 1), 17);
        assert_eq!(interaction(6, 0), 60);
        assert_eq!(interaction(0, 0), 0);
    }
}
