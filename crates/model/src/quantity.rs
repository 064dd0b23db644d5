//! Casualty figures.

use serde::{Deserialize, Serialize};

/// A number of people (or things) as the text gives it. "at least N" and
/// "more than N" are `Exact(N)`: the conservative figure, as ACLED codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Count {
    Exact(u32),
    /// Only when the text itself gives a range ("between 10 and 15").
    Range {
        min: u32,
        max: u32,
    },
}

impl Count {
    /// The lowest figure: what ACLED's convention keeps.
    pub fn low(&self) -> u32 {
        match *self {
            Count::Exact(n) => n,
            Count::Range { min, .. } => min,
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match *self {
            Count::Exact(n) => serde_json::json!(n),
            Count::Range { min, max } => serde_json::json!({"min": min, "max": max}),
        }
    }

    pub fn from_json(value: &serde_json::Value) -> Option<Count> {
        if let Some(n) = value.as_u64() {
            return u32::try_from(n).ok().map(Count::Exact);
        }
        let min = u32::try_from(value.get("min")?.as_u64()?).ok()?;
        let max = u32::try_from(value.get("max")?.as_u64()?).ok()?;
        Some(Count::Range { min, max })
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Count::from_json(&value).ok_or_else(|| serde::de::Error::custom("not a count or {min, max}"))
    }
}

/// Who the killed or wounded were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Victims {
    Civilians,
    Military,
    Mixed,
    Unknown,
}

impl Victims {
    pub fn as_str(self) -> &'static str {
        match self {
            Victims::Civilians => "civilians",
            Victims::Military => "military",
            Victims::Mixed => "mixed",
            Victims::Unknown => "unknown",
        }
    }

    /// Combining two groups of victims in one claim.
    pub fn merge(self, other: Victims) -> Victims {
        match (self, other) {
            (a, b) if a == b => a,
            (Victims::Unknown, b) => b,
            (a, Victims::Unknown) => a,
            _ => Victims::Mixed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_json_forms() {
        assert_eq!(Count::Exact(20).to_json(), serde_json::json!(20));
        let r = Count::Range { min: 10, max: 15 };
        assert_eq!(Count::from_json(&r.to_json()), Some(r));
        assert_eq!(r.low(), 10);
    }

    #[test]
    fn victims_merge() {
        assert_eq!(Victims::Civilians.merge(Victims::Military), Victims::Mixed);
        assert_eq!(Victims::Unknown.merge(Victims::Military), Victims::Military);
    }
}
