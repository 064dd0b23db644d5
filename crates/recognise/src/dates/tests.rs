//! Every date form of the brief, in French and English, found and resolved
//! against explicit publication dates. Sentences are written for warlog.

use jiff::civil::date;
use warlog_model::{Date, EventDate, Span};

use super::*;

fn found(text: &str, lang: &str) -> Vec<(String, DateKind)> {
    find_dates(text, Span::new(0, text.len()), lang)
        .into_iter()
        .map(|d| (d.span.slice(text).to_string(), d.kind))
        .collect()
}

/// The one date of `text`, its surface and its value seen from `published`.
fn one(text: &str, lang: &str, published: Date) -> (String, EventDate) {
    let all = find_dates(text, Span::new(0, text.len()), lang);
    assert_eq!(all.len(), 1, "{text}: {:?}", found(text, lang));
    let ctx = DateContext { published: Some(published), ..DateContext::default() };
    (all[0].span.slice(text).to_string(), resolve(&all[0], &ctx))
}

fn day(y: i16, m: i8, d: i8) -> EventDate {
    EventDate::Day(date(y, m, d))
}

fn range(a: (i16, i8, i8), b: (i16, i8, i8)) -> EventDate {
    EventDate::range(date(a.0, a.1, a.2), date(b.0, b.1, b.2))
}

/// Wednesday 28 October 2020.
const WED: (i16, i8, i8) = (2020, 10, 28);

fn wed() -> Date {
    date(WED.0, WED.1, WED.2)
}

#[test]
fn weekday_with_date_the_date_wins() {
    assert_eq!(
        one("Mardi 27 octobre au soir, la carte est parue.", "fr", wed()),
        ("Mardi 27 octobre au soir".into(), day(2020, 10, 27))
    );
    assert_eq!(one("On Tuesday, October 27, troops moved.", "en", wed()).1, day(2020, 10, 27));
    // A weekday that does not match: the explicit date still wins.
    assert_eq!(one("lundi 27 octobre", "fr", wed()).1, day(2020, 10, 27));
}

#[test]
fn weekday_alone_is_the_latest_on_or_before() {
    assert_eq!(one("Les tirs ont repris mercredi.", "fr", wed()), ("mercredi".into(), day(2020, 10, 28)));
    assert_eq!(one("Les tirs ont repris samedi.", "fr", wed()).1, day(2020, 10, 24));
    assert_eq!(one("lundi matin, les combats ont repris", "fr", wed()), ("lundi matin".into(), day(2020, 10, 26)));
    assert_eq!(one("Shelling resumed on Tuesday.", "en", wed()), ("on Tuesday".into(), day(2020, 10, 27)));
    assert_eq!(one("dimanche dernier", "fr", wed()).1, day(2020, 10, 25));
    assert_eq!(one("mercredi dernier", "fr", wed()).1, day(2020, 10, 21));
    assert_eq!(one("last Sunday", "en", wed()).1, day(2020, 10, 25));
    assert_eq!(one("lundi prochain", "fr", wed()).1, day(2020, 11, 2));
    // Lowercase English day names are not days.
    assert!(found("a sunday roast", "en").is_empty());
}

#[test]
fn day_and_month_take_the_year_before_the_reference() {
    assert_eq!(one("le 27 septembre", "fr", wed()), ("le 27 septembre".into(), day(2020, 9, 27)));
    assert_eq!(one("Le 9 novembre 2020, un accord", "fr", wed()), ("Le 9 novembre 2020".into(), day(2020, 11, 9)));
    assert_eq!(one("le 1er octobre", "fr", wed()).1, day(2020, 10, 1));
    assert_eq!(one("October 27", "en", wed()).1, day(2020, 10, 27));
    assert_eq!(one("on 27 Oct. 2020", "en", wed()).1, day(2020, 10, 27));
    assert_eq!(one("the 3rd of October", "en", wed()).1, day(2020, 10, 3));
    assert_eq!(one("Sept. 29, 2020", "en", wed()).1, day(2020, 9, 29));
    // Announced a few days ahead.
    assert_eq!(one("les consultations auront lieu le 2 novembre", "fr", wed()).1, day(2020, 11, 2));
    // Too far ahead: last year's.
    assert_eq!(one("le 20 décembre", "fr", wed()).1, day(2019, 12, 20));
}

#[test]
fn relative_to_the_reference() {
    let cases = [
        ("hier", "fr", day(2020, 10, 27)),
        ("avant-hier", "fr", day(2020, 10, 26)),
        ("aujourd'hui", "fr", day(2020, 10, 28)),
        ("ce matin", "fr", day(2020, 10, 28)),
        ("cette nuit", "fr", range((2020, 10, 27), WED)),
        ("la semaine dernière", "fr", range((2020, 10, 19), (2020, 10, 25))),
        ("il y a deux jours", "fr", day(2020, 10, 26)),
        ("il y a 3 jours", "fr", day(2020, 10, 25)),
        ("yesterday", "en", day(2020, 10, 27)),
        ("today", "en", day(2020, 10, 28)),
        ("last week", "en", range((2020, 10, 19), (2020, 10, 25))),
        ("two days ago", "en", day(2020, 10, 26)),
        ("last night", "en", range((2020, 10, 27), WED)),
        ("le mois dernier", "fr", EventDate::Month { year: 2020, month: 9 }),
    ];
    for (text, lang, want) in cases {
        assert_eq!(one(text, lang, wed()), (text.to_string(), want), "{text}");
    }
    assert_eq!(one("hier soir, des explosions", "fr", wed()), ("hier soir".into(), day(2020, 10, 27)));
}

#[test]
fn relative_to_the_previous_date() {
    let text = "Les 14 et 15 mai, des combats. Le lendemain, samedi 16 mai, un appel. La veille, rien.";
    let exprs = find_dates(text, Span::new(0, text.len()), "fr");
    let surfaces: Vec<&str> = exprs.iter().map(|d| d.span.slice(text)).collect();
    assert_eq!(surfaces, ["Les 14 et 15 mai", "Le lendemain", "samedi 16 mai", "La veille"]);
    let mut ctx = DateContext { published: Some(date(2021, 5, 20)), ..DateContext::default() };
    let mut got = Vec::new();
    for e in &exprs {
        let d = resolve(e, &ctx);
        ctx.previous = Some(d);
        got.push(d);
    }
    assert_eq!(got, [range((2021, 5, 14), (2021, 5, 15)), day(2021, 5, 16), day(2021, 5, 16), day(2021, 5, 15)]);

    let mut ctx = DateContext { published: Some(wed()), ..DateContext::default() };
    ctx.previous = Some(day(2020, 10, 10));
    for (text, lang, want) in [
        ("the next day", "en", day(2020, 10, 11)),
        ("the day before", "en", day(2020, 10, 9)),
        ("two days later", "en", day(2020, 10, 12)),
        ("deux jours plus tard", "fr", day(2020, 10, 12)),
        ("trois jours plus tôt", "fr", day(2020, 10, 7)),
    ] {
        let e = find_dates(text, Span::new(0, text.len()), lang);
        assert_eq!(e.len(), 1, "{text}");
        assert_eq!(resolve(&e[0], &ctx), want, "{text}");
    }
}

#[test]
fn ranges() {
    let fri = date(2020, 10, 16);
    assert_eq!(
        one("dans la nuit de jeudi à vendredi, un village a été touché", "fr", fri),
        ("dans la nuit de jeudi à vendredi".into(), range((2020, 10, 15), (2020, 10, 16)))
    );
    assert_eq!(one("on the night of Thursday to Friday", "en", fri).1, range((2020, 10, 15), (2020, 10, 16)));
    let sun = date(2022, 3, 27);
    for text in ["Du 24 au 25 mars, des troupes", "leur avancée des 24 et 25 mars", "les 24 et 25 mars"] {
        assert_eq!(one(text, "fr", sun).1, range((2022, 3, 24), (2022, 3, 25)), "{text}");
    }
    assert_eq!(one("between 3 and 5 May", "en", sun).1, range((2021, 5, 3), (2021, 5, 5)));
    assert_eq!(one("on 24-25 March", "en", sun).1, range((2022, 3, 24), (2022, 3, 25)));
    assert_eq!(one("du 30 septembre au 2 octobre", "fr", wed()).1, range((2020, 9, 30), (2020, 10, 2)));
    assert_eq!(one("dans la nuit du 10 au 11 octobre", "fr", wed()).1, range((2020, 10, 10), (2020, 10, 11)));
    assert_eq!(one("au cours des deux derniers jours", "fr", fri).1, range((2020, 10, 15), (2020, 10, 16)));
    assert_eq!(one("ces dernières 24 heures", "fr", fri).1, range((2020, 10, 15), (2020, 10, 16)));
    assert_eq!(one("au cours des dernières 24 heures", "fr", fri).1, range((2020, 10, 15), (2020, 10, 16)));
    assert_eq!(one("over the past 24 hours", "en", fri).1, range((2020, 10, 15), (2020, 10, 16)));
    assert_eq!(one("in the last three days", "en", fri).1, range((2020, 10, 14), (2020, 10, 16)));
}

#[test]
fn open_ranges_run_to_the_reference() {
    let oct1 = date(2020, 10, 1);
    assert_eq!(
        one("les combats qui opposent, depuis le 27 septembre, les deux armées", "fr", oct1),
        ("depuis le 27 septembre".into(), range((2020, 9, 27), (2020, 10, 1)))
    );
    assert_eq!(one("depuis la mi-septembre", "fr", oct1).1, range((2020, 9, 15), (2020, 10, 1)));
    assert_eq!(one("since 27 September", "en", oct1).1, range((2020, 9, 27), (2020, 10, 1)));
    assert_eq!(one("depuis samedi 26 septembre", "fr", oct1).1, range((2020, 9, 26), (2020, 10, 1)));
    assert_eq!(one("depuis septembre", "fr", oct1).1, range((2020, 9, 1), (2020, 10, 1)));
}

#[test]
fn months() {
    assert_eq!(one("en octobre", "fr", wed()), ("en octobre".into(), EventDate::Month { year: 2020, month: 10 }));
    assert_eq!(one("in October 2019", "en", wed()).1, EventDate::Month { year: 2019, month: 10 });
    assert_eq!(one("fin octobre", "fr", wed()).1, EventDate::Month { year: 2020, month: 10 });
    assert_eq!(one("le cessez-le-feu de novembre 2020", "fr", wed()).1, EventDate::Month { year: 2020, month: 11 });
    assert_eq!(one("début mars", "fr", wed()).1, EventDate::Month { year: 2020, month: 3 });
    assert_eq!(one("mid-March", "en", wed()).1, day(2020, 3, 15));
    assert_eq!(one("en mai", "fr", wed()).1, EventDate::Month { year: 2020, month: 5 });
}

#[test]
fn weak_month_words_need_support() {
    for (text, lang) in [
        ("Sept personnes ont été tuées", "fr"),
        ("the market was hit", "en"),
        ("we may march on", "en"),
        ("a Marchand said", "en"),
        ("un mai de cendres", "fr"),
    ] {
        assert!(found(text, lang).is_empty(), "{text}: {:?}", found(text, lang));
    }
    assert_eq!(one("le 2 mai", "fr", wed()).1, day(2020, 5, 2));
    assert_eq!(one("on 2 May", "en", wed()).1, day(2020, 5, 2));
    // A sentence's full stop is not an abbreviation's.
    assert_eq!(one("It fell on 3 March.", "en", wed()).0, "on 3 March");
}

#[test]
fn numeric_forms() {
    assert_eq!(one("(11/10) Pas de trêve", "fr", wed()), ("11/10".into(), day(2020, 10, 11)));
    assert_eq!(one("le 11/10/2020", "fr", wed()).1, day(2020, 10, 11));
    assert_eq!(one("publié le 11.10.2020", "fr", wed()).1, day(2020, 10, 11));
    assert_eq!(one("2020-10-11", "fr", wed()).1, day(2020, 10, 11));
    // English: month first unless the first field cannot be a month.
    assert_eq!(one("on 10/11/2020", "en", wed()).1, day(2020, 10, 11));
    assert_eq!(one("on 25/10/2020", "en", wed()).1, day(2020, 10, 25));
    assert_eq!(one("le 10/11/2020", "fr", wed()).1, day(2020, 11, 10));
    // A bare fraction is not a date.
    assert!(found("un score de 3/4 des votes", "fr").is_empty());
}

#[test]
fn years_and_times() {
    assert_eq!(found("en 2020", "fr"), [("en 2020".to_string(), DateKind::Year(2020))]);
    assert_eq!(one("en 2020", "fr", wed()).1, EventDate::Unknown);
    // Times never make a date alone, but stay with the date they qualify.
    assert!(found("à 12h05, l'attaque", "fr").is_empty());
    assert!(found("vers 23h30 locales", "fr").is_empty());
    assert!(found("at 11pm", "en").is_empty());
    assert_eq!(one("le 10 octobre à 12 heures", "fr", wed()).0, "le 10 octobre à 12 heures");
    assert_eq!(one("samedi vers 23h30 locales", "fr", wed()).0, "samedi vers 23h30 locales");
    assert_eq!(
        one("Dans la matinée du mardi 13 octobre, les tirs", "fr", wed()),
        ("Dans la matinée du mardi 13 octobre".into(), day(2020, 10, 13))
    );
    assert_eq!(one("on Friday at 11pm", "en", wed()).0, "on Friday at 11pm");
}

#[test]
fn live_blog_reference_beats_publication() {
    let all = find_dates("samedi", Span::new(0, 6), "fr");
    let ctx = DateContext { published: Some(wed()), reference: Some(date(2020, 10, 12)), previous: None };
    assert_eq!(resolve(&all[0], &ctx), day(2020, 10, 10));
}

#[test]
fn cue_prefilter() {
    for text in
        ["mardi", "le 27 octobre", "Yesterday", "(11/10)", "2020-10-11", "le lendemain", "il y a deux jours", "février"]
    {
        assert!(has_date_cue(text), "{text}");
    }
    for text in ["Les forces ont avancé.", "the market", "10.000 livres", "", "a été tué"] {
        assert!(!has_date_cue(text), "{text}");
    }
}

#[test]
fn seed_pages_read_without_surprises() {
    // The seed pages are read in place (never copied): every date found
    // resolves without panicking, and known forms are there.
    let seeds = warlog_testkit::seeds();
    for (name, path) in &seeds {
        let text = std::fs::read_to_string(path).expect("seed readable");
        let exprs = find_dates(&text, Span::new(0, text.len()), "fr");
        assert!(!exprs.is_empty(), "{name}");
        let mut ctx = DateContext { published: Some(date(2020, 10, 28)), ..DateContext::default() };
        for e in &exprs {
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            ctx.previous = Some(resolve(e, &ctx)).filter(EventDate::is_known).or(ctx.previous);
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_fit(s in "\\PC{0,80}", lang in "(fr|en|xx)") {
        let ctx = DateContext { published: Some(date(2020, 10, 28)), previous: Some(EventDate::Day(date(2020, 10, 1))), ..DateContext::default() };
        for e in find_dates(&s, Span::new(0, s.len()), &lang) {
            proptest::prop_assert!(e.span.end <= s.len() && e.span.start < e.span.end);
            proptest::prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            let _ = resolve(&e, &ctx);
        }
        let _ = has_date_cue(&s);
    }

    #[test]
    fn date_soup_never_panics(s in "(le|du|au|et|depuis|nuit|de|jeudi|vendredi|mars|octobre|mi-|il y a|jours|derniers|[0-9]{1,4}|/|-|\\.|\\(|\\)| ){0,20}") {
        let ctx = DateContext { published: Some(date(2020, 10, 28)), ..DateContext::default() };
        for e in find_dates(&s, Span::new(0, s.len()), "fr") {
            proptest::prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            let _ = resolve(&e, &ctx);
        }
    }
}
