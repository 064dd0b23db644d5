//! The bundled GeoNames-derived gazetteer: its compact index format, builder
//! and lookups.
//!
//! The index (`data/gazetteer/gazetteer.bin`) is built from GeoNames'
//! cities500, admin-1 and admin-2 files plus warlog's curated
//! `countries.tsv` and `supplement.tsv` ([`build::build`]), committed, and
//! embedded in the binary, so a fresh machine needs no download. It is read
//! in place: [`Gazetteer::embedded`] checks a header and returns; a lookup is
//! an `fst` query plus a few fixed-size records.
//!
//! Names and text meet through [`key()`] (any_ascii fold, lowercase,
//! punctuation to spaces). A key maps to *every* place of that name
//! ([`Gazetteer::lookup`]): GeoNames alternate names are noisy ("Gəncə" is
//! also listed under Yevlakh), so choosing is left to context.
//!
//! ```
//! let gaz = warlog_gazetteer::Gazetteer::embedded().unwrap();
//! let ganja = gaz.lookup(&warlog_gazetteer::key("Gəncə"));
//! let first = gaz.place(ganja[0].place).unwrap();
//! assert_eq!(first.country, Some("AZ"));
//! ```
//!
//! Data: GeoNames (CC BY 4.0): see [`ATTRIBUTION`], which `warlog --version`
//! prints, and `data/gazetteer/README.md`.

pub mod build;
mod error;
mod format;
mod key;
mod read;

use std::sync::OnceLock;

pub use error::Error;
pub use key::{key, key_into};
pub use read::{BBox, Gazetteer, PlaceId, PlaceInfo, PlaceKind, Posting};

/// Attribution required by the GeoNames licence wherever derived data ships.
pub const ATTRIBUTION: &str = "Place data: GeoNames (https://www.geonames.org), CC BY 4.0; \
     warlog's supplement (data/gazetteer/supplement.tsv) with its sources.";

static EMBEDDED: &[u8] = include_bytes!("../../../data/gazetteer/gazetteer.bin");

impl Gazetteer<'static> {
    /// The index embedded in the binary, opened once. An error means the
    /// committed `data/gazetteer/gazetteer.bin` is missing or stale: rebuild
    /// it (`cargo run --release -p warlog-gazetteer --example build`).
    pub fn embedded() -> Result<&'static Gazetteer<'static>, &'static Error> {
        static GAZ: OnceLock<Result<Gazetteer<'static>, Error>> = OnceLock::new();
        GAZ.get_or_init(|| Gazetteer::from_bytes(EMBEDDED)).as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> &'static Gazetteer<'static> {
        Gazetteer::embedded().expect("embedded index opens")
    }

    fn candidates(name: &str) -> Vec<(Option<u32>, Option<&'static str>)> {
        gaz().lookup(&key(name)).iter().filter_map(|p| gaz().place(p.place)).map(|p| (p.geonameid, p.country)).collect()
    }

    #[test]
    fn exonyms_and_transliterations_meet() {
        for name in ["Gəncə", "Ganja", "Gandja", "GANJA"] {
            assert!(candidates(name).contains(&(Some(586523), Some("AZ"))), "{name}");
        }
        for name in ["Şuşa", "Shusha", "Chouchi", "Shushi"] {
            assert!(candidates(name).contains(&(Some(147105), Some("AZ"))), "{name}");
        }
        for name in ["Stepanakert", "Stépanakert", "Khankendi", "Xankəndi"] {
            assert!(candidates(name).contains(&(Some(146970), Some("AZ"))), "{name}");
        }
        for name in ["Hadrut", "Hadrout"] {
            assert!(candidates(name).contains(&(Some(148105), Some("AZ"))), "{name}");
        }
    }

    #[test]
    fn homonyms_keep_every_candidate() {
        let martuni = candidates("Martuni");
        assert!(martuni.contains(&(Some(616438), Some("AM"))));
        assert!(martuni.contains(&(Some(146969), Some("AZ"))));
    }

    #[test]
    fn countries_divisions_areas_and_villages() {
        let p = |name: &str| gaz().place(gaz().lookup(&key(name))[0].place).unwrap();
        assert_eq!(p("Azerbaïdjan").kind, PlaceKind::Country);
        assert_eq!(p("Royaume-Uni").country, Some("GB"));
        let nk = p("Haut-Karabakh");
        assert_eq!(nk.kind, PlaceKind::Area);
        assert!(nk.bbox.unwrap().contains(39.8153, 46.7519));
        assert!(gaz().lookup(&key("bande de Gaza"))[0].lowercase_ok);
        let tokh = p("Tokh");
        assert_eq!((tokh.geonameid, tokh.country), (None, Some("AZ")));
        let tartar_rayon = gaz().lookup(&key("Tartar Rayon"));
        assert_eq!(gaz().place(tartar_rayon[0].place).unwrap().kind, PlaceKind::Admin1);
    }

    #[test]
    fn lowercase_heads_are_the_first_words_of_lowercase_names() {
        let heads: Vec<&str> = gaz().lowercase_heads().collect();
        for h in ["bande", "mer", "golfe", "corridor"] {
            assert!(heads.contains(&h), "{h} in {heads:?}");
        }
        assert!(!heads.contains(&"new") && !heads.contains(&"gaza"));
    }

    #[test]
    fn unknown_keys_and_bad_bytes() {
        assert!(gaz().lookup("zzzz qqqq").is_empty());
        assert!(Gazetteer::from_bytes(b"not an index").is_err());
        assert!(gaz().place(u32::MAX).is_none());
        assert!(gaz().has_longer("nagorno"));
    }
}
