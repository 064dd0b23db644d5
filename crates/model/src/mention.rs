//! Things recognised in a segment: places, actors, dates, numbers, weapons.

use serde::{Deserialize, Serialize};

use crate::{Actor, Count, EventDate, Place, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Place,
    Actor,
    Weapon,
    Number,
    Date,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Place => "place",
            MentionKind::Actor => "actor",
            MentionKind::Weapon => "weapon",
            MentionKind::Number => "number",
            MentionKind::Date => "date",
        }
    }
}

/// How a place name is used in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRole {
    /// Where something is or happens ("à Barda", "in Kherson").
    Location,
    /// A capital or country standing for its government or people
    /// ("Bakou affirme", "Moscow said"): an actor, not a location.
    Metonym,
}

/// The resolved value of a mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MentionValue {
    Place {
        place: Place,
        role: PlaceRole,
    },
    Actor {
        actor: Actor,
    },
    Weapon {
        /// Canonical name ("artillery", "Bayraktar TB2").
        name: String,
        /// `drone`, `aircraft`, `loitering munition`, ... when the weapon says how.
        mode: Option<String>,
    },
    Number {
        count: Count,
    },
    Date {
        date: EventDate,
    },
}

/// A recognised thing with the span it was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub value: MentionValue,
}

impl Mention {
    pub fn kind(&self) -> MentionKind {
        match self.value {
            MentionValue::Place { .. } => MentionKind::Place,
            MentionValue::Actor { .. } => MentionKind::Actor,
            MentionValue::Weapon { .. } => MentionKind::Weapon,
            MentionValue::Number { .. } => MentionKind::Number,
            MentionValue::Date { .. } => MentionKind::Date,
        }
    }
}
