//! Claims: one statement, by one source, that an event happened (or did not).

use serde::{Deserialize, Serialize};

use crate::{Actor, Count, Date, EventDate, Place, SegmentKind, Span, Victims};

/// Event types of EVENTS.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    ArmedClash,
    TerritoryTaken,
    Shelling,
    AirStrike,
    Explosive,
    AttackOnCivilians,
    CaptureOfPersons,
    Deployment,
    Recruitment,
    WeaponsSupply,
    Alert,
    Ceasefire,
    Negotiation,
    Appeal,
    Accusation,
    LeadershipChange,
    CasualtyTally,
    Protest,
    Riot,
}

/// ACLED's (event type, sub-event type) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcledType {
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
}

impl EventType {
    pub const ALL: [EventType; 19] = [
        EventType::ArmedClash,
        EventType::TerritoryTaken,
        EventType::Shelling,
        EventType::AirStrike,
        EventType::Explosive,
        EventType::AttackOnCivilians,
        EventType::CaptureOfPersons,
        EventType::Deployment,
        EventType::Recruitment,
        EventType::WeaponsSupply,
        EventType::Alert,
        EventType::Ceasefire,
        EventType::Negotiation,
        EventType::Appeal,
        EventType::Accusation,
        EventType::LeadershipChange,
        EventType::CasualtyTally,
        EventType::Protest,
        EventType::Riot,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ArmedClash => "armed_clash",
            EventType::TerritoryTaken => "territory_taken",
            EventType::Shelling => "shelling",
            EventType::AirStrike => "air_strike",
            EventType::Explosive => "explosive",
            EventType::AttackOnCivilians => "attack_on_civilians",
            EventType::CaptureOfPersons => "capture_of_persons",
            EventType::Deployment => "deployment",
            EventType::Recruitment => "recruitment",
            EventType::WeaponsSupply => "weapons_supply",
            EventType::Alert => "alert",
            EventType::Ceasefire => "ceasefire",
            EventType::Negotiation => "negotiation",
            EventType::Appeal => "appeal",
            EventType::Accusation => "accusation",
            EventType::LeadershipChange => "leadership_change",
            EventType::CasualtyTally => "casualty_tally",
            EventType::Protest => "protest",
            EventType::Riot => "riot",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Physical violence (as opposed to statements and political acts).
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            EventType::ArmedClash
                | EventType::TerritoryTaken
                | EventType::Shelling
                | EventType::AirStrike
                | EventType::Explosive
                | EventType::AttackOnCivilians
                | EventType::Riot
        )
    }

    /// PLOVER event family (EVENTS.md), when the type has one.
    pub fn plover(self) -> Option<&'static str> {
        Some(match self {
            EventType::ArmedClash
            | EventType::TerritoryTaken
            | EventType::Shelling
            | EventType::AirStrike
            | EventType::Explosive
            | EventType::AttackOnCivilians => "ASSAULT",
            EventType::CaptureOfPersons => "COERCE",
            EventType::Deployment | EventType::Recruitment | EventType::Alert => "MOBILIZE",
            EventType::WeaponsSupply => "AID",
            EventType::Ceasefire => "AGREE",
            EventType::Negotiation => "CONSULT",
            EventType::Appeal => "REQUEST",
            EventType::Accusation => "ACCUSE",
            EventType::Protest | EventType::Riot => "PROTEST",
            EventType::LeadershipChange | EventType::CasualtyTally => return None,
        })
    }

    /// ACLED event and sub-event type (EVENTS.md). `taken_by` decides the
    /// territory sub-type: a state regains, anyone else overtakes.
    pub fn acled(self, taken_by: Option<&Actor>) -> Option<AcledType> {
        let t = |event_type, sub_event_type| Some(AcledType { event_type, sub_event_type });
        match self {
            EventType::ArmedClash => t("Battles", "Armed clash"),
            EventType::TerritoryTaken => match taken_by {
                Some(a) if !a.role.is_state() => t("Battles", "Non-state actor overtakes territory"),
                _ => t("Battles", "Government regains territory"),
            },
            EventType::Shelling => t("Explosions/Remote violence", "Shelling/artillery/missile attack"),
            EventType::AirStrike => t("Explosions/Remote violence", "Air/drone strike"),
            EventType::Explosive => t("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            EventType::AttackOnCivilians => t("Violence against civilians", "Attack"),
            EventType::CaptureOfPersons
            | EventType::Recruitment
            | EventType::WeaponsSupply
            | EventType::Alert
            | EventType::LeadershipChange => t("Strategic developments", "Other"),
            EventType::Deployment => t("Strategic developments", "Change to group/activity"),
            EventType::Ceasefire => t("Strategic developments", "Agreement"),
            EventType::Protest => t("Protests", "Peaceful protest"),
            EventType::Riot => t("Riots", "Violent demonstration"),
            EventType::Negotiation | EventType::Appeal | EventType::Accusation | EventType::CasualtyTally => None,
        }
    }
}

/// Whether the source says it happened, says so with a hedge, or denies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Asserted,
    Hedged,
    Denied,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserted => "asserted",
            Stance::Hedged => "hedged",
            Stance::Denied => "denied",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        match s {
            "asserted" => Some(Stance::Asserted),
            "hedged" => Some(Stance::Hedged),
            "denied" => Some(Stance::Denied),
            _ => None,
        }
    }
}

/// Who asserts a claim: a party the text cites, or the outlet in its own voice.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Outlet,
    Party(Actor),
}

impl Source {
    pub fn actor(&self) -> Option<&Actor> {
        match self {
            Source::Outlet => None,
            Source::Party(a) => Some(a),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Outlet => f.write_str("outlet"),
            Source::Party(a) => a.fmt(f),
        }
    }
}

impl std::str::FromStr for Source {
    type Err = crate::ActorParseError;

    fn from_str(s: &str) -> Result<Source, Self::Err> {
        if s == "outlet" { Ok(Source::Outlet) } else { s.parse().map(Source::Party) }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One statement that an event happened (or did not), by one source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub event_type: EventType,
    pub date: EventDate,
    pub place: Option<Place>,
    /// Who acts.
    pub actor1: Option<Actor>,
    /// Who is acted on.
    pub actor2: Option<Actor>,
    pub killed: Option<Count>,
    pub wounded: Option<Count>,
    pub victims: Option<Victims>,
    pub weapons: Vec<String>,
    /// How a strike was delivered: `drone`, `aircraft`, `loitering munition`.
    pub mode: Option<String>,
    pub source: Source,
    /// The words that name the source ("le bureau du procureur général").
    pub source_span: Option<Span>,
    pub stance: Stance,
    /// The most complete statement of the claim (usually one sentence).
    pub evidence: Span,
    /// Other spans of the same document stating the same claim by the same
    /// source (headline, caption, repetition).
    pub also_evidence: Vec<Span>,
    /// The word(s) that made it a claim of this type.
    pub trigger: Span,
    pub segment: SegmentKind,
    pub taken_by: Option<Actor>,
    pub lost_by: Option<Actor>,
    pub during_ceasefire: bool,
    /// For `ceasefire`: the truce was broken.
    pub violated: bool,
    /// For `casualty_tally`: the date the count runs to.
    pub as_of: Option<Date>,
    /// Parties that deny this claim in the same document.
    pub denied_by: Vec<Source>,
}

impl Claim {
    /// A claim with only its type, source, stance and evidence set.
    pub fn new(event_type: EventType, source: Source, stance: Stance, evidence: Span, segment: SegmentKind) -> Claim {
        Claim {
            event_type,
            date: EventDate::Unknown,
            place: None,
            actor1: None,
            actor2: None,
            killed: None,
            wounded: None,
            victims: None,
            weapons: Vec::new(),
            mode: None,
            source,
            source_span: None,
            stance,
            evidence,
            also_evidence: Vec::new(),
            trigger: evidence,
            segment,
            taken_by: None,
            lost_by: None,
            during_ceasefire: false,
            violated: false,
            as_of: None,
            denied_by: Vec::new(),
        }
    }

    pub fn acled(&self) -> Option<AcledType> {
        self.event_type.acled(self.taken_by.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn every_type_round_trips_its_name() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
    }

    #[test]
    fn territory_sub_type_depends_on_who_takes_it() {
        let army = Actor::new("AZE", Role::Military);
        let group = Actor::new("ART", Role::ArmedGroup);
        let gov = EventType::TerritoryTaken.acled(Some(&army)).unwrap();
        let rebel = EventType::TerritoryTaken.acled(Some(&group)).unwrap();
        assert_eq!(gov.sub_event_type, "Government regains territory");
        assert_eq!(rebel.sub_event_type, "Non-state actor overtakes territory");
        assert!(EventType::Appeal.acled(None).is_none());
    }

    #[test]
    fn source_forms() {
        assert_eq!("outlet".parse::<Source>().unwrap(), Source::Outlet);
        let s: Source = "ARM:government".parse().unwrap();
        assert_eq!(s.to_string(), "ARM:government");
    }
}
