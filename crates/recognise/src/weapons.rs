//! Weapons named in the text ("tirs d'artillerie", "lance-roquettes",
//! "drone kamikaze", "Bayraktar TB2", "Su-25"), each with a canonical
//! English name and a [`WeaponClass`], so that the claim extractor can tell
//! shelling (artillery, rockets, missiles, mortars) from an air strike
//! (drone, aircraft, loitering munition, with its `mode`) from an explosive
//! (mine, IED).
//!
//! Generic words come from `data/lexicons/<lang>/weapons.tsv`, model names
//! shared by every language from `data/lexicons/common/weapons.tsv`; names
//! that are also ordinary words ("Grad", "Tor", "Lancet") match only when
//! capitalised.
//!
//! ```
//! use warlog_model::Span;
//! use warlog_recognise::weapons::{find_weapons, WeaponClass};
//! let text = "une munition rôdeuse, probablement un drone Harop";
//! let found = find_weapons(text, Span::new(0, text.len()), "fr");
//! let names: Vec<&str> = found.iter().map(|w| w.name.as_str()).collect();
//! assert_eq!(names, ["loitering munition", "drone", "Harop"]);
//! assert_eq!(found[2].class, WeaponClass::LoiteringMunition);
//! assert_eq!(found[2].class.mode(), Some("loitering munition"));
//! ```

use serde::Serialize;
use warlog_model::Span;

use crate::langdata::{PerLang, field, rows};
use crate::phrase::{PhraseSet, Word, words};

/// What kind of weapon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeaponClass {
    Artillery,
    Rocket,
    Missile,
    Mortar,
    Drone,
    LoiteringMunition,
    Aircraft,
    Helicopter,
    Mine,
    Ied,
    Tank,
    SmallArms,
    AirDefence,
    Unknown,
}

impl WeaponClass {
    fn parse(s: &str) -> Option<WeaponClass> {
        Some(match s {
            "artillery" => WeaponClass::Artillery,
            "rocket" => WeaponClass::Rocket,
            "missile" => WeaponClass::Missile,
            "mortar" => WeaponClass::Mortar,
            "drone" => WeaponClass::Drone,
            "loitering_munition" => WeaponClass::LoiteringMunition,
            "aircraft" => WeaponClass::Aircraft,
            "helicopter" => WeaponClass::Helicopter,
            "mine" => WeaponClass::Mine,
            "ied" => WeaponClass::Ied,
            "tank" => WeaponClass::Tank,
            "small_arms" => WeaponClass::SmallArms,
            "air_defence" => WeaponClass::AirDefence,
            "unknown" => WeaponClass::Unknown,
            _ => return None,
        })
    }

    /// Fired from afar at a target on the ground: a `shelling` weapon.
    pub fn is_shelling(self) -> bool {
        matches!(self, WeaponClass::Artillery | WeaponClass::Rocket | WeaponClass::Missile | WeaponClass::Mortar)
    }

    /// Delivered from the air: an `air_strike` weapon (see [`Self::mode`]).
    pub fn is_air(self) -> bool {
        self.mode().is_some()
    }

    /// Placed and left to explode: an `explosive` weapon.
    pub fn is_explosive(self) -> bool {
        matches!(self, WeaponClass::Mine | WeaponClass::Ied)
    }

    /// The `mode` of an air strike (GOLD.md): `drone`, `aircraft`,
    /// `loitering munition`.
    pub fn mode(self) -> Option<&'static str> {
        match self {
            WeaponClass::Drone => Some("drone"),
            WeaponClass::LoiteringMunition => Some("loitering munition"),
            WeaponClass::Aircraft | WeaponClass::Helicopter => Some("aircraft"),
            _ => None,
        }
    }
}

/// A weapon named in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WeaponMatch {
    pub span: Span,
    /// Canonical English name ("artillery", "rocket launchers", "Bayraktar TB2").
    pub name: String,
    pub class: WeaponClass,
}

#[derive(Clone, Debug)]
pub(crate) struct Weapon {
    pub name: String,
    pub class: WeaponClass,
    cap: bool,
}

fn build(key: &str) -> PhraseSet<Weapon> {
    let mut set = PhraseSet::new();
    for row in rows(key, "weapons") {
        let (names, canonical, class) = (field(row, 0), field(row, 1), field(row, 2));
        let Some(class) = WeaponClass::parse(class) else { continue };
        let cap = field(row, 3) == "cap";
        for alt in names.split('|').map(str::trim).filter(|a| !a.is_empty()) {
            let name = if canonical == "=" || canonical.is_empty() { alt } else { canonical };
            set.insert(alt, Weapon { name: name.to_string(), class, cap });
        }
    }
    set
}

fn lexicon(lang: &str) -> &'static PhraseSet<Weapon> {
    static CACHE: PerLang<PhraseSet<Weapon>> = PerLang::new();
    CACHE.get(lang, "weapons", build)
}

/// Weapons among `ws` as (first word, end word, weapon), leftmost-longest.
pub(crate) fn scan(ws: &[Word], lang: &str) -> Vec<(usize, usize, &'static Weapon)> {
    let set = lexicon(lang);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let hit = set.matches_at(ws, i).into_iter().find(|m| !m.value.cap || ws[i].capitalised);
        match hit {
            Some(m) => {
                out.push((m.start, m.end, m.value));
                i = m.end;
            }
            None => i += 1,
        }
    }
    out
}

/// Weapons in `text[span]`, left to right, not overlapping.
pub fn find_weapons(text: &str, span: Span, lang: &str) -> Vec<WeaponMatch> {
    find_weapons_in(&words(text, span), lang)
}

/// [`find_weapons`] over the words of a span already cut with [`words`].
pub fn find_weapons_in(ws: &[Word], lang: &str) -> Vec<WeaponMatch> {
    scan(ws, lang)
        .into_iter()
        .map(|(s, e, w)| WeaponMatch {
            span: Span::new(ws[s].span.start, ws[e - 1].span.end),
            name: w.name.clone(),
            class: w.class,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, lang: &str) -> Vec<(String, String, WeaponClass)> {
        find_weapons(text, Span::new(0, text.len()), lang)
            .into_iter()
            .map(|w| (w.span.slice(text).to_string(), w.name, w.class))
            .collect()
    }

    fn canon(text: &str, lang: &str) -> Vec<String> {
        names(text, lang).into_iter().map(|(_, n, _)| n).collect()
    }

    #[test]
    fn french_generic_words() {
        assert_eq!(canon("des tirs d'artillerie intensifs et des obus", "fr"), ["artillery", "artillery"]);
        assert_eq!(canon("avec des lance-roquettes et de l'artillerie", "fr"), ["rocket launchers", "artillery"]);
        assert_eq!(
            canon("des tirs de roquettes, des missiles et des mortiers", "fr"),
            ["rockets", "missiles", "mortars"]
        );
        assert_eq!(canon("un drone kamikaze puis deux drones", "fr"), ["loitering munition", "drone"]);
        assert_eq!(canon("des avions de chasse et un hélicoptère", "fr"), ["aircraft", "helicopter"]);
        assert_eq!(canon("l'explosion de mines et d'engins explosifs", "fr"), ["landmines", "IED"]);
        assert_eq!(canon("des chars et des blindés", "fr"), ["tanks", "armoured vehicles"]);
        assert_eq!(canon("un missile anti-aérien", "fr"), ["anti-aircraft missiles"]);
        assert_eq!(canon("des kalachnikovs", "fr"), ["small arms"]);
    }

    #[test]
    fn english_generic_words() {
        assert_eq!(canon("artillery fire and rocket launchers", "en"), ["artillery", "rocket launchers"]);
        assert_eq!(canon("a kamikaze drone and two UAVs", "en"), ["loitering munition", "drone"]);
        assert_eq!(canon("airstrikes by fighter jets", "en"), ["aircraft", "aircraft"]);
        assert_eq!(canon("a roadside bomb and landmines", "en"), ["IED", "landmines"]);
    }

    #[test]
    fn model_names_in_any_language() {
        let found = names("des avions de chasse Su-25 et des F-16", "fr");
        assert_eq!(found[1], ("Su-25".into(), "Su-25".into(), WeaponClass::Aircraft));
        assert_eq!(found[2].1, "F-16");
        assert_eq!(canon("des Bayraktar TB2 et des Grad", "fr"), ["Bayraktar TB2", "Grad"]);
        assert_eq!(
            canon("Iskander, Smerch, HIMARS, Shahed-136, Lancet", "en"),
            ["Iskander", "Smerch", "HIMARS", "Shahed-136", "Lancet"]
        );
        assert_eq!(canon("le drone israélien Harop", "fr"), ["drone", "Harop"]);
        assert_eq!(canon("a Kalashnikov", "en"), ["Kalashnikov"]);
        assert_eq!(canon("Orbiter drones", "en"), ["Orbiter", "drone"]);
    }

    #[test]
    fn ambiguous_names_need_a_capital() {
        assert!(canon("a lancet and a grad student", "en").is_empty());
        assert!(canon("the patriot act", "en").is_empty());
        assert!(canon("the market", "en").is_empty());
    }

    #[test]
    fn classes_say_the_event_family() {
        assert!(WeaponClass::Artillery.is_shelling() && WeaponClass::Missile.is_shelling());
        assert_eq!(WeaponClass::Drone.mode(), Some("drone"));
        assert_eq!(WeaponClass::Helicopter.mode(), Some("aircraft"));
        assert!(WeaponClass::Mine.is_explosive() && !WeaponClass::Mine.is_air());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_fit(s in "\\PC{0,80}", lang in "(fr|en|xx)") {
            for w in find_weapons(&s, Span::new(0, s.len()), &lang) {
                proptest::prop_assert!(w.span.end <= s.len() && w.span.start < w.span.end);
                proptest::prop_assert!(s.is_char_boundary(w.span.start) && s.is_char_boundary(w.span.end));
            }
        }
    }
}
