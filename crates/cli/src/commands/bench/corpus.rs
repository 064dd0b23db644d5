//! The default corpus of `warlog bench`: news-sized pages built from the
//! bundled examples (our own text), generated one by one as the bench reads
//! them, so that 100,000 pages cost no memory.
//!
//! Page `k` is example `k % 3` with its place names rotated, its years and
//! days of the month moved ([`vary`]), then grown to about 5 KB of main text
//! — what a news article holds — with paragraphs drawn from the sentences
//! below (written for warlog, in the example's language), their places,
//! numbers, weekdays and sources picked by a generator seeded with `k`: no
//! two pages are alike, and the recognisers see many places and figures. The
//! HTML pages also get the markup a news site wraps an article in (styles,
//! scripts, a menu, related links, a footer), about 100 KB of it, so that
//! the HTML stages read as much markup per page as on real pages.

use std::fmt::Write as _;
use std::sync::OnceLock;

/// The bundled example pages (our own text), embedded for the default corpus.
pub(super) const EXAMPLES: &[(&str, &str)] = &[
    ("fr-frappes-gandja.txt", include_str!("../../../../../examples/fr-frappes-gandja.txt")),
    ("en-kherson-report.html", include_str!("../../../../../examples/en-kherson-report.html")),
    ("fr-direct-sahel.html", include_str!("../../../../../examples/fr-direct-sahel.html")),
];

/// Words swapped in each replica of an example so that no two pages are alike.
const PLACES: &[&str] =
    &["Gandja", "Barda", "Tartar", "Kherson", "Bakhmut", "Gao", "Mopti", "Khartoum", "Odesa", "Fizouli"];

/// Places the added sentences name (all known to the gazetteer).
const TOWNS: &[&str] = &[
    "Kherson",
    "Bakhmut",
    "Odesa",
    "Kharkiv",
    "Kramatorsk",
    "Sloviansk",
    "Mykolaiv",
    "Avdiivka",
    "Gaza",
    "Rafah",
    "Khan Younis",
    "Goma",
    "Bunia",
    "Beni",
    "Gao",
    "Mopti",
    "Ménaka",
    "Kidal",
    "Bamako",
    "Khartoum",
    "El Fasher",
    "Nyala",
    "Omdurman",
    "Mogadishu",
    "Kismayo",
    "Aleppo",
    "Marib",
    "Taiz",
    "Gandja",
    "Barda",
    "Tartar",
    "Stepanakert",
    "Fizouli",
    "Maiduguri",
    "Ouagadougou",
    "Djibo",
    "Niamey",
    "Mosul",
    "Kirkuk",
    "Tripoli",
    "Benghazi",
    "Misrata",
];

/// Main text an added page aims at, in bytes (news articles: about 5 KB).
const TEXT_TARGET: usize = 5_000;

/// Sentences of one language, with the words their slots are filled from.
/// Slots: `{P}` and `{Q}` two places, `{N}` a small number, `{NW}` a small
/// number in words (to start a sentence), `{M}` a larger number, `{K}`
/// thousands, `{D}` a weekday, `{S}` a source ("the army said").
struct Lang {
    /// Sentences that report events (most yield a claim).
    sentences: &'static [&'static str],
    /// Sentences that tell the background, as most of an article does.
    background: &'static [&'static str],
    weekdays: [&'static str; 7],
    number_words: &'static [&'static str],
    sources: &'static [&'static str],
    thousands_sep: &'static str,
    /// Live-blog entry headings (`{P}` a place).
    headings: &'static [&'static str],
}

const EN: Lang = Lang {
    sentences: &[
        "At least {N} civilians were killed on {D} when artillery shells hit a residential district of {P}, {S}.",
        "{NW} people were wounded in a drone strike on the outskirts of {P} overnight, {S}.",
        "Fighting continued on {D} around {P}, where government troops said they had repelled an attack by armed groups.",
        "The army said it had taken control of the village of {Q}, about {M} kilometres from {P}.",
        "Rebel fighters denied losing ground near {P} and accused the army of shelling homes.",
        "An air strike destroyed a bridge near {P} on {D}, cutting the main road to {Q}, {S}.",
        "Rescue teams were still searching the rubble of a building in {P} hit by a missile, {S}.",
        "The United Nations called on all parties to protect civilians and allow aid convoys to reach {P}.",
        "Talks between the two sides are expected to resume next week in {Q}, diplomats said.",
        "A roadside bomb killed {N} soldiers on a patrol near {P} on {D}, {S}.",
        "Residents of {P} described a night of heavy shelling, with power and water cut in several districts.",
        "The ministry said {M} militants had been killed in clashes in the hills east of {P}.",
        "A ceasefire announced for {D} was broken within hours, both sides said, with artillery fire reported near {P}.",
        "Local officials said {N} children were among the dead after a rocket hit a school in {P}.",
        "Government forces reportedly shelled positions held by armed groups around {Q} on {D}.",
        "The authorities imposed a curfew in {P} after a series of attacks on police stations.",
        "Humanitarian groups said more than {K} families had fled {P} in the past week.",
        "Troops were deployed to {P} on {D} to secure the road to {Q}, the army said.",
        "The foreign ministry condemned the attack on {P} and demanded an independent investigation.",
        "Witnesses said gunmen on motorcycles opened fire on a market in {P}, killing {N} people.",
        "Drones struck an ammunition depot near {P} overnight, setting off explosions heard across the city, {S}.",
        "The military denied any involvement in the killing of civilians in {P}.",
        "According to the health ministry, the death toll from the week's fighting has risen to {K}.",
        "Aid workers warned that hospitals in {P} were running out of fuel and medicine.",
        "{NW} police officers were wounded when a car bomb exploded outside a checkpoint in {P} on {D}, {S}.",
        "The opposition said it had captured an army base near {Q} after two days of fighting.",
        "Shelling damaged the main power station in {P}, leaving much of the region without electricity, {S}.",
        "Leaders meeting in {Q} appealed for an immediate end to the fighting around {P}.",
        "Neither claim could be independently verified.",
        "Schools in {P} remained closed on {D} as a precaution.",
        "The governor of the region said the situation in {P} was difficult but under control.",
        "Mortar rounds landed near a hospital in {P}, wounding {N} patients and staff, {S}.",
        "Separatist forces said they had shot down {N} drones over {P} during the night.",
        "A convoy carrying food and medicine reached {P} on {D} for the first time in weeks.",
        "The armed group claimed responsibility for an ambush near {Q} that killed {N} soldiers.",
        "Officials said the airport at {P} had been closed after a rocket attack.",
        "Human rights groups accused both sides of using heavy weapons in populated areas near {P}.",
        "The president said peace negotiations would continue despite the attack in {P}.",
        "Satellite images showed extensive damage to villages around {Q}, researchers said.",
        "Gunfire was heard in the centre of {P} late on {D}, residents said.",
        "Prices of bread and fuel in {P} have doubled since the road to {Q} was cut.",
        "The two delegations agreed to exchange {M} prisoners, the mediators said after the talks in {Q}.",
    ],
    background: &[
        "The conflict has displaced hundreds of thousands of people since it began.",
        "Both governments have traded accusations for weeks, each blaming the other for the escalation.",
        "The region has been at the centre of a territorial dispute for decades.",
        "Analysts say neither side appears ready to make concessions.",
        "Many families have moved in with relatives in safer parts of the country.",
        "The road, which links the capital to the border, is used by aid convoys and traders alike.",
        "Electricity returned to parts of the city in the afternoon, according to the local energy company.",
        "Journalists are rarely allowed to visit the front line, and information is difficult to verify.",
        "The government has promised to rebuild the damaged districts before the winter.",
        "Prices of basic goods have risen sharply, and queues form every morning outside the bakeries.",
        "The talks, brokered by neighbouring countries, have so far produced few results.",
        "Opposition lawmakers criticised the government's handling of the crisis during a heated debate.",
        "The mayor said the local authorities were doing everything possible to help residents.",
        "Some shops reopened on the main avenue, though most remained shuttered.",
        "The border crossing was busy with lorries waiting to enter the country.",
        "Teachers have started holding classes online for pupils who left the area.",
        "A spokesperson for the organisation said its staff would remain in the region.",
        "The announcement came a day after a meeting of the security council.",
        "Officials are expected to give more details at a press conference later this week.",
        "Volunteers have set up kitchens in community halls to feed people who lost their homes.",
        "The minister is due to travel abroad next week to seek support from allies.",
        "Residents said they were tired of the war and hoped for a lasting agreement.",
        "Local radio stations broadcast instructions on where to find shelter.",
        "The harvest has been poor this year, and farmers fear they will not be able to reach their fields.",
        "Diplomats said a new round of consultations could take place before the end of the month.",
        "The hospital in {P}, built in the 1970s, is the largest in the region.",
        "Footage shared on social media could not be verified.",
        "The economy has contracted for a third consecutive year, according to official figures.",
        "Mobile networks were partly restored on {D} morning.",
        "The rebels control much of the countryside, while the army holds the main towns.",
    ],
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    number_words: &["Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"],
    sources: &[
        "the regional governor said",
        "the defence ministry said",
        "officials said",
        "according to the army",
        "a local official told reporters",
        "the interior ministry said",
        "the United Nations said",
        "witnesses said",
        "rescue workers said",
        "the military said in a statement",
    ],
    thousands_sep: ",",
    headings: &["New fighting near {P}", "Drone strike on {P}", "Call for a ceasefire"],
};

const FR: Lang = Lang {
    sentences: &[
        "Au moins {N} civils ont été tués {D} par des tirs d'artillerie sur un quartier résidentiel de {P}, {S}.",
        "{NW} personnes ont été blessées dans une frappe de drone à la périphérie de {P} dans la nuit, {S}.",
        "Les combats se poursuivaient {D} autour de {P}, où l'armée dit avoir repoussé une attaque de groupes armés.",
        "L'armée a affirmé avoir pris le contrôle du village de {Q}, à {M} kilomètres de {P}.",
        "Les rebelles ont démenti tout recul près de {P} et accusé l'armée de bombarder des habitations.",
        "Une frappe aérienne a détruit un pont près de {P} {D}, coupant la route principale vers {Q}, {S}.",
        "Les secouristes fouillaient encore les décombres d'un immeuble de {P} touché par un missile, {S}.",
        "L'ONU a appelé toutes les parties à protéger les civils et à laisser passer les convois d'aide vers {P}.",
        "Les pourparlers entre les deux camps doivent reprendre la semaine prochaine à {Q}, selon des diplomates.",
        "{NW} soldats ont été tués {D} par l'explosion d'un engin artisanal au passage de leur patrouille près de {P}, {S}.",
        "Les habitants de {P} décrivent une nuit de bombardements intenses, l'électricité et l'eau étant coupées dans plusieurs quartiers.",
        "Le ministère a affirmé que {M} combattants avaient été tués lors d'affrontements dans les collines à l'est de {P}.",
        "Un cessez-le-feu annoncé pour {D} a été rompu en quelques heures, selon les deux camps, des tirs d'artillerie étant signalés près de {P}.",
        "Selon les autorités locales, {N} enfants figurent parmi les morts après la chute d'une roquette sur une école de {P}.",
        "Les forces gouvernementales auraient bombardé {D} des positions tenues par des groupes armés autour de {Q}.",
        "Les autorités ont instauré un couvre-feu à {P} après une série d'attaques contre des commissariats.",
        "Plus de {K} familles ont fui {P} au cours de la semaine écoulée, selon des organisations humanitaires.",
        "Des troupes ont été déployées à {P} {D} pour sécuriser la route de {Q}, a indiqué l'armée.",
        "Le ministère des Affaires étrangères a condamné l'attaque contre {P} et réclamé une enquête indépendante.",
        "Des hommes armés à moto ont ouvert le feu sur un marché de {P}, tuant {N} personnes, selon des témoins.",
        "Des drones ont frappé un dépôt de munitions près de {P} dans la nuit, provoquant des explosions entendues dans toute la ville, {S}.",
        "L'armée a démenti toute implication dans la mort de civils à {P}.",
        "Selon le ministère de la Santé, le bilan des combats de la semaine s'élève désormais à {K} morts.",
        "Les humanitaires avertissent que les hôpitaux de {P} manquent de carburant et de médicaments.",
        "{NW} policiers ont été blessés {D} par l'explosion d'une voiture piégée devant un poste de contrôle de {P}, {S}.",
        "L'opposition affirme s'être emparée d'une base militaire près de {Q} après deux jours de combats.",
        "Des bombardements ont endommagé la principale centrale électrique de {P}, privant une grande partie de la région de courant, {S}.",
        "Réunis à {Q}, les dirigeants ont appelé à la fin immédiate des combats autour de {P}.",
        "Ces affirmations n'ont pas pu être vérifiées de source indépendante.",
        "Les écoles de {P} sont restées fermées {D} par précaution.",
        "Le gouverneur de la région a jugé la situation à {P} difficile mais sous contrôle.",
        "Des obus de mortier sont tombés près d'un hôpital de {P}, blessant {N} patients et soignants, {S}.",
        "Les séparatistes affirment avoir abattu {N} drones au-dessus de {P} pendant la nuit.",
        "Un convoi de vivres et de médicaments est arrivé à {P} {D}, pour la première fois depuis des semaines.",
        "Le groupe armé a revendiqué une embuscade près de {Q} qui a coûté la vie à {N} soldats.",
        "L'aéroport de {P} a été fermé après une attaque à la roquette, selon les autorités.",
        "Des organisations de défense des droits humains accusent les deux camps d'utiliser des armes lourdes dans des zones habitées près de {P}.",
        "Le président a assuré que les négociations de paix se poursuivraient malgré l'attaque de {P}.",
        "Des images satellites montrent d'importants dégâts dans les villages autour de {Q}, selon des chercheurs.",
        "Des tirs ont été entendus {D} soir dans le centre de {P}, selon des habitants.",
        "Le prix du pain et du carburant a doublé à {P} depuis que la route de {Q} est coupée.",
        "Les deux délégations sont convenues d'échanger {M} prisonniers, selon les médiateurs, à l'issue des pourparlers de {Q}.",
    ],
    background: &[
        "Le conflit a déplacé des centaines de milliers de personnes depuis son déclenchement.",
        "Les deux gouvernements s'accusent mutuellement depuis des semaines de l'escalade.",
        "La région est au cœur d'un différend territorial depuis des décennies.",
        "Selon des analystes, aucun des deux camps ne semble prêt à faire des concessions.",
        "De nombreuses familles se sont réfugiées chez des proches dans des régions plus sûres du pays.",
        "La route, qui relie la capitale à la frontière, est empruntée par les convois humanitaires comme par les commerçants.",
        "L'électricité est revenue dans une partie de la ville dans l'après-midi, selon la compagnie locale.",
        "Les journalistes sont rarement autorisés à se rendre sur la ligne de front, et les informations sont difficiles à vérifier.",
        "Le gouvernement a promis de reconstruire les quartiers endommagés avant l'hiver.",
        "Les prix des produits de base ont fortement augmenté, et des files d'attente se forment chaque matin devant les boulangeries.",
        "Les discussions, menées sous l'égide de pays voisins, n'ont pour l'instant guère abouti.",
        "Les députés de l'opposition ont critiqué la gestion de la crise par le gouvernement lors d'un débat houleux.",
        "Le maire a assuré que les autorités locales faisaient tout leur possible pour aider les habitants.",
        "Quelques commerces ont rouvert sur l'avenue principale, mais la plupart restaient fermés.",
        "Le poste-frontière était encombré de camions attendant d'entrer dans le pays.",
        "Des enseignants ont commencé à donner des cours en ligne aux élèves qui ont quitté la zone.",
        "Une porte-parole de l'organisation a indiqué que son personnel resterait dans la région.",
        "L'annonce est intervenue au lendemain d'une réunion du conseil de sécurité.",
        "Les responsables doivent donner plus de détails lors d'une conférence de presse en fin de semaine.",
        "Des bénévoles ont installé des cuisines dans des salles communales pour nourrir les sinistrés.",
        "Le ministre doit se rendre à l'étranger la semaine prochaine pour chercher le soutien de ses alliés.",
        "Les habitants se disent las de la guerre et espèrent un accord durable.",
        "Les radios locales diffusent des consignes indiquant où trouver un abri.",
        "La récolte a été mauvaise cette année, et les agriculteurs craignent de ne pas pouvoir accéder à leurs champs.",
        "Selon des diplomates, un nouveau cycle de consultations pourrait avoir lieu avant la fin du mois.",
        "L'hôpital de {P}, construit dans les années 1970, est le plus grand de la région.",
        "Les images partagées sur les réseaux sociaux n'ont pas pu être vérifiées.",
        "L'économie s'est contractée pour la troisième année consécutive, selon les chiffres officiels.",
        "Les réseaux mobiles ont été partiellement rétablis {D} matin.",
        "Les rebelles contrôlent une grande partie des campagnes, tandis que l'armée tient les principales villes.",
    ],
    weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    number_words: &["Deux", "Trois", "Quatre", "Cinq", "Six", "Sept", "Huit", "Neuf", "Dix", "Onze", "Douze"],
    sources: &[
        "a affirmé le ministère de la Défense",
        "selon l'armée",
        "a indiqué le gouverneur de la région",
        "selon des sources locales",
        "a annoncé l'état-major",
        "selon un responsable local",
        "d'après l'ONU",
        "ont rapporté des témoins",
        "selon les secours",
        "a déclaré le porte-parole de l'armée",
    ],
    thousands_sep: " ",
    headings: &["nouveaux combats près de {P}", "frappe de drone sur {P}", "appel au cessez-le-feu"],
};

/// xorshift64*: reproducible pseudo-random numbers without a dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Share of added sentences that report an event, in percent: with the
/// rest telling the background, pages hold about as many claims per
/// kilobyte as the conflict news of the seed set (2 to 3).
const EVENT_PERCENT: usize = 15;

/// The sentences of a page, drawn without repeats until a pool runs out.
struct Deck {
    events: Vec<usize>,
    background: Vec<usize>,
}

impl Deck {
    fn new() -> Deck {
        Deck { events: Vec::new(), background: Vec::new() }
    }

    fn draw(pool: &mut Vec<usize>, len: usize, rng: &mut Rng) -> usize {
        if pool.is_empty() {
            pool.extend(0..len);
            for i in (1..len).rev() {
                pool.swap(i, rng.below(i + 1));
            }
        }
        pool.pop().unwrap_or(0)
    }

    /// The next sentence template of `lang`.
    fn next(&mut self, lang: &Lang, rng: &mut Rng) -> &'static str {
        if rng.below(100) < EVENT_PERCENT {
            lang.sentences[Deck::draw(&mut self.events, lang.sentences.len(), rng)]
        } else {
            lang.background[Deck::draw(&mut self.background, lang.background.len(), rng)]
        }
    }
}

/// One sentence of `lang` with its slots filled.
fn sentence(lang: &Lang, deck: &mut Deck, rng: &mut Rng, out: &mut String) {
    let template = deck.next(lang, rng);
    let p = rng.below(TOWNS.len());
    let q = (p + 1 + rng.below(TOWNS.len() - 1)) % TOWNS.len();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        match &rest[open + 1..close] {
            "P" => out.push_str(TOWNS[p]),
            "Q" => out.push_str(TOWNS[q]),
            "N" => {
                let _ = write!(out, "{}", 2 + rng.below(39));
            }
            "NW" => out.push_str(rng.pick(lang.number_words)),
            "M" => {
                let _ = write!(out, "{}", 12 + rng.below(140));
            }
            "K" => {
                let k = 1 + rng.below(9);
                let _ = write!(out, "{k}{}{:03}", lang.thousands_sep, 100 * rng.below(10));
            }
            "D" => out.push_str(lang.weekdays[rng.below(7)]),
            "S" => out.push_str(rng.pick(lang.sources)),
            other => out.push_str(other),
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
}

/// Paragraphs of 2 to 4 sentences, about `bytes` of text in all.
fn paragraphs(lang: &Lang, deck: &mut Deck, rng: &mut Rng, bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut p = String::new();
        for i in 0..2 + rng.below(3) {
            if i > 0 {
                p.push(' ');
            }
            sentence(lang, deck, rng, &mut p);
        }
        total += p.len() + 2;
        out.push(p);
    }
    out
}

/// Years the replicas are moved over: the years dates parse in. Years cycle
/// every 199 replicas and days of the month every 840, so no (year, day)
/// comes back within the first 10,000 pages: a ten times larger corpus
/// covers ten times as many days, as ten days of news would, rather than
/// crowding the same days with ten times as many events.
const FIRST_YEAR: usize = 1901;
const YEARS: usize = 199;

/// Year `n` of an example in replica `k`.
fn shift_year(n: usize, k: usize) -> usize {
    FIRST_YEAR + (n - FIRST_YEAR + k) % YEARS
}

/// Replica `k` of an example: its place names rotated, its years moved
/// within 1901-2099 and its days of the month within 1-28 (so dates still
/// parse, and the resolver sees many days and places, as in a real feed),
/// and a reference line at the end.
pub(super) fn vary(text: &str, k: usize) -> String {
    // Places in one pass, so that a replacement is not replaced again.
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if let Some(i) = PLACES.iter().position(|p| rest.starts_with(p)) {
            out.push_str(PLACES[(i + k) % PLACES.len()]);
            at += PLACES[i].len();
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            at += c.len_utf8();
        }
    }
    let mut varied = String::with_capacity(out.len() + 64);
    let mut rest = out.as_str();
    let mut prev: Option<char> = None;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(at);
        varied.push_str(before);
        prev = before.chars().next_back().or(prev);
        let len = from.find(|c: char| !c.is_ascii_digit()).unwrap_or(from.len());
        let (digits, after) = from.split_at(len);
        let next = after.chars().next();
        let n: usize = digits.parse().unwrap_or(usize::MAX);
        let clock = prev == Some(':') || next == Some(':');
        let iso_month = prev == Some('-') && next == Some('-');
        if len == 4 && (1990..=2030).contains(&n) {
            varied.push_str(&shift_year(n, k).to_string());
        } else if len <= 2 && (1..=28).contains(&n) && !clock && !iso_month {
            varied.push_str(&((n - 1 + k / 30) % 28 + 1).to_string());
        } else {
            varied.push_str(digits);
        }
        prev = digits.chars().next_back();
        rest = after;
    }
    varied.push_str(rest);
    varied.push_str(&format!("\n\nRef. {k}.\n"));
    varied
}

/// Escapes text for HTML (the sentences hold apostrophes, no markup).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Page `k` of the default corpus: (origin, text, is HTML).
pub(super) fn page(k: usize) -> (String, String, bool) {
    let (name, example) = EXAMPLES[k % EXAMPLES.len()];
    let replica = k / EXAMPLES.len() + 1;
    let text = vary(example, replica);
    let mut rng = Rng::new(k as u64 + 1);
    let mut deck = Deck::new();
    let html = name.ends_with(".html");
    let lang = if name.starts_with("fr") { &FR } else { &EN };
    let grown = match name {
        "fr-frappes-gandja.txt" => {
            let extra = paragraphs(lang, &mut deck, &mut rng, TEXT_TARGET.saturating_sub(text.len()));
            let at = text.rfind("\n\nRef. ").unwrap_or(text.len());
            format!("{}\n\n{}{}", &text[..at], extra.join("\n\n"), &text[at..])
        }
        "en-kherson-report.html" => {
            let extra = paragraphs(lang, &mut deck, &mut rng, TEXT_TARGET.saturating_sub(900));
            let body: String = extra.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
            let at = text.find("<aside class=\"related\">").unwrap_or(0);
            wrap(&format!("{}{body}{}", &text[..at], &text[at..]), lang, k)
        }
        _ => {
            // A live blog: older entries below the example's (whose days
            // `vary` moved as here), two a day, the first of the month last.
            let day: usize = (16 - 1 + replica / 30) % 28 + 1;
            let year = shift_year(2023, replica);
            let mut entries = String::new();
            let mut size = 0;
            let mut d = day.saturating_sub(3).max(1);
            for n in 0.. {
                if size >= TEXT_TARGET.saturating_sub(800) {
                    break;
                }
                if n % 2 == 1 && d > 1 {
                    d -= 1;
                }
                let weekday = jiff::civil::Date::new(year as i16, 8, d as i8)
                    .map(|date| date.weekday().to_monday_zero_offset() as usize)
                    .unwrap_or(0);
                let heading = rng.pick(lang.headings).replace("{P}", TOWNS[rng.below(TOWNS.len())]);
                let mut wd = lang.weekdays[weekday].to_string();
                wd[..1].make_ascii_uppercase();
                let want = 500 + rng.below(500);
                let ps = paragraphs(lang, &mut deck, &mut rng, want);
                let body: String = ps.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
                size += body.len();
                let _ =
                    write!(entries, "<div class=\"live-post\">\n<h2>{wd} {d} août : {heading}</h2>\n{body}</div>\n");
            }
            let at = text.find("<div class=\"share\">").unwrap_or(0);
            wrap(&format!("{}{entries}{}", &text[..at], &text[at..]), lang, k)
        }
    };
    (format!("bench/{k}/{name}"), grown, html)
}

/// The page with a news site's markup around its article: styles and
/// scripts in the head, a menu and related links in the body, a footer.
fn wrap(page: &str, lang: &Lang, k: usize) -> String {
    let chrome = chrome(std::ptr::eq(lang, &FR));
    let mut out = String::with_capacity(page.len() + chrome.head.len() + chrome.menu.len() + chrome.tail.len() + 64);
    let head_end = page.find("</head>").unwrap_or(0);
    out.push_str(&page[..head_end]);
    out.push_str(&chrome.head);
    let _ = writeln!(out, "<script>window.__PAGE__ = {{\"id\": {k}, \"section\": \"world\"}};</script>");
    let body = page[head_end..].find("<body>").map_or(head_end, |b| head_end + b + "<body>".len());
    out.push_str(&page[head_end..body]);
    out.push_str(&chrome.menu);
    let end = page.rfind("</body>").unwrap_or(page.len()).max(body);
    out.push_str(&page[body..end]);
    out.push_str(&chrome.tail);
    out.push_str(&page[end..]);
    out
}

/// A news site's markup, built once per language.
struct Chrome {
    head: String,
    menu: String,
    tail: String,
}

fn chrome(fr: bool) -> &'static Chrome {
    static EN_CHROME: OnceLock<Chrome> = OnceLock::new();
    static FR_CHROME: OnceLock<Chrome> = OnceLock::new();
    if fr { FR_CHROME.get_or_init(|| build_chrome(&FR)) } else { EN_CHROME.get_or_init(|| build_chrome(&EN)) }
}

fn build_chrome(lang: &Lang) -> Chrome {
    let mut rng = Rng::new(7);
    let mut deck = Deck::new();
    let mut head = String::from("<style>\n");
    for i in 0..400 {
        let _ = writeln!(
            head,
            ".c-{i}__item{{margin:0 {}px;padding:{}px;color:#{:06x}}} .c-{i}__item:hover>a{{text-decoration:underline}}",
            rng.below(24),
            rng.below(16),
            rng.next() & 0xff_ffff
        );
    }
    head.push_str("</style>\n<script>\n");
    for i in 0..650 {
        let _ = writeln!(
            head,
            "function f{i}(a, b) {{ if (a < b && b > {}) {{ return a + b; }} var s = \"<span class='x{i}'>\" + a + \"</span>\"; return s.length; }}",
            rng.below(1000)
        );
    }
    head.push_str("</script>\n<script type=\"application/json\" id=\"config\">{\"ads\": [");
    for i in 0..300 {
        let _ = write!(
            head,
            "{}{{\"slot\": \"slot-{i}\", \"sizes\": [[300, 250], [728, 90]]}}",
            if i > 0 { ", " } else { "" }
        );
    }
    head.push_str("]}</script>\n");

    let mut menu = String::from("<div class=\"site-header\"><ul class=\"mega-menu\">\n");
    for i in 0..160 {
        let _ = writeln!(
            menu,
            "<li class=\"mega-menu__item\"><a class=\"mega-menu__link\" href=\"/section/{i}\">{} {i}</a></li>",
            TOWNS[i % TOWNS.len()]
        );
    }
    menu.push_str("</ul></div>\n");

    let mut tail = String::from("<section class=\"more-stories\"><h2>More stories</h2><ul>\n");
    for i in 0..20 {
        let mut headline = String::new();
        sentence(lang, &mut deck, &mut rng, &mut headline);
        let _ = writeln!(
            tail,
            "<li class=\"teaser\"><a href=\"/story/{i}\"><img src=\"/img/{i}.jpg\" alt=\"\"><span class=\"teaser__title\">{}</span></a></li>",
            escape(&headline)
        );
    }
    tail.push_str("</ul></section>\n<div class=\"site-footer\"><ul>\n");
    for i in 0..60 {
        let _ = writeln!(
            tail,
            "<li><a href=\"/page/{i}\">{} {i}</a></li>",
            if i % 2 == 0 { "Services" } else { "Contact" }
        );
    }
    tail.push_str("</ul></div>\n");
    Chrome { head, menu, tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicas_keep_dates_readable_and_differ() {
        let a = vary("Le 11 octobre 2020 à 18:05, 2022-11-24T18:05:00Z, 60% de Gandja.", 31);
        assert_eq!(a, "Le 12 octobre 2051 à 18:05, 2053-11-25T18:05:00Z, 60% de Barda.\n\nRef. 31.\n");
        assert_eq!(shift_year(2020, 79), 2099);
        assert_eq!(shift_year(2020, 80), 1901);
        assert_eq!(vary("Gandja et Barda", 1), "Barda et Tartar\n\nRef. 1.\n");
        assert_ne!(vary(EXAMPLES[0].1, 1), vary(EXAMPLES[0].1, 2));
    }

    #[test]
    fn pages_are_news_sized_varied_and_reproducible() {
        for k in 0..6 {
            let (origin, text, html) = page(k);
            assert_eq!(page(k).1, text, "page {k} is the same every time");
            assert_eq!(html, origin.ends_with(".html"));
            for slot in ["{P}", "{Q}", "{N}", "{NW}", "{M}", "{K}", "{D}", "{S}"] {
                assert!(!text.contains(slot), "{slot} left in {origin}");
            }
            if html {
                assert!(text.len() > 80_000, "{origin}: {} bytes of HTML", text.len());
                assert!(text.contains("</article>") || text.contains("live-post"));
            } else {
                assert!((4_500..7_000).contains(&text.len()), "{origin}: {} bytes", text.len());
            }
        }
        assert_ne!(page(0).1, page(3).1);
        assert_ne!(page(1).1, page(4).1);
    }
}
/// `WARLOG_DUMP_CORPUS=dir [WARLOG_DUMP_PAGES=n] cargo test dump_pages`
/// writes the first pages of the corpus to files: to read them, or to run
/// another build of warlog on the very same pages (`warlog bench dir`).
#[cfg(test)]
#[test]
fn dump_pages_for_inspection() {
    if let Ok(dir) = std::env::var("WARLOG_DUMP_CORPUS") {
        let n = std::env::var("WARLOG_DUMP_PAGES").ok().and_then(|n| n.parse().ok()).unwrap_or(6);
        for k in 0..n {
            let (origin, text, _) = page(k);
            std::fs::write(format!("{dir}/{}", origin.replace('/', "_")), text).unwrap();
        }
    }
}
