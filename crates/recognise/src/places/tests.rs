//! Unit tests of the places recogniser: folding, exonyms, homonyms,
//! metonyms, admin context, directions, and common words that are not places.
//! Sentences are written for these tests.

use std::sync::OnceLock;

use warlog_model::{PlacePrecision, PlaceRole, Span, haversine_km};

use super::{PlaceMatch, Places};

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| Places::new().expect("gazetteer opens"))
}

fn find(text: &str, lang: &str) -> Vec<PlaceMatch> {
    places().find(text, &[], lang)
}

/// The match whose text is `name`.
fn at<'a>(found: &'a [PlaceMatch], text: &str, name: &str) -> &'a PlaceMatch {
    found.iter().find(|m| m.span.slice(text) == name).unwrap_or_else(|| {
        let got: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
        panic!("{name:?} not found; found {got:?}")
    })
}

fn near(m: &PlaceMatch, lat: f64, lon: f64, km: f64) -> bool {
    haversine_km(m.place.lat, m.place.lon, lat, lon) <= km
}

#[test]
fn exonyms_fold_to_one_place() {
    for (text, lang, name, id) in [
        ("Des tirs ont visé Gəncə dans la nuit.", "fr", "Gəncə", 586523),
        ("Des tirs ont visé Gandja dans la nuit.", "fr", "Gandja", 586523),
        ("Shelling hit Ganja overnight.", "en", "Ganja", 586523),
        ("La ville de Chouchi a été bombardée.", "fr", "Chouchi", 147105),
        ("The town of Şuşa was shelled.", "en", "Şuşa", 147105),
        ("Fighting raged in Shusha again.", "en", "Shusha", 147105),
        ("Une maternité de Stépanakert a été touchée.", "fr", "Stépanakert", 146970),
        ("Explosions were heard in Khankendi.", "en", "Khankendi", 146970),
        ("Les combats continuent près de Hadrout.", "fr", "Hadrout", 148105),
        ("Fighting continued near Hadrut.", "en", "Hadrut", 148105),
    ] {
        let found = find(text, lang);
        assert_eq!(at(&found, text, name).place.geonameid, Some(id), "{text}");
    }
}

#[test]
fn homonyms_follow_context() {
    let karabakh = "Les séparatistes du Haut-Karabakh accusent l'armée d'avoir frappé Stepanakert, Hadrut et Martouni.";
    let found = find(karabakh, "fr");
    let m = at(&found, karabakh, "Martouni");
    assert_eq!(m.place.country.as_deref(), Some("AZE"), "Karabakh's Martuni: {m:?}");
    assert!(near(m, 39.79, 47.11, 10.0));

    let armenia =
        "Le lac Sevan borde la ville de Martuni, dans la province arménienne de Gegharkunik, non loin d'Erevan.";
    let found = find(armenia, "fr");
    let m = at(&found, armenia, "Martuni");
    assert_eq!(m.place.country.as_deref(), Some("ARM"), "Armenia's Martuni: {m:?}");
}

#[test]
fn metonyms_are_actors() {
    for (text, name, lang) in [
        ("Bakou affirme que ses troupes ont avancé.", "Bakou", "fr"),
        ("Moscow said it would send observers.", "Moscow", "en"),
        ("L'Azerbaïdjan a accusé l'Arménie de tirs sur des civils.", "Azerbaïdjan", "fr"),
        ("L'Azerbaïdjan a accusé l'Arménie de tirs sur des civils.", "Arménie", "fr"),
        ("Erevan a démenti toute frappe.", "Erevan", "fr"),
        ("Selon Moscou, les pourparlers reprendront.", "Moscou", "fr"),
        ("Talks will resume, according to Kyiv.", "Kyiv", "en"),
        ("Ankara et Bakou sont capables de répondre.", "Ankara", "fr"),
        ("Ankara et Bakou sont capables de répondre.", "Bakou", "fr"),
        ("The Kremlin denied the report.", "Kremlin", "en"),
    ] {
        let found = find(text, lang);
        assert_eq!(at(&found, text, name).role, PlaceRole::Metonym, "{name} in {text}");
    }
    let text = "Des roquettes sont tombées sur Bakou et sur Moscou.";
    let found = find(text, "fr");
    assert_eq!(at(&found, text, "Bakou").role, PlaceRole::Location);
    assert_eq!(at(&found, text, "Moscou").role, PlaceRole::Location);
}

#[test]
fn admin_context_constrains_and_sets_precision() {
    let text = "Des frappes d'artillerie ont visé les villages de Tokh, région de Hadrut.";
    let found = find(text, "fr");
    let tokh = at(&found, text, "Tokh");
    assert!(near(tokh, 39.585, 46.965, 5.0), "{tokh:?}");
    let hadrut = at(&found, text, "Hadrut");
    assert_eq!(hadrut.place.precision, PlacePrecision::Near);

    let text = "L'Azerbaïdjan accuse l'Arménie d'avoir bombardé la région de Barda.";
    let barda = at(&find(text, "fr"), text, "Barda").clone();
    assert_eq!(barda.place.country.as_deref(), Some("AZE"));
    assert_eq!(barda.place.precision, PlacePrecision::Near);

    let text = "Le village de Berdashen de la région de Martouni a été touché.";
    let found = find(text, "fr");
    assert!(near(at(&found, text, "Berdashen"), 39.85, 47.03, 5.0));

    let text = "Artillery could be heard from the Terter district and the Barda region.";
    let found = find(text, "en");
    assert_eq!(at(&found, text, "Terter").place.precision, PlacePrecision::Near);
    assert_eq!(at(&found, text, "Barda").place.country.as_deref(), Some("AZE"));
}

#[test]
fn directions_shift_to_the_named_part() {
    let text = "Les forces arméniennes ont perdu presque tout le sud du Haut-Karabakh.";
    let m = at(&find(text, "fr"), text, "Haut-Karabakh").clone();
    assert!(near(&m, 39.5, 46.9, 25.0), "{m:?}");
    assert_eq!(m.place.precision, PlacePrecision::Region);

    let text = "Fighting raged in northern Nagorno-Karabakh on Friday.";
    let m = at(&find(text, "en"), text, "Nagorno-Karabakh").clone();
    assert!(near(&m, 40.15, 46.7, 25.0), "{m:?}");

    let text = "Les forces azerbaïdjanaises ont pris des zones de l'est du Haut-Karabakh.";
    let m = at(&find(text, "fr"), text, "Haut-Karabakh").clone();
    assert!(near(&m, 39.95, 46.95, 25.0), "{m:?}");
}

#[test]
fn countries_and_regions_resolve() {
    let text = "Des mercenaires venus de Syrie et de Libye combattent dans le Haut-Karabakh.";
    let found = find(text, "fr");
    assert_eq!(at(&found, text, "Syrie").place.precision, PlacePrecision::Country);
    assert_eq!(at(&found, text, "Libye").place.country.as_deref(), Some("LBY"));
    assert!(near(at(&found, text, "Haut-Karabakh"), 39.8, 46.75, 25.0));
    assert_eq!(places().country_by_name("azerbaidjan"), Some("AZE"));
    assert_eq!(places().country_by_name("Royaume-Uni"), Some("GBR"));
    assert_eq!(places().country_by_name("Barda"), None);
    let g = places().lookup("Gandja", &["AZE"]).unwrap();
    assert_eq!(g.geonameid, Some(586523));
    let m = places().lookup("Martuni", &["AZ"]).unwrap();
    assert_eq!(m.country.as_deref(), Some("AZE"));
    let text = "La bande de Gaza est sous blocus.";
    assert!(near(at(&find(text, "fr"), text, "bande de Gaza"), 31.42, 34.37, 15.0));
}

#[test]
fn common_words_are_not_places_fr() {
    let text = "Selon le ministère, Mais aussi Le Monde. Lire aussi : Vidéo. Le président Ilham Aliev a parlé \
                mardi. Vladimir Poutine a invité les ministres. Photo : Archive. Grad et Smerch ont tiré.";
    let found = find(text, "fr");
    let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert!(names.is_empty(), "no places here, found {names:?}");
}

#[test]
fn common_words_are_not_places_en() {
    let text = "According to the police, Time will tell. May was warm. The President said on Monday that \
                General Smith met Abraham Lincoln's heirs. Content is king. Obama said nothing. Read more.";
    let found = find(text, "en");
    let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert!(names.is_empty(), "no places here, found {names:?}");
}

#[test]
fn regions_restrict_and_spans_stay_in_bounds() {
    let text = "Ganja. Comments: Baku is nice.";
    let found = places().find(text, &[Span::new(0, 6)], "en");
    assert!(found.iter().all(|m| m.span.end <= 6));
    assert!(places().find(text, &[Span::new(3, 200)], "en").is_empty());
}

#[test]
fn resolve_spans_uses_given_names() {
    let text = "Alexandria, Louisiana: the fire in Rapides Parish was put out.";
    let spans = [Span::new(0, 10), Span::new(35, 49)];
    let got = places().resolve_spans(text, &spans, "en");
    let alex = got[0].as_ref().unwrap();
    assert_eq!(alex.place.country.as_deref(), Some("USA"));
    assert!(near(alex, 31.31, -92.45, 20.0), "{alex:?}");
    assert!(got[1].is_some());
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(s in "\\PC{0,80}") {
        for m in find(&s, "fr") {
            proptest::prop_assert!(m.span.end <= s.len());
            proptest::prop_assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
        }
    }
}

#[test]
fn unknown_village_in_a_named_region_goes_to_the_region() {
    let text = "Des tirs ont visé Tigranavan, Aygeovit et Ahavno, région de Kashatagh.";
    let found = find(text, "fr");
    let m = at(&found, text, "Aygeovit");
    assert!(near(m, 39.45, 46.55, 25.0), "{m:?}");
    assert_eq!(m.place.precision, PlacePrecision::Region);
}

#[test]
fn places_is_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Places>();
}

#[test]
fn people_are_not_places() {
    let text = "Howard Brown, 45, of Las Vegas was driving west when Tyrise M. Bell fired. Roy Jones said Bell ran.";
    let found = find(text, "en");
    let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(names, ["Las Vegas"], "given names, initials and the surnames after them are people");
}

#[test]
fn phrases_of_the_stoplist_hide_their_places() {
    let text = "United Russia won the mayoral election in Sochi.";
    let found = find(text, "en");
    let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(names, ["Sochi"]);
}

#[test]
fn demonyms_are_context_not_places() {
    let text = "Russian troops entered Georgia. Georgian officials spoke of an invasion.";
    let found = find(text, "en");
    assert!(found.iter().all(|m| m.span.slice(text) != "Russian" && m.span.slice(text) != "Georgian"));
    assert_eq!(at(&found, text, "Georgia").place.geonameid, Some(614540));
    // Handed a demonym, the resolver gives the place it stands for.
    let got = places().resolve_spans(text, &[Span::new(0, 7), Span::new(32, 40)], "en");
    assert_eq!(got[0].as_ref().unwrap().place.geonameid, Some(2017370));
    assert_eq!(got[1].as_ref().unwrap().place.geonameid, Some(614540));
}

#[test]
fn division_abbreviations_need_a_town_before() {
    let text = "A Scranton, Pa., man was arrested. PA officials said nothing.";
    let found = find(text, "en");
    let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
    assert_eq!(names, ["Scranton", "Pa"]);
    assert_eq!(at(&found, text, "Pa").place.geonameid, Some(6254927));
}

#[test]
fn one_place_per_name_and_the_divisions_of_the_page() {
    let text = "Parkland, Florida, mourned. Parkland students marched.";
    let found = find(text, "en");
    assert!(found.iter().filter(|m| m.span.slice(text) == "Parkland").all(|m| m.place.geonameid == Some(4167829)));
    let text = "Dublin police said the suspect fled toward Columbus, Ohio. Dublin schools were closed.";
    let found = find(text, "en");
    assert_eq!(at(&found, text, "Dublin").place.geonameid, Some(5152333), "Dublin, Ohio");
}

#[test]
fn resolve_spans_finds_the_place_inside_a_longer_name() {
    let text = "Thunder Snow won the Dubai World Cup again.";
    let got = places().resolve_spans(text, &[Span::new(21, 36)], "en");
    assert_eq!(got[0].as_ref().unwrap().place.geonameid, Some(292223));
}

#[test]
fn lowercase_names_start_only_at_their_heads() {
    // "mer Noire" starts lowercase and is found; the lowercase words around
    // it cost no lookup, and a lowercase head alone is no place.
    let text = "Un navire a coulé en mer Noire, loin de la mer.";
    let found = find(text, "fr");
    assert!(near(at(&found, text, "mer Noire"), 43.0, 35.0, 50.0));
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn continents_carry_geonames_ids_and_demonyms_resolve_to_them() {
    let text = "European leaders met in Africa. Trade with Asia grew.";
    let found = find(text, "en");
    assert_eq!(at(&found, text, "Africa").place.geonameid, Some(6255146));
    assert_eq!(at(&found, text, "Asia").place.geonameid, Some(6255147));
    // A demonym is context, not a place; given as a name, it is its continent.
    assert!(!found.iter().any(|m| m.span.slice(text) == "European"));
    let got = places().resolve_spans(text, &[Span::new(0, 8)], "en");
    assert_eq!(got[0].as_ref().map(|m| m.place.geonameid), Some(Some(6255148)));
}

#[test]
fn closeness_ignores_far_latitudes_and_counts_mentions() {
    let gaz = places().gazetteer();
    let place = |id: u32| gaz.by_geonameid(id).expect("place");
    let (ganja, barda, kyiv) = (place(586523), place(587057), place(703448));
    let kept = super::resolve::Kept::new(vec![(1, barda), (2, kyiv)]);
    // Barda is under 100 km from Ganja; Kyiv far beyond 600 km; a place's
    // own name does not count.
    assert_eq!(kept.nearby(&ganja, 0), 2.0);
    assert_eq!(kept.nearby(&ganja, 1), 0.0);
    let azerbaijan = place(587116);
    let one = super::resolve::Kept::new(vec![(1, barda)]);
    let two = super::resolve::Kept::new(vec![(1, barda), (1, barda)]);
    assert_eq!((one.nearby(&azerbaijan, 0), two.nearby(&azerbaijan, 0)), (1.5, 2.5));
}
