//! Parties to a conflict, in GOLD.md's `COUNTRY:role` form.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What kind of party an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Government,
    Military,
    Police,
    Civilians,
    ArmedGroup,
    Mercenaries,
    Peacekeepers,
    Media,
    Ngo,
    International,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Government,
        Role::Military,
        Role::Police,
        Role::Civilians,
        Role::ArmedGroup,
        Role::Mercenaries,
        Role::Peacekeepers,
        Role::Media,
        Role::Ngo,
        Role::International,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Government => "government",
            Role::Military => "military",
            Role::Police => "police",
            Role::Civilians => "civilians",
            Role::ArmedGroup => "armed_group",
            Role::Mercenaries => "mercenaries",
            Role::Peacekeepers => "peacekeepers",
            Role::Media => "media",
            Role::Ngo => "ngo",
            Role::International => "international",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Government, military and police are one "state" role when claims are
    /// compared (GOLD.md scoring, event merging).
    pub fn is_state(self) -> bool {
        matches!(self, Role::Government | Role::Military | Role::Police)
    }

    /// Roles that compare equal for scoring and merging.
    pub fn same_side(self, other: Role) -> bool {
        self == other || (self.is_state() && other.is_state())
    }
}

/// A party: a country code (ISO 3166 alpha-3, or `ART` for the Armenian
/// authorities and forces of Nagorno-Karabakh, `INT` for international
/// bodies) and a role.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Actor {
    pub country: String,
    pub role: Role,
}

impl Actor {
    pub fn new(country: &str, role: Role) -> Actor {
        Actor { country: country.to_ascii_uppercase(), role }
    }

    /// Same country and compatible role (see [`Role::same_side`]).
    pub fn matches(&self, other: &Actor) -> bool {
        self.country == other.country && self.role.same_side(other.role)
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.country, self.role.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not an actor code (expected COUNTRY:role, e.g. AZE:military): {0:?}")]
pub struct ActorParseError(pub String);

impl FromStr for Actor {
    type Err = ActorParseError;

    fn from_str(s: &str) -> Result<Actor, ActorParseError> {
        let err = || ActorParseError(s.to_string());
        let (country, role) = s.split_once(':').ok_or_else(err)?;
        let valid_country = country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase());
        if !valid_country {
            return Err(err());
        }
        let role = Role::parse(role).ok_or_else(err)?;
        Ok(Actor { country: country.to_string(), role })
    }
}

impl Serialize for Actor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        let a: Actor = "ART:armed_group".parse().unwrap();
        assert_eq!(a, Actor::new("ART", Role::ArmedGroup));
        assert_eq!(a.to_string(), "ART:armed_group");
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in ["AZE", "aze:military", "AZER:military", "AZE:army", ":military"] {
            assert!(bad.parse::<Actor>().is_err(), "{bad}");
        }
    }

    #[test]
    fn state_roles_match_each_other_only() {
        let gov = Actor::new("AZE", Role::Government);
        assert!(gov.matches(&Actor::new("AZE", Role::Military)));
        assert!(!gov.matches(&Actor::new("AZE", Role::Civilians)));
        assert!(!gov.matches(&Actor::new("ARM", Role::Government)));
    }
}
