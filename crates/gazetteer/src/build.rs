//! The builder: raw GeoNames files plus warlog's curated tables in, one
//! index file out (see [`crate::format`]).
//!
//! Inputs: `cities500.txt`, `admin1CodesASCII.txt` and `admin2Codes.txt`
//! from a GeoNames folder, and `countries.tsv` and `supplement.tsv` from
//! `data/gazetteer/`. Divisions get coordinates from the places of
//! cities500 inside them: an admin-1 the centre of its places' middle box
//! (near its geographic centre, like GeoNames' own point), an admin-2 its
//! seat (PPLA2), else the population-weighted centroid. Only names written in Latin script
//! are kept (texts are French and English); every candidate of a name is
//! kept, so that context decides. The output depends only on the inputs:
//! files are read in order and every map is ordered, so the same input
//! gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::format::*;
use crate::key::key;
use crate::read::PlaceKind;

/// Suffixes of division names that the text often leaves out ("Tartar
/// Rayon" → "Tartar", "Donetsk Oblast" → "Donetsk"), as folded keys.
const DIVISION_SUFFIXES: &[&str] = &[
    "rayon",
    "raion",
    "oblast",
    "province",
    "governorate",
    "district",
    "county",
    "region",
    "department",
    "municipality",
    "parish",
    "kray",
    "krai",
    "prefecture",
    "city",
    "sahari",
    "state",
    "wilaya",
    "muhafazat",
    "republic",
    "kraj",
];

/// What a build read and wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildStats {
    pub places: usize,
    pub countries: usize,
    pub admin1: usize,
    pub admin2: usize,
    pub supplement: usize,
    pub aliases: usize,
    pub keys: usize,
    pub postings: usize,
    pub bytes: usize,
}

/// One place before writing.
struct Draft {
    geonameid: u32,
    name: String,
    lat: f64,
    lon: f64,
    population: u64,
    country: Option<String>,
    fcode: String,
    admin1: Option<u16>,
    admin2: Option<u32>,
    bbox: Option<[f64; 4]>,
}

#[derive(Default)]
struct Names {
    /// key → place index → flags.
    map: BTreeMap<String, BTreeMap<u32, u32>>,
}

impl Names {
    fn add(&mut self, name: &str, place: u32, flags: u32) {
        let k = key(name);
        if k.len() < 2 || k.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
            return;
        }
        for variant in saint_variants(&k) {
            *self.map.entry(variant).or_default().entry(place).or_default() |= flags;
        }
        *self.map.entry(k).or_default().entry(place).or_default() |= flags;
    }
}

/// "saint x" ↔ "st x", "sainte x" ↔ "ste x", "mount x" ↔ "mt x".
fn saint_variants(k: &str) -> Vec<String> {
    const PAIRS: &[(&str, &str)] = &[("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft ")];
    let mut out = Vec::new();
    for (long, short) in PAIRS {
        if let Some(rest) = k.strip_prefix(long) {
            out.push(format!("{short}{rest}"));
        } else if let Some(rest) = k.strip_prefix(short) {
            out.push(format!("{long}{rest}"));
        }
    }
    out
}

/// Latin-script names only: ASCII, Latin-1 and Latin Extended letters, the
/// schwa, combining accents and modifier apostrophes.
fn is_latin(name: &str) -> bool {
    name.chars().all(|c| {
        !c.is_alphabetic()
            || c.is_ascii()
            || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0250}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}')
    })
}

/// GeoNames alternate names worth keeping: Latin script, no digits or
/// links, not an airport or postal code ("GYD", "BAK").
fn keep_alternate(alt: &str, name: &str) -> bool {
    let alt = alt.trim();
    if alt.is_empty() || alt == name || !is_latin(alt) {
        return false;
    }
    if alt.contains("http") || alt.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let letters: Vec<char> = alt.chars().filter(|c| c.is_alphabetic()).collect();
    !(letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()) && !alt.contains(' '))
}

fn division_variant(name_key: &str) -> Option<String> {
    let (head, last) = name_key.rsplit_once(' ')?;
    DIVISION_SUFFIXES.contains(&last).then(|| head.to_string())
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

fn input_err(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Input { path: path.to_path_buf(), line, message: message.into() }
}

/// Data lines of a curated TSV: skips blanks and `#` comments; `-` is empty.
fn tsv_rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            return None;
        }
        Some((i + 1, l.split('\t').map(|f| if f.trim() == "-" { "" } else { f.trim() }).collect()))
    })
}

fn parse_f64(path: &Path, line: usize, field: &str, what: &str) -> Result<f64, Error> {
    field.parse().map_err(|_| input_err(path, line, format!("{what}: not a number: {field:?}")))
}

/// Builds the index from a GeoNames folder and warlog's curated folder
/// (`countries.tsv`, `supplement.tsv`).
pub fn build(geonames: &Path, curated: &Path) -> Result<(Vec<u8>, BuildStats), Error> {
    let mut stats = BuildStats::default();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut names = Names::default();

    // Countries, sorted by alpha-2 in the file; their index is their position.
    let countries_path = curated.join("countries.tsv");
    let text = read(&countries_path)?;
    let mut country_codes: Vec<String> = Vec::new();
    for (line, f) in tsv_rows(&text) {
        if f.len() < 7 {
            return Err(input_err(&countries_path, line, "expected 7 fields"));
        }
        let idx = drafts.len() as u32;
        country_codes.push(f[0].to_string());
        let listed: Vec<&str> = f[6].split('|').map(str::trim).filter(|n| !n.is_empty()).collect();
        drafts.push(Draft {
            geonameid: f[2].parse().unwrap_or(0),
            name: listed.first().copied().unwrap_or(f[0]).to_string(),
            lat: parse_f64(&countries_path, line, f[3], "lat")?,
            lon: parse_f64(&countries_path, line, f[4], "lon")?,
            population: f[5].parse().unwrap_or(0),
            country: Some(f[0].to_string()),
            fcode: "PCLI".into(),
            admin1: None,
            admin2: None,
            bbox: None,
        });
        for n in listed {
            names.add(n, idx, FLAG_MAIN);
        }
    }
    stats.countries = drafts.len();
    if country_codes.len() >= NONE_U8 as usize {
        return Err(input_err(&countries_path, 0, "too many countries for the index format"));
    }
    let country_index: HashMap<String, u8> =
        country_codes.iter().enumerate().map(|(i, c)| (c.clone(), i as u8)).collect();

    // Divisions: names now, coordinates once the places are read.
    let admin1_path = geonames.join("admin1CodesASCII.txt");
    let admin1_text = read(&admin1_path)?;
    let mut admin1_ids: HashMap<String, u16> = HashMap::new();
    let mut admin1_drafts: Vec<usize> = Vec::new();
    // Division draft → its ASCII name (GeoNames "Tartar Rayon" beside "Tǝrtǝr").
    let mut ascii_names: HashMap<usize, String> = HashMap::new();
    for (i, line) in admin1_text.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let id = admin1_ids.len() as u16;
        if id == NONE_U16 {
            return Err(input_err(&admin1_path, i + 1, "too many admin-1 divisions"));
        }
        admin1_ids.insert(f[0].to_string(), id);
        let cc = f[0].split('.').next().unwrap_or("");
        admin1_drafts.push(drafts.len());
        ascii_names.insert(drafts.len(), clean_division(f[2]).to_string());
        drafts.push(division_draft(f[3], clean_division(f[1]), cc, "ADM1", Some(id), None));
    }
    let admin2_path = geonames.join("admin2Codes.txt");
    let admin2_text = read(&admin2_path)?;
    let mut admin2_ids: HashMap<String, u32> = HashMap::new();
    let mut admin2_drafts: Vec<usize> = Vec::new();
    for line in admin2_text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let id = admin2_ids.len() as u32;
        admin2_ids.insert(f[0].to_string(), id);
        let mut parts = f[0].split('.');
        let cc = parts.next().unwrap_or("");
        let a1 = parts.next().map(|a| format!("{cc}.{a}"));
        let admin1 = a1.and_then(|a| admin1_ids.get(&a).copied());
        admin2_drafts.push(drafts.len());
        ascii_names.insert(drafts.len(), clean_division(f[2]).to_string());
        drafts.push(division_draft(f[3], clean_division(f[1]), cc, "ADM2", admin1, Some(id)));
    }

    // Populated places.
    let cities_path = geonames.join("cities500.txt");
    let cities = read(&cities_path)?;
    let first_city = drafts.len();
    let mut city_alternates: Vec<Vec<String>> = Vec::new();
    for (i, line) in cities.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            return Err(input_err(&cities_path, i + 1, "expected 19 tab-separated fields"));
        }
        let cc = f[8];
        let admin1 = admin1_ids.get(&format!("{cc}.{}", f[10])).copied();
        let admin2 = admin2_ids.get(&format!("{cc}.{}.{}", f[10], f[11])).copied();
        drafts.push(Draft {
            geonameid: f[0].parse().map_err(|_| input_err(&cities_path, i + 1, "bad geonameid"))?,
            name: f[1].to_string(),
            lat: parse_f64(&cities_path, i + 1, f[4], "latitude")?,
            lon: parse_f64(&cities_path, i + 1, f[5], "longitude")?,
            population: f[14].parse().unwrap_or(0),
            country: Some(cc.to_string()),
            fcode: f[7].to_string(),
            admin1,
            admin2,
            bbox: None,
        });
        let mut own = vec![f[1].to_string()];
        if f[2] != f[1] {
            own.push(f[2].to_string());
        }
        let alts = f[3].split(',').filter(|a| keep_alternate(a, f[1])).map(str::to_string);
        own.extend(alts);
        city_alternates.push(own);
    }
    let city_count = drafts.len() - first_city;
    for (j, list) in city_alternates.iter().enumerate() {
        let idx = (first_city + j) as u32;
        for (k, n) in list.iter().enumerate() {
            // name and asciiname are the place's own; the rest are alternates.
            let main = k == 0 || (k == 1 && key(n) == key(&list[0]));
            names.add(n, idx, if main { FLAG_MAIN } else { 0 });
        }
    }

    // Division coordinates and populations from their places.
    place_divisions(&mut drafts, first_city, city_count, &admin1_drafts, &admin2_drafts);
    let mut kept_divisions = BTreeSet::new();
    for &d in admin1_drafts.iter().chain(&admin2_drafts) {
        if drafts[d].lat.is_nan() {
            continue;
        }
        kept_divisions.insert(d);
        let own = [Some(drafts[d].name.clone()), ascii_names.remove(&d)];
        for n in own.into_iter().flatten() {
            names.add(&n, d as u32, FLAG_MAIN);
            if let Some(short) = division_variant(&key(&n)) {
                names.add(&short, d as u32, 0);
            }
        }
    }
    stats.admin1 = admin1_drafts.iter().filter(|d| kept_divisions.contains(d)).count();
    stats.admin2 = admin2_drafts.iter().filter(|d| kept_divisions.contains(d)).count();

    // warlog's supplement: aliases of existing places and new places.
    let supplement_path = curated.join("supplement.tsv");
    let text = read(&supplement_path)?;
    let by_gid: HashMap<u32, u32> = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.geonameid != 0 && !d.lat.is_nan())
        .map(|(i, d)| (d.geonameid, i as u32))
        .collect();
    for (line, f) in tsv_rows(&text) {
        if f.len() < 10 {
            return Err(input_err(&supplement_path, line, "expected 10 fields"));
        }
        let listed: Vec<&str> = f[1].split('|').map(str::trim).filter(|n| !n.is_empty()).collect();
        if listed.is_empty() || f[9].is_empty() {
            return Err(input_err(&supplement_path, line, "every line needs names and a source"));
        }
        let target = match f[0] {
            "alias" => {
                let gid: u32 =
                    f[2].parse().map_err(|_| input_err(&supplement_path, line, "alias needs a geonameid"))?;
                stats.aliases += 1;
                *by_gid.get(&gid).ok_or_else(|| {
                    input_err(&supplement_path, line, format!("GeoNames id {gid} is not in the gazetteer"))
                })?
            }
            "place" | "area" | "seat" => {
                let bbox = if f[8].is_empty() {
                    None
                } else {
                    let v: Vec<f64> = f[8].split(',').filter_map(|x| x.trim().parse().ok()).collect();
                    if v.len() != 4 {
                        return Err(input_err(&supplement_path, line, "bbox is south,west,north,east"));
                    }
                    Some([v[0], v[1], v[2], v[3]])
                };
                let fcode = match f[0] {
                    "area" => "AREA",
                    "seat" => "SEAT",
                    _ if f[6].is_empty() => "PPL",
                    _ => f[6],
                };
                let country = (!f[5].is_empty()).then(|| f[5].to_string());
                stats.supplement += 1;
                drafts.push(Draft {
                    geonameid: f[2].parse().unwrap_or(0),
                    name: listed[0].to_string(),
                    lat: parse_f64(&supplement_path, line, f[3], "lat")?,
                    lon: parse_f64(&supplement_path, line, f[4], "lon")?,
                    population: f[7].parse().unwrap_or(0),
                    country,
                    fcode: fcode.to_string(),
                    admin1: None,
                    admin2: None,
                    bbox,
                });
                (drafts.len() - 1) as u32
            }
            other => return Err(input_err(&supplement_path, line, format!("unknown kind {other:?}"))),
        };
        for n in listed {
            let lower = n.chars().next().is_some_and(char::is_lowercase);
            names.add(n, target, FLAG_MAIN | if lower { FLAG_LOWER } else { 0 });
        }
    }

    // Supplement places take the admin-1 of the nearest GeoNames place of
    // their country, so "village de X, région de Y" can check containment.
    let first_supplement = drafts.len() - stats.supplement;
    for i in first_supplement..drafts.len() {
        if drafts[i].bbox.is_some() || drafts[i].country.is_none() {
            continue;
        }
        let (lat, lon, cc) = (drafts[i].lat, drafts[i].lon, drafts[i].country.clone());
        let nearest = (first_city..first_city + city_count)
            .filter(|&j| drafts[j].country == cc)
            .min_by(|&a, &b| dist2(&drafts[a], lat, lon).total_cmp(&dist2(&drafts[b], lat, lon)));
        if let Some(j) = nearest {
            drafts[i].admin1 = drafts[j].admin1;
            drafts[i].admin2 = drafts[j].admin2;
        }
    }

    let bytes = write(&drafts, &names, &country_index, &kept_divisions, &admin1_drafts, &admin2_drafts, &mut stats)?;
    stats.places = drafts.len() - (admin1_drafts.len() + admin2_drafts.len() - kept_divisions.len());
    stats.bytes = bytes.len();
    Ok((bytes, stats))
}

fn dist2(d: &Draft, lat: f64, lon: f64) -> f64 {
    let dlon = (d.lon - lon) * lat.to_radians().cos();
    (d.lat - lat).powi(2) + dlon.powi(2)
}

/// GeoNames division names carry stray brackets ("Ordzhonikidzevskiy Rayon))").
fn clean_division(name: &str) -> &str {
    name.split(['(', ')']).next().unwrap_or(name).trim()
}

fn division_draft(gid: &str, name: &str, cc: &str, fcode: &str, admin1: Option<u16>, admin2: Option<u32>) -> Draft {
    Draft {
        geonameid: gid.trim().parse().unwrap_or(0),
        name: name.to_string(),
        lat: f64::NAN,
        lon: f64::NAN,
        population: 0,
        country: Some(cc.to_string()),
        fcode: fcode.into(),
        admin1,
        admin2,
        bbox: None,
    }
}

/// Gives each division a point and its places' summed population. A
/// first-order division (a state, an oblast) gets the centre of the box
/// that holds the middle 90% of its places' latitudes and longitudes: near
/// its geographic centre, where GeoNames puts its own point, and not pulled
/// off by a few remote towns or a crowded corner. A second-order one (a
/// county, a rayon) gets its seat, else the population-weighted centroid.
fn place_divisions(drafts: &mut [Draft], first_city: usize, city_count: usize, a1: &[usize], a2: &[usize]) {
    #[derive(Default)]
    struct Acc {
        seat: Option<(u64, f64, f64)>,
        lat: f64,
        lon: f64,
        weight: f64,
        lats: Vec<f64>,
        lons: Vec<f64>,
        population: u64,
    }
    let mut acc1: HashMap<u16, Acc> = HashMap::new();
    let mut acc2: HashMap<u32, Acc> = HashMap::new();
    for d in &drafts[first_city..first_city + city_count] {
        let w = (d.population as f64).max(1.0);
        let add = |acc: &mut Acc, seat_codes: &[&str], points: bool| {
            acc.lat += d.lat * w;
            acc.lon += d.lon * w;
            acc.weight += w;
            if points {
                acc.lats.push(d.lat);
                acc.lons.push(d.lon);
            }
            acc.population += d.population;
            if seat_codes.contains(&d.fcode.as_str()) && acc.seat.is_none_or(|(p, _, _)| d.population > p) {
                acc.seat = Some((d.population, d.lat, d.lon));
            }
        };
        if let Some(id) = d.admin1 {
            add(acc1.entry(id).or_default(), &["PPLA", "PPLC"], true);
        }
        if let Some(id) = d.admin2 {
            add(acc2.entry(id).or_default(), &["PPLA2", "PPLA", "PPLC"], false);
        }
    }
    let finish = |d: &mut Draft, acc: Option<&mut Acc>| {
        let Some(acc) = acc else { return };
        let (lat, lon) = match acc.seat {
            Some((_, lat, lon)) if d.fcode == "ADM2" => (lat, lon),
            _ if d.fcode == "ADM1" => (middle_box_centre(&mut acc.lats), middle_box_centre(&mut acc.lons)),
            _ => (acc.lat / acc.weight, acc.lon / acc.weight),
        };
        d.lat = lat;
        d.lon = lon;
        d.population = acc.population;
    };
    for &i in a1 {
        let id = drafts[i].admin1.unwrap_or(NONE_U16);
        finish(&mut drafts[i], acc1.get_mut(&id));
    }
    for &i in a2 {
        let id = drafts[i].admin2.unwrap_or(NONE_U32);
        finish(&mut drafts[i], acc2.get_mut(&id));
    }
}

/// The middle of the 5th and 95th percentiles of some coordinates (not
/// empty): the centre of the box holding the middle 90% of them.
fn middle_box_centre(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (at(0.05) + at(0.95)) / 2.0
}

/// Importance order of a name's candidates: countries, then population.
fn importance(d: &Draft) -> (u8, std::cmp::Reverse<u64>) {
    let rank = match PlaceKind::from_fcode(&d.fcode) {
        PlaceKind::Country => 0,
        PlaceKind::Area | PlaceKind::Admin1 | PlaceKind::Capital => 1,
        _ => 2,
    };
    (rank, std::cmp::Reverse(d.population))
}

fn write(
    drafts: &[Draft],
    names: &Names,
    country_index: &HashMap<String, u8>,
    kept: &BTreeSet<usize>,
    a1: &[usize],
    a2: &[usize],
    stats: &mut BuildStats,
) -> Result<Vec<u8>, Error> {
    // Dropped divisions (no places, so no coordinates) leave no record:
    // renumber the rest.
    let dropped: BTreeSet<usize> = a1.iter().chain(a2).copied().filter(|d| !kept.contains(d)).collect();
    let mut new_id = vec![u32::MAX; drafts.len()];
    let mut next = 0u32;
    for (i, slot) in new_id.iter_mut().enumerate() {
        if !dropped.contains(&i) {
            *slot = next;
            next += 1;
        }
    }

    let fcodes: BTreeSet<&str> = drafts.iter().map(|d| d.fcode.as_str()).collect();
    let fcode_index: HashMap<&str, u8> = fcodes.iter().enumerate().map(|(i, f)| (*f, i as u8)).collect();
    let mut places = Vec::with_capacity(next as usize * RECORD);
    let mut strings = Vec::new();
    let mut bboxes = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        if dropped.contains(&i) {
            continue;
        }
        let name_off = strings.len() as u32;
        let mut end = d.name.len().min(255);
        while !d.name.is_char_boundary(end) {
            end -= 1;
        }
        strings.push(end as u8);
        strings.extend_from_slice(&d.name.as_bytes()[..end]);
        let bbox = match d.bbox {
            Some(b) => {
                let idx = (bboxes.len() / 16) as u16;
                for v in b {
                    bboxes.extend_from_slice(&to_fixed(v).to_le_bytes());
                }
                idx
            }
            None => NONE_U16,
        };
        Record {
            geonameid: d.geonameid,
            lat: to_fixed(d.lat),
            lon: to_fixed(d.lon),
            population: u32::try_from(d.population).unwrap_or(u32::MAX),
            name: name_off,
            admin2: d.admin2.unwrap_or(NONE_U32),
            admin1: d.admin1.unwrap_or(NONE_U16),
            country: d.country.as_ref().and_then(|c| country_index.get(c)).copied().unwrap_or(NONE_U8),
            fcode: fcode_index[d.fcode.as_str()],
            bbox,
        }
        .write(&mut places);
    }

    let mut postings = Vec::new();
    let mut heads = BTreeSet::new();
    let mut builder = fst::MapBuilder::memory();
    for (k, entries) in &names.map {
        let mut list: Vec<(usize, u32)> = entries
            .iter()
            .filter(|(p, _)| !dropped.contains(&(**p as usize)))
            .map(|(&p, &flags)| (p as usize, new_id[p as usize] | flags))
            .collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| importance(&drafts[a.0]).cmp(&importance(&drafts[b.0])).then(a.0.cmp(&b.0)));
        stats.postings += list.len();
        if list.iter().any(|(_, v)| v & FLAG_LOWER != 0) {
            heads.insert(k.split(' ').next().unwrap_or(k));
        }
        let value = if list.len() == 1 {
            INLINE | u64::from(list[0].1)
        } else {
            let off = postings.len() as u64;
            postings.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for (_, v) in &list {
                postings.extend_from_slice(&v.to_le_bytes());
            }
            off
        };
        builder.insert(k, value)?;
        stats.keys += 1;
    }
    let fst_bytes = builder.into_inner()?;

    let mut countries = vec![0u8; country_index.len() * 2];
    for (c, &i) in country_index {
        countries[i as usize * 2..i as usize * 2 + 2].copy_from_slice(&c.as_bytes()[..2]);
    }
    let mut fcode_bytes = Vec::new();
    for f in &fcodes {
        let mut b = [0u8; 8];
        let n = f.len().min(8);
        b[..n].copy_from_slice(&f.as_bytes()[..n]);
        fcode_bytes.extend_from_slice(&b);
    }

    let heads: Vec<u8> = heads.iter().flat_map(|h| h.bytes().chain([b'\n'])).collect();
    let sections: [&[u8]; SECTIONS] =
        [&fst_bytes, &postings, &places, &strings, &countries, &fcode_bytes, &bboxes, &heads];
    let mut out = Vec::with_capacity(HEADER + sections.iter().map(|s| s.len()).sum::<usize>());
    out.extend_from_slice(MAGIC);
    let mut off = HEADER as u64;
    for s in &sections {
        out.extend_from_slice(&off.to_le_bytes());
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        off += s.len() as u64;
    }
    for s in &sections {
        out.extend_from_slice(s);
    }
    Ok(out)
}

/// Builds and writes `out_dir/gazetteer.bin`; returns what was written.
pub fn build_to(geonames: &Path, curated: &Path, out_dir: &Path) -> Result<(PathBuf, BuildStats), Error> {
    let (bytes, stats) = build(geonames, curated)?;
    let path = out_dir.join("gazetteer.bin");
    std::fs::write(&path, &bytes).map_err(|source| Error::Io { path: path.clone(), source })?;
    Ok((path, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_filter() {
        assert!(keep_alternate("Gəncə", "Ganja"));
        assert!(keep_alternate("Gandja", "Ganja"));
        assert!(!keep_alternate("Гянджа", "Ganja"));
        assert!(!keep_alternate("KVD", "Ganja"));
        assert!(!keep_alternate("http://x", "Ganja"));
        assert!(!keep_alternate("Ganja 2", "Ganja"));
    }

    #[test]
    fn division_suffixes_and_saints() {
        assert_eq!(division_variant("tartar rayon").as_deref(), Some("tartar"));
        assert_eq!(division_variant("barda"), None);
        assert_eq!(division_variant("kabardino balkariya republic").as_deref(), Some("kabardino balkariya"));
        assert_eq!(middle_box_centre(&mut [3.0, 1.0, 2.0, 100.0]), 50.5);
        assert_eq!(saint_variants("saint louis"), ["st louis"]);
        assert_eq!(saint_variants("st louis"), ["saint louis"]);
        assert_eq!(clean_division("Ordzhonikidzevskiy Rayon))"), "Ordzhonikidzevskiy Rayon");
    }
}
