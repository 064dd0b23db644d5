//! Language of a text, as an ISO 639-1 code.
//!
//! `whatlang` (trigram profiles of 69 languages, 0.6 MB) decides when it is
//! sure. On short strings (titles, captions, comments) where it is not, a
//! second opinion restricted to warlog's first languages (French, English)
//! is asked, and accepted only with a clear margin; otherwise `None`.

use whatlang::{Detector, Lang};

/// Shortest text (in letters) worth a guess.
const MIN_LETTERS: usize = 8;

/// Confidence the French/English second opinion needs on short strings.
/// On 30 hand-written titles, captions and comments, every answer at or
/// above 0.25 was right; below it 3 of 6 were wrong.
const MIN_SHORT_CONFIDENCE: f64 = 0.25;

/// ISO 639-1 code of the language of `text` ("fr", "en", "ru", "uk",
/// "ar", ...), or `None` when unsure.
pub fn detect(text: &str) -> Option<&'static str> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).take(MIN_LETTERS).count();
    if letters < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(text)?;
    if info.is_reliable() {
        return iso639_1(info.lang());
    }
    if info.script() != whatlang::Script::Latin {
        return iso639_1(info.lang()).filter(|_| info.confidence() > 0.5);
    }
    let first = first_languages().detect(text)?;
    (first.confidence() >= MIN_SHORT_CONFIDENCE).then(|| iso639_1(first.lang())).flatten()
}

fn first_languages() -> &'static Detector {
    static DETECTOR: std::sync::OnceLock<Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| Detector::with_allowlist(vec![Lang::Fra, Lang::Eng]))
}

fn iso639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Eng => "en",
        Fra => "fr",
        Rus => "ru",
        Ukr => "uk",
        Ara => "ar",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Deu => "de",
        Nld => "nl",
        Tur => "tr",
        Aze => "az",
        Hye => "hy",
        Kat => "ka",
        Pes => "fa",
        Heb => "he",
        Pol => "pl",
        Ron => "ro",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Srp => "sr",
        Hrv => "hr",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hun => "hu",
        Fin => "fi",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Cat => "ca",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Hin => "hi",
        Urd => "ur",
        Ben => "bn",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Uzb => "uz",
        Mkd => "mk",
        Afr => "af",
        Amh => "am",
        Tgl => "tl",
        Epo => "eo",
        Lat => "la",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_sentences() {
        assert_eq!(
            detect("Une frappe de missile a touché un quartier résidentiel de Gandja dans la nuit."),
            Some("fr")
        );
        assert_eq!(detect("A missile strike hit a residential area of Ganja overnight, officials said."), Some("en"));
        assert_eq!(detect("Ракетный удар пришелся по жилому кварталу Гянджи, сообщили власти."), Some("ru"));
        assert_eq!(
            detect("Ракетний удар влучив у житловий квартал, повідомили в міністерстві оборони України."),
            Some("uk")
        );
        assert_eq!(detect("أصاب صاروخ حيا سكنيا في المدينة ليلا بحسب السلطات"), Some("ar"));
    }

    #[test]
    fn too_short_or_empty_is_unsure() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("12 345"), None);
        assert_eq!(detect("Gandja"), None);
    }
}
