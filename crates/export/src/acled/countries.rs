//! Countries as ACLED writes them: numeric ISO 3166 code (`iso`), ACLED's
//! spelling of the name ("Russia", "Turkey", "Ivory Coast") and its region
//! ("Caucasus and Central Asia"). The table is generated (see `table.rs`);
//! a country ACLED's sample files do not have keeps its ISO name and an
//! empty region.

#[rustfmt::skip]
mod table;

use table::COUNTRIES;

fn row(alpha3: &str) -> Option<&'static (&'static str, u16, &'static str, &'static str)> {
    COUNTRIES.binary_search_by(|r| r.0.cmp(alpha3)).ok().map(|i| &COUNTRIES[i])
}

/// `"AZE"` → 31.
pub fn iso_numeric(alpha3: &str) -> Option<u16> {
    row(alpha3).map(|r| r.1)
}

/// `"RUS"` → "Russia".
pub fn acled_country_name(alpha3: &str) -> Option<&'static str> {
    row(alpha3).map(|r| r.2)
}

/// `"AZE"` → "Caucasus and Central Asia"; `None` when unknown.
pub fn acled_region(alpha3: &str) -> Option<&'static str> {
    row(alpha3).map(|r| r.3).filter(|r| !r.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn lookups_match_acled_files() {
        assert_eq!(iso_numeric("AZE"), Some(31));
        assert_eq!(iso_numeric("AFG"), Some(4));
        assert_eq!(acled_country_name("RUS"), Some("Russia"));
        assert_eq!(acled_region("ARM"), Some("Caucasus and Central Asia"));
        assert_eq!(acled_region("GBR"), None);
        assert_eq!(iso_numeric("ART"), None);
    }
}
