//! The two hand-made pages under `fixtures/` (invented text, one French,
//! one English): what is kept, how it is labelled, what is dropped, and
//! the metadata.

use warlog_text::{BlockKind, Extracted, html};

fn page(name: &str) -> Extracted {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    html::extract(&text, None)
}

fn blocks(e: &Extracted, kind: BlockKind) -> Vec<&str> {
    e.blocks.iter().filter(|b| b.kind == kind).map(|b| b.span.slice(&e.text)).collect()
}

fn dump(e: &Extracted) -> String {
    e.blocks.iter().map(|b| format!("{:?}: {}\n", b.kind, b.span.slice(&e.text))).collect()
}

#[test]
fn french_page_keeps_the_article_and_labels_its_parts() {
    let e = page("fr_gandja.html");
    let main = &e.text[..e.main_end];
    let all = dump(&e);
    assert_eq!(e.blocks[0].kind, BlockKind::Title, "{all}");
    assert_eq!(e.blocks[0].span.slice(&e.text), "Frappe de missile sur Gandja : au moins douze morts");
    for kept in [
        "Une frappe de missile a touché un quartier résidentiel de Gandja",
        "Bakou accuse les forces arméniennes d’avoir visé délibérément la deuxième ville du pays, ce qu’Erevan dément : le ministère arménien de la Défense affirme n'avoir tiré",
        "Les secouristes ont travaillé toute la matinée",
        "La trêve humanitaire conclue à Moscou le 10 octobre",
    ] {
        assert!(main.contains(kept), "missing {kept:?} in\n{all}");
    }
    assert_eq!(blocks(&e, BlockKind::Heading), vec!["Une trêve déjà fragile"], "{all}");
    let social = blocks(&e, BlockKind::Social);
    assert_eq!(social.len(), 1, "{all}");
    assert!(social[0].starts_with("Des images terribles de Gandja ce matin."), "{all}");
    assert!(social[0].contains("(@observ_caucase)"));
    assert_eq!(
        blocks(&e, BlockKind::Caption),
        vec!["Un immeuble détruit à Gandja, le 17 octobre 2020. Photo Agence Exemple"]
    );
    assert_eq!(
        blocks(&e, BlockKind::Comment),
        vec![
            "Encore une fois la communauté internationale regarde ailleurs.",
            "Il faudrait une enquête indépendante avant d'accuser qui que ce soit. Les deux camps ont intérêt à mentir.",
            "Pensées pour les familles des victimes.",
        ],
        "{all}"
    );
    assert!(e.blocks.iter().filter(|b| b.kind == BlockKind::Comment).all(|b| b.span.start >= e.main_end));
    for dropped in [
        "cookies",
        "Politique",
        "Partager",
        "Lire aussi",
        "Il vous reste",
        "abonné",
        "Sur le même sujet",
        "renvoient",
        "Azerbaïdjan\n",
        "Répondre",
        "Marc_Lyon",
        "newsletter",
        "Tous droits",
        "FUITE",
    ] {
        assert!(!e.text.contains(dropped), "{dropped:?} leaked into\n{all}");
    }
}

#[test]
fn french_page_metadata() {
    let e = page("fr_gandja.html");
    assert_eq!(e.meta.title.as_deref(), Some("Frappe de missile sur Gandja : au moins douze morts"));
    assert_eq!(e.meta.published, Some("2020-10-17".parse().unwrap()));
    assert_eq!(e.meta.outlet.as_deref(), Some("Le Courrier du Caucase"));
    assert_eq!(e.meta.language.as_deref(), Some("fr"));
    assert_eq!(e.meta.url.as_deref(), Some("https://www.courrier-caucase.example/monde/2020/10/17/frappe-gandja"));
}

#[test]
fn english_page_keeps_the_article_and_labels_its_parts() {
    let e = page("en_donetsk.html");
    let main = &e.text[..e.main_end];
    let all = dump(&e);
    assert_eq!(e.blocks[0].kind, BlockKind::Title, "{all}");
    assert_eq!(e.blocks[0].span.slice(&e.text), "Shelling hits Donetsk market, killing seven");
    for kept in [
        "Artillery shells struck a crowded market in the Tekstilshchik district of Donetsk",
        "Kyiv denied any involvement",
        "Witnesses described several explosions",
        "International monitors said they would try to reach the market",
    ] {
        assert!(main.contains(kept), "missing {kept:?} in\n{all}");
    }
    assert_eq!(
        blocks(&e, BlockKind::ListItem),
        vec![
            "At least seven people were killed, officials said.",
            "Monitors said they would visit the site on Saturday."
        ]
    );
    let social = blocks(&e, BlockKind::Social);
    assert_eq!(social.len(), 1, "{all}");
    assert!(social[0].starts_with("Smoke over the market this morning."), "{all}");
    assert_eq!(
        blocks(&e, BlockKind::Caption),
        vec!["Damaged stalls at the market in Donetsk on Friday. Photograph: Example Agency"]
    );
    assert_eq!(
        blocks(&e, BlockKind::Comment),
        vec![
            "Another tragedy, and every side will tell a different story.",
            "We need independent investigators on the ground."
        ],
        "{all}"
    );
    for dropped in [
        "cookies",
        "Europe",
        "Share on",
        "Read more",
        "Ceasefire talks stall",
        "Sign up",
        "inbox",
        "Subscribe",
        "More stories",
        "Minsk",
        "Daniel Hart",
        "kyiv_reader",
        "Reply",
        "rights reserved",
    ] {
        assert!(!e.text.contains(dropped), "{dropped:?} leaked into\n{all}");
    }
}

#[test]
fn english_page_metadata() {
    let e = page("en_donetsk.html");
    assert_eq!(e.meta.title.as_deref(), Some("Shelling hits Donetsk market, killing seven"));
    assert_eq!(e.meta.published, Some("2022-01-21".parse().unwrap()));
    assert_eq!(e.meta.outlet.as_deref(), Some("Eastern Post"));
    assert_eq!(e.meta.language.as_deref(), Some("en"));
    assert_eq!(e.meta.url, None, "no canonical link and no URL given");
    let with_url = html::extract("<p>x</p>", Some("https://www.eastern-post.example/world/2022/01/21/donetsk"));
    assert_eq!(with_url.meta.outlet.as_deref(), Some("eastern-post.example"));
    assert_eq!(with_url.meta.published, Some("2022-01-21".parse().unwrap()));
}

#[test]
fn dateline_in_the_page_gives_the_date() {
    let page = r#"<html><body><article><h1>Titre</h1><p class="date">Publié le 28 octobre 2020 à 10h32</p>
        <p>Les combats ont repris dans la région, selon les deux camps, qui s'accusent mutuellement.</p></article></body></html>"#;
    let e = html::extract(page, None);
    assert_eq!(e.meta.published, Some("2020-10-28".parse().unwrap()));
}
