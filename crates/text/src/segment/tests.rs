//! Segmenter tests on small invented pages, French and English, and the
//! property that no input breaks the segment invariants.

use warlog_model::{Date, DocumentMeta, Segment, SegmentKind, Span};

use super::segment;
use crate::{Block, BlockKind, Extracted, plain};

/// (kind, first words) of each segment, to keep assertions readable.
fn kinds(text: &str, published: Option<Date>) -> Vec<(SegmentKind, String)> {
    let mut x = plain::extract(text);
    x.meta.published = published;
    segments_text(&x, &segment(&x))
}

fn segments_text(x: &Extracted, segments: &[Segment]) -> Vec<(SegmentKind, String)> {
    segments.iter().map(|s| (s.kind, s.span.slice(&x.text).chars().take(24).collect())).collect()
}

fn only_kinds(text: &str) -> Vec<SegmentKind> {
    kinds(text, None).into_iter().map(|(k, _)| k).collect()
}

const ARTICLE_FR: &str = "\
Sahel : une attaque contre un poste militaire fait plusieurs morts
Une attaque menée à l'aube contre un poste de l'armée dans le nord du pays a fait au moins douze morts parmi les soldats, a annoncé mardi l'état-major dans un communiqué.
Selon une source sécuritaire locale, les assaillants sont arrivés à moto et ont incendié plusieurs véhicules avant de se replier vers la frontière.
Le gouvernement a décrété un deuil national de trois jours et promis de renforcer la présence militaire dans la région.
Crédit photo : AFP
";

#[test]
fn french_article_then_comment_section() {
    let text = format!(
        "{ARTICLE_FR}\
Encore une attaque, et toujours les mêmes promesses…
https://www.example.org/analyse-du-conflit.html
@Marcel je ne suis pas d'accord avec vous, le problème est politique.
Merci pour ces précisions !
Vous oubliez le rôle des voisins, à mon avis.
"
    );
    use SegmentKind::*;
    assert_eq!(only_kinds(&text), [Body, Caption, Comment]);
}

#[test]
fn comment_section_without_any_marker() {
    let text = format!(
        "{}\
https://www.example.org/analyse-du-conflit.html
@Marcel je ne suis pas d'accord avec vous, le problème est politique.
Merci pour ces précisions !
Vous oubliez le rôle des voisins, à mon avis.
Les mêmes causes produisent les mêmes effets.
Je pense que la situation va encore se dégrader.
@Paul tout à fait, hélas.
",
        ARTICLE_FR.trim_end_matches("Crédit photo : AFP\n")
    );
    use SegmentKind::*;
    assert_eq!(only_kinds(&text), [Body, Comment]);
}

#[test]
fn article_with_a_credit_line_mid_page_has_no_comments() {
    let text = "\
Ukraine : des frappes sur des dépôts de carburant
Photo : Reuters
Des frappes de drones ont visé dans la nuit plusieurs dépôts de carburant, a indiqué mercredi le gouverneur de la région, qui fait état de deux blessés.
Les autorités ont demandé aux habitants de rester à l'abri pendant que les pompiers luttaient contre l'incendie, qui a duré plusieurs heures.
Le ministère de la défense a affirmé de son côté avoir abattu la plupart des engins au-dessus de la région durant la nuit.
";
    assert!(!only_kinds(text).contains(&SegmentKind::Comment));
}

#[test]
fn an_interview_after_a_credit_line_is_not_a_comment_section() {
    let text = "\
Entretien avec un ancien diplomate
Un ancien ambassadeur revient sur les négociations de cessez-le-feu qui se sont tenues la semaine dernière dans la capitale, et sur leurs chances d'aboutir.
Diplomate de carrière, il a représenté son pays dans plusieurs capitales de la région et participé aux médiations qui avaient abouti à la trêve de 2016, rompue deux ans plus tard.
Photo : DR
Pensez-vous que la trêve peut tenir ?
Je crois qu'elle tiendra si les deux camps y trouvent leur intérêt, mais rien n'est acquis.
Vous avez participé à des pourparlers semblables par le passé.
Oui, et j'ai appris à me méfier des annonces trop rapides.
Que peuvent faire les pays voisins ?
Pas grand-chose, je le crains, tant que les deux camps croient pouvoir gagner !
Et vous, qu'en pensez-vous ?
Je reste prudent.
";
    assert!(!only_kinds(text).contains(&SegmentKind::Comment));
}

#[test]
fn english_comments_split_at_author_lines() {
    let text = "\
Sudan: fighting resumes in the capital
Heavy fighting broke out again on Sunday in several districts of the capital, residents said, a day after a short truce brokered by mediators expired without being renewed.
The army said it had repelled an attack on its headquarters, while the paramilitary forces claimed to have taken two bridges over the river.
Leave a Reply
Your email address will not be published. Required fields are marked *
Sam says:
March 3, 2024 at 9:12 am
I think the mediators have lost all leverage here.
Reply
Alex says:
You are right, and nobody wants to admit it.
Reply
March 4, 2024 at 10:40 pm
Both sides are exhausted, yet neither will give in.
";
    use SegmentKind::*;
    let got = kinds(text, None);
    let k: Vec<SegmentKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(k, [Body, Boilerplate, Comment, Boilerplate, Comment, Boilerplate, Comment], "{got:?}");
    assert!(got[2].1.starts_with("Sam says:"));
    assert!(got[6].1.starts_with("March 4"));
}

const LIVE_FR: &str = "\
Direct
  • (12/03) Offensive dans le Sud : les combats s'intensifient

    Imprimer

    Les forces gouvernementales ont lancé dans la nuit une offensive contre plusieurs localités tenues par les rebelles, selon un porte-parole de l'armée.

    Vidéo - côté gouvernemental
    Des blindés avancent sur une route de campagne

    Le bilan provisoire fait état de quinze morts parmi les combattants.

  • Négociations : une délégation attendue dans la capitale

    Imprimer

    Lundi 14 mars au matin, une délégation de médiateurs est arrivée pour relancer les discussions entre les deux camps.

  • Le point sur la situation humanitaire

    Imprimer

    Les organisations humanitaires réclament un accès aux zones de combat, où des milliers de civils seraient bloqués.

    img_2044.jpeg
";

#[test]
fn french_live_blog_with_three_entries() {
    let mut x = plain::extract(LIVE_FR);
    x.meta.published = Some(Date::constant(2022, 3, 15));
    let segs = segment(&x);
    use SegmentKind::*;
    let entries: Vec<&Segment> = segs.iter().filter(|s| s.kind == Entry).collect();
    let headings: Vec<&str> = entries.iter().filter_map(|s| s.heading.as_deref()).collect();
    assert!(headings.contains(&"(12/03) Offensive dans le Sud : les combats s'intensifient"));
    assert!(headings.contains(&"Négociations : une délégation attendue dans la capitale"));
    assert!(headings.contains(&"Le point sur la situation humanitaire"));
    let date_of = |h: &str| entries.iter().find(|s| s.heading.as_deref() == Some(h)).and_then(|s| s.date);
    assert_eq!(
        date_of("(12/03) Offensive dans le Sud : les combats s'intensifient"),
        Some(Date::constant(2022, 3, 12))
    );
    // The date in the first clause of the entry's first line.
    assert_eq!(date_of("Négociations : une délégation attendue dans la capitale"), Some(Date::constant(2022, 3, 14)));
    assert_eq!(date_of("Le point sur la situation humanitaire"), None);
    let got: Vec<SegmentKind> = segs.iter().map(|s| s.kind).collect();
    assert_eq!(
        got,
        [
            Boilerplate, // "Direct": a page label
            Entry,
            Boilerplate,
            Entry,
            Caption,
            Entry,
            Entry,
            Boilerplate,
            Entry,
            Entry,
            Boilerplate,
            Entry,
            Boilerplate // the bare file name
        ]
    );
    // The heading segment starts at the bullet line; the heading itself has no bullet.
    assert!(entries[0].span.slice(&x.text).starts_with('•'));
}

#[test]
fn english_live_blog_with_time_stamps() {
    let text = "\
Gaza live: latest updates
14:05 GMT
Aid convoy reaches the north
A convoy of twelve trucks carrying food and medicine crossed into the north of the territory on Tuesday, the UN agency said.
12:40 GMT
Strikes reported overnight
Residents reported several air strikes on the southern city overnight; the health ministry said at least nine people were killed.
10:15 GMT
Talks to resume in Cairo
Negotiators are due to meet again on Wednesday, according to officials familiar with the talks.
";
    let mut x = plain::extract(text);
    x.meta.published = Some(Date::constant(2024, 3, 5));
    let segs = segment(&x);
    let entries: Vec<&Segment> = segs.iter().filter(|s| s.kind == SegmentKind::Entry).collect();
    assert_eq!(entries.len(), 3, "{:?}", segments_text(&x, &segs));
    assert_eq!(entries[1].heading.as_deref(), Some("Strikes reported overnight"));
    assert!(entries[0].span.slice(text).starts_with("14:05 GMT"));
    assert_eq!(segs[0].kind, SegmentKind::Body);
}

#[test]
fn html_live_blog_with_stamped_headings() {
    let parts = [
        (BlockKind::Title, "Guerre au Soudan, en direct"),
        (BlockKind::Heading, "14:05 - Nouveaux combats à Khartoum"),
        (BlockKind::Paragraph, "Des combats ont éclaté dans le centre de la capitale, selon des habitants."),
        (BlockKind::Heading, "11:30 - Un convoi humanitaire bloqué"),
        (BlockKind::Paragraph, "Un convoi de l'ONU est bloqué depuis deux jours à un poste de contrôle."),
        (BlockKind::Heading, "Contexte"),
        (BlockKind::Paragraph, "Le conflit a éclaté à la mi-avril entre l'armée et les paramilitaires."),
    ];
    let mut text = String::new();
    let mut blocks = Vec::new();
    for (kind, t) in parts {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        blocks.push(Block { span: Span::new(text.len(), text.len() + t.len()), kind });
        text.push_str(t);
    }
    let main_end = text.len();
    let x = Extracted { text, main_end, blocks, meta: DocumentMeta::default() };
    use SegmentKind::*;
    let segs = segment(&x);
    let got: Vec<SegmentKind> = segs.iter().map(|s| s.kind).collect();
    // "Contexte" has no stamp: it stays inside the second entry.
    assert_eq!(got, [Body, Entry, Entry]);
    assert_eq!(segs[2].heading.as_deref(), Some("11:30 - Un convoi humanitaire bloqué"));
}

#[test]
fn a_headline_and_byline_over_a_time_stamp_are_not_a_live_blog() {
    let text = "\
Missiles hit energy facilities overnight
By A Reporter
March 22, 2024 5:41 PM GMT+1 Updated 3 hours ago
More than 60 missiles and 90 drones were launched at energy infrastructure overnight, damaging a dam and cutting power to a million people, officials said.
At least five people were killed, according to regional officials.
Reporting by A Reporter; Editing by An Editor
";
    assert!(!only_kinds(text).contains(&SegmentKind::Entry));
}

#[test]
fn nav_bar_captions_related_and_paywall() {
    let text = "\
Menu
Accueil / International / Afrique / Sahel
Le Mali face à la recrudescence des attaques
Des soldats lors d'une patrouille près de la frontière. © Reuters
Les attaques contre les positions de l'armée se sont multipliées ces dernières semaines dans le centre du pays, où plusieurs groupes armés se disputent le contrôle des routes.
À lire aussi : Au Sahel, la guerre des drones
Un responsable local a affirmé que des renforts avaient été envoyés dans trois localités après une embuscade qui a coûté la vie à six soldats.
Il vous reste 71.5% de cet article à lire. La suite est réservée aux abonnés.
Déjà abonné ? Se connecter
Les plus lus
Un titre d'un autre article
Laisser un commentaire
scroll to top
";
    use SegmentKind::*;
    let got = kinds(text, None);
    let k: Vec<SegmentKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(k, [Boilerplate, Body, Caption, Body, Boilerplate, Body, Boilerplate], "{got:?}");
}

#[test]
fn english_paywall_and_related_list() {
    let text = "\
Ukraine says it downed drones over Kyiv
Air defences shot down most of the drones launched overnight at the capital, the city's military administration said on Saturday, adding that debris damaged two buildings.
Officials said there were no casualties, though emergency crews were still searching the site in the morning.
Related
Drone attacks intensify ahead of winter
Power cuts hit eastern regions
Subscribe to continue reading.
Already a subscriber? Sign in
";
    use SegmentKind::*;
    assert_eq!(only_kinds(text), [Body, Boilerplate]);
}

#[test]
fn embedded_tweet_inside_the_body() {
    let text = "\
Des images montrent des renforts près de la ligne de front
Plusieurs vidéos publiées sur les réseaux sociaux montrent des colonnes de véhicules militaires se dirigeant vers la ligne de front, selon des journalistes locaux.
Convoy of armored vehicles seen moving south this morning pic.twitter.com/Xy12Ab
— Local Reporter (@localreporter) March 3, 2022
Les autorités n'ont pas confirmé ces mouvements, mais ont reconnu des « redéploiements » dans la région depuis plusieurs jours.
";
    use SegmentKind::*;
    assert_eq!(only_kinds(text), [Body, Social, Body]);
}

#[test]
fn html_structure_is_kept() {
    // Blocks as the HTML extractor gives them: a title, paragraphs, a
    // caption, a share bar, then two reader comments after `main_end`.
    let parts = [
        (BlockKind::Title, "Clashes on the border"),
        (
            BlockKind::Paragraph,
            "Troops exchanged fire overnight along the disputed border, the defence ministry said, accusing the other side of starting the fighting.",
        ),
        (BlockKind::Caption, "A checkpoint near the border."),
        (BlockKind::Paragraph, "Share"),
        (BlockKind::Comment, "This has been going on for years."),
        (BlockKind::Comment, "Nobody will stop it."),
    ];
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut main_end = 0;
    for (kind, t) in parts {
        if kind == BlockKind::Comment && main_end == 0 {
            main_end = text.len();
        }
        blocks.push(Block { span: Span::new(text.len(), text.len() + t.len()), kind });
        text.push_str(t);
        text.push_str("\n\n");
    }
    let x = Extracted { text, main_end, blocks, meta: DocumentMeta::default() };
    use SegmentKind::*;
    let got: Vec<SegmentKind> = segment(&x).iter().map(|s| s.kind).collect();
    assert_eq!(got, [Body, Caption, Boilerplate, Comment, Comment]);
}

#[test]
fn empty_and_blank_pages() {
    assert!(kinds("", None).is_empty());
    assert!(kinds(" \n\n \u{a0}\n", None).is_empty());
    assert_eq!(only_kinds("Un seul titre"), [SegmentKind::Body]);
}

fn check_invariants(x: &Extracted, segs: &[Segment]) -> Result<(), proptest::test_runner::TestCaseError> {
    let mut last = 0;
    for s in segs {
        proptest::prop_assert!(s.span.start >= last, "ordered, non-overlapping: {:?}", segs);
        proptest::prop_assert!(s.span.start < s.span.end && s.span.end <= x.text.len());
        proptest::prop_assert!(x.text.is_char_boundary(s.span.start) && x.text.is_char_boundary(s.span.end));
        last = s.span.end;
    }
    Ok(())
}

/// Lines that exercise the cues: boilerplate, comments, captions, posts, bullets.
fn line_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "\\PC{0,40}",
        Just("Imprimer".to_string()),
        Just("  • Titre : la suite (11/10)".to_string()),
        Just("14h05".to_string()),
        Just("Photo : AFP".to_string()),
        Just("Vidéo - côté nord".to_string()),
        Just("@quelqu'un je vous le dis !".to_string()),
        Just("— Name (@handle) May 1, 2021".to_string()),
        Just("texte pic.twitter.com/abc".to_string()),
        Just("Il vous reste 10% de cet article à lire.".to_string()),
        Just("Laisser un commentaire".to_string()),
        Just("x.jpeg".to_string()),
        Just(String::new()),
        Just("Une longue phrase d'article qui raconte ce qui s'est passé hier soir dans la ville, selon les autorités locales et plusieurs témoins.".to_string()),
    ]
}

proptest::proptest! {
    #[test]
    fn never_panics_on_random_text(s in "\\PC{0,200}") {
        let x = plain::extract(&s);
        let segs = segment(&x);
        check_invariants(&x, &segs)?;
    }

    #[test]
    fn never_panics_on_cue_lines(lines in proptest::collection::vec(line_strategy(), 0..30), published in proptest::option::of(0i16..3)) {
        let text = lines.join("\n");
        let mut x = plain::extract(&text);
        x.meta.published = published.map(|y| Date::constant(2020 + y, 1, 1));
        let segs = segment(&x);
        check_invariants(&x, &segs)?;
        // Every block is covered by exactly one segment.
        for b in &x.blocks {
            proptest::prop_assert_eq!(segs.iter().filter(|s| s.span.contains(b.span)).count(), 1);
        }
    }

    #[test]
    fn never_panics_on_bad_blocks(s in "\\PC{0,80}", raw in proptest::collection::vec((0usize..100, 0usize..100, 0u8..9), 0..12), main_end in 0usize..100) {
        let kinds = [
            BlockKind::Title, BlockKind::Heading, BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Quote,
            BlockKind::Caption, BlockKind::Social, BlockKind::Comment, BlockKind::Boilerplate,
        ];
        let blocks = raw.into_iter().map(|(a, b, k)| Block { span: Span { start: a, end: b }, kind: kinds[k as usize] }).collect();
        let x = Extracted { text: s, main_end, blocks, meta: DocumentMeta::default() };
        let segs = segment(&x);
        check_invariants(&x, &segs)?;
    }
}
