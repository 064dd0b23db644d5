//! warlog on ACLED's own notes (`shared/benchmarks/acled`: CSV exports of
//! the Armed Conflict Location & Event Data project, one event per row, with
//! the coder's summary in `notes`).
//!
//! Each `notes` text is run through the pipeline as one English page whose
//! date is the row's `event_date`; the page's claims are compared to the
//! row on four fields:
//!
//! * **sub-event type**: the *primary claim* ([`primary_claim`]: the first
//!   claim, in text order, that is not a denial and whose type ACLED codes)
//!   mapped with [`warlog_model::Claim::acled`], against `sub_event_type`
//!   (and `event_type` for the coarse figure). A row without such a claim
//!   counts as wrong. The figure is also given on the rows whose sub-event
//!   type warlog can express at all, and as an upper bound ("any claim of
//!   the note has the right type").
//! * **location**: the primary claim's place within 25 km of the row's
//!   latitude and longitude (no place counts as wrong); beside it, the same
//!   for any place the places stage found in the note (the recogniser's
//!   share of the errors).
//! * **fatalities**: the primary claim's `killed`, else the largest `killed`
//!   of the note's other non-denied claims (a note describes one event, and
//!   the toll often comes in a later sentence), against `fatalities`. No
//!   figure reads as 0: ACLED codes 0 when no death is reported, and the
//!   notes say "no fatalities" or nothing. Figures are also given on the
//!   rows with at least one death.
//! * **actors**: `actor1` / `actor2` against the primary claim's actors, on
//!   country and on role class ([`AcledActor::parse`] reads ACLED's actor
//!   names).
//!
//! A confusion table lists the commonest (coded, predicted) sub-event pairs.
//!
//! ```no_run
//! use warlog_eval::acled;
//! let rows = acled::read_rows("shared/benchmarks/acled/acled-armenia-azerbaijan.csv".as_ref()).unwrap();
//! # let process = |_: &str, _: Option<warlog_model::Date>| -> warlog_model::Page { unimplemented!() };
//! let outcomes: Vec<_> = rows.iter().map(|row| acled::score_row(row, &process(&row.notes, row.date))).collect();
//! println!("{}", acled::table("armenia-azerbaijan", &acled::Report::of(&outcomes)));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Value, json};
use warlog_model::{Claim, Date, MentionValue, Page, PlaceRole, Role, Stance, country_name, haversine_km};

use crate::gold::Tally;

/// Errors reading an ACLED export.
#[derive(Debug, thiserror::Error)]
pub enum AcledError {
    #[error("reading {path}")]
    Csv {
        path: String,
        #[source]
        source: csv::Error,
    },
    #[error("{path}: no `{column}` column (expected an ACLED CSV export)")]
    MissingColumn { path: String, column: &'static str },
}

/// One ACLED event, with the fields the benchmark compares.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub date: Option<Date>,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: String,
    pub actor2: String,
    /// ACLED's interaction codes (1 state forces … 8 external forces).
    pub inter1: Option<u8>,
    pub inter2: Option<u8>,
    /// The event's country (name and alpha-3).
    pub country: String,
    pub iso3: String,
    pub location: String,
    pub coords: Option<(f64, f64)>,
    pub fatalities: Option<u32>,
    pub notes: String,
}

/// Reads an ACLED CSV export; rows without notes are left out.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, AcledError> {
    let p = || path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|source| AcledError::Csv { path: p(), source })?;
    let headers = reader.headers().map_err(|source| AcledError::Csv { path: p(), source })?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let need = |column: &'static str| col(column).ok_or(AcledError::MissingColumn { path: p(), column });
    let (notes, date, sub) = (need("notes")?, need("event_date")?, need("sub_event_type")?);
    let (lat, lon, fat) = (need("latitude")?, need("longitude")?, need("fatalities")?);
    let (a1, a2, ty) = (need("actor1")?, need("actor2")?, need("event_type")?);
    let (id, i1, i2, country, iso3, location) =
        (col("data_id"), col("inter1"), col("inter2"), col("country"), col("iso3"), col("location"));
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|source| AcledError::Csv { path: p(), source })?;
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let opt = |i: Option<usize>| i.map(get).unwrap_or_default();
        let text = get(notes);
        if text.is_empty() {
            continue;
        }
        let coords = get(lat).parse::<f64>().ok().zip(get(lon).parse::<f64>().ok());
        rows.push(Row {
            id: id.map(get).filter(|s| !s.is_empty()).unwrap_or_else(|| (n + 1).to_string()),
            date: parse_acled_date(&get(date)),
            event_type: get(ty),
            sub_event_type: get(sub),
            actor1: get(a1),
            actor2: get(a2),
            inter1: opt(i1).parse().ok(),
            inter2: opt(i2).parse().ok(),
            country: opt(country),
            iso3: opt(iso3),
            location: opt(location),
            coords,
            fatalities: get(fat).parse().ok(),
            notes: text,
        });
    }
    Ok(rows)
}

/// ACLED's `9-May-20` (or ISO `2020-05-09`).
pub fn parse_acled_date(s: &str) -> Option<Date> {
    if let Some(d) = warlog_model::parse_iso_date(s) {
        return Some(d);
    }
    let mut parts = s.trim().split(['-', ' ', '/']);
    let day: i8 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = MONTHS.iter().position(|m| month.starts_with(m))? as i8 + 1;
    let year: i16 = parts.next()?.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    Date::new(year, month, day).ok()
}

/// Role classes compared between ACLED and warlog actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleClass {
    /// Government, military, police (ACLED state forces).
    State,
    /// Rebels, militias, gangs, mercenaries, unidentified armed groups.
    ArmedGroup,
    /// Civilians, protesters, rioters, journalists, NGOs (warlog has no
    /// protester role: a crowd is civilians).
    Civilians,
    /// The UN, peacekeepers, international bodies.
    International,
}

impl RoleClass {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleClass::State => "state",
            RoleClass::ArmedGroup => "armed_group",
            RoleClass::Civilians => "civilians",
            RoleClass::International => "international",
        }
    }

    /// The class of a warlog role.
    pub fn of_role(role: Role) -> RoleClass {
        match role {
            Role::Government | Role::Military | Role::Police => RoleClass::State,
            Role::ArmedGroup | Role::Mercenaries => RoleClass::ArmedGroup,
            Role::Civilians | Role::Media | Role::Ngo => RoleClass::Civilians,
            Role::Peacekeepers | Role::International => RoleClass::International,
        }
    }
}

/// An ACLED actor read as country and role class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcledActor {
    /// Alpha-3 (or `ART` for Artsakh), when the name or the row tells it.
    pub country: Option<String>,
    pub role: RoleClass,
}

impl AcledActor {
    /// Reads an ACLED actor name ("Military Forces of Azerbaijan (2003-)",
    /// "Civilians (Azerbaijan)", "Taliban") with its interaction code and the
    /// row's country. The country is the longest country name in the actor's
    /// name; a group without one (inter 2–4: rebels, militias) is taken to be
    /// of the event's country; others have none. The role comes from the name
    /// ("Military Forces of", "Police Forces of", "Government of",
    /// "Civilians", "Protesters", "Rioters", "UN", "Mercenaries"), else from
    /// the interaction code. `None` for an empty name.
    pub fn parse(name: &str, inter: Option<u8>, row_iso3: &str) -> Option<AcledActor> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let starts = |p: &str| name.starts_with(p);
        let lower = name.to_lowercase();
        let role = if starts("Military Forces of") || starts("Police Forces of") || starts("Government of") {
            RoleClass::State
        } else if starts("Civilians") || starts("Protesters") || starts("Rioters") {
            RoleClass::Civilians
        } else if starts("UN:") || lower.contains("united nations") || lower.contains("peacekeep") {
            RoleClass::International
        } else if lower.contains("mercenar") || lower.contains("private security") {
            RoleClass::ArmedGroup
        } else {
            match inter {
                Some(1 | 8) => RoleClass::State,
                Some(5..=7) => RoleClass::Civilians,
                _ => RoleClass::ArmedGroup,
            }
        };
        let country = country_in(name)
            .map(str::to_string)
            .or_else(|| (matches!(inter, Some(2..=4)) && !row_iso3.is_empty()).then(|| row_iso3.to_ascii_uppercase()));
        Some(AcledActor { country, role })
    }
}

/// ACLED spellings that differ from the ISO short names of warlog's table.
const ALIASES: &[(&str, &str)] = &[
    ("Artsakh", "ART"),
    ("Nagorno-Karabakh", "ART"),
    ("Russia", "RUS"),
    ("Turkey", "TUR"),
    ("Democratic Republic of Congo", "COD"),
    ("Republic of Congo", "COG"),
    ("Ivory Coast", "CIV"),
    ("Curacao", "CUW"),
    ("Czech Republic", "CZE"),
    ("eSwatini", "SWZ"),
    ("Brunei", "BRN"),
    ("Micronesia", "FSM"),
    ("Vatican", "VAT"),
    ("United States of America", "USA"),
    ("Macedonia", "MKD"),
];

/// Country names (ISO short names and [`ALIASES`]) → code, longest first.
fn country_names() -> &'static [(String, String)] {
    static NAMES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out: Vec<(String, String)> = ALIASES.iter().map(|(n, c)| (n.to_string(), c.to_string())).collect();
        // Every alpha-3 code the model knows, by trying them all (the table
        // is private; 17,576 lookups once per process).
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                for c in b'A'..=b'Z' {
                    let code = String::from_utf8(vec![a, b, c]).unwrap_or_default();
                    if let Some(name) = country_name(&code) {
                        out.push((name.to_string(), code));
                    }
                }
            }
        }
        out.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        out
    })
}

/// The longest country name in `s`, on word boundaries.
pub fn country_in(s: &str) -> Option<&'static str> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    country_names().iter().find_map(|(name, code)| {
        s.match_indices(name.as_str())
            .any(|(i, m)| boundary(s[..i].chars().next_back()) && boundary(s[i + m.len()..].chars().next()))
            .then_some(code.as_str())
    })
}

/// Marks the rows of the first half of a file by `data_id` (numeric
/// order): rules may be chosen on that half and reported on the other.
pub fn first_half(rows: &[Row]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (rows[i].id.parse::<u64>().unwrap_or(u64::MAX), rows[i].id.clone()));
    let mut out = vec![false; rows.len()];
    for &i in &order[..rows.len().div_ceil(2)] {
        out[i] = true;
    }
    out
}

/// The main figures of the two halves of a file side by side.
pub fn halves_table(first: &Report, second: &Report) -> String {
    let mut out = format!("  halves by data_id: {:<27} {:<22} {}\n", "", "first", "second");
    let pairs = [
        ("sub-event type", &first.sub_event, &second.sub_event),
        ("location within 25 km", &first.location, &second.location),
        ("fatalities", &first.fatalities, &second.fatalities),
        ("actor1 country", &first.actor1_country, &second.actor1_country),
        ("actor2 country", &first.actor2_country, &second.actor2_country),
        ("actor1 role class", &first.actor1_role, &second.actor1_role),
    ];
    for (label, a, b) in pairs {
        out.push_str(&format!("    {label:<44} {:<22} {}\n", fraction(a), fraction(b)));
    }
    out
}

/// The claim a benchmark compares: the first claim in text order that is
/// not a denial and whose type ACLED codes. `None` when there is none.
pub fn primary_claim(claims: &[Claim]) -> Option<&Claim> {
    claims
        .iter()
        .filter(|c| c.stance != Stance::Denied && c.acled().is_some())
        .min_by_key(|c| (c.trigger.start, c.evidence.start))
}

/// The ACLED sub-event types warlog can produce.
pub fn expressible_sub_events() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let group = warlog_model::Actor::new("XXX", Role::ArmedGroup);
    for t in warlog_model::EventType::ALL {
        for taken_by in [None, Some(&group)] {
            if let Some(a) = t.acled(taken_by)
                && !out.contains(&a.sub_event_type)
            {
                out.push(a.sub_event_type);
            }
        }
    }
    out
}

/// How one slot (actor1 or actor2) compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlotOutcome {
    /// ACLED names an actor whose country is known / warlog's has that country.
    pub country: Option<bool>,
    /// ACLED names an actor / warlog's has the same role class.
    pub role: Option<bool>,
    /// warlog names an actor in this slot.
    pub named: bool,
}

/// What warlog made of one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowOutcome {
    pub id: String,
    pub claims: usize,
    pub gold_type: String,
    pub gold_sub: String,
    /// The primary claim's (event type, sub-event type), if any.
    pub predicted: Option<(&'static str, &'static str)>,
    /// Some claim of the note (not only the primary) has the coded sub-event.
    pub any_claim_sub: bool,
    /// Primary claim's place within 25 km (`None`: the row has no coordinates).
    pub location: Option<bool>,
    /// The primary claim has a place.
    pub has_place: bool,
    /// Some place the places stage found in the note is within 25 km.
    pub any_mention_within: Option<bool>,
    pub gold_fatalities: Option<u32>,
    pub predicted_fatalities: Option<u32>,
    pub actor1: SlotOutcome,
    pub actor2: SlotOutcome,
}

impl RowOutcome {
    pub fn predicted_sub(&self) -> &'static str {
        self.predicted.map_or("(no claim ACLED codes)", |p| p.1)
    }
}

/// Compares the page warlog made of a row's notes with the row.
pub fn score_row(row: &Row, page: &Page) -> RowOutcome {
    let primary = primary_claim(&page.claims);
    let acled = primary.and_then(Claim::acled);
    let within = |lat: f64, lon: f64| row.coords.map(|(la, lo)| haversine_km(la, lo, lat, lon) <= 25.0);
    let location =
        row.coords.map(|_| primary.and_then(|c| c.place.as_ref()).and_then(|p| within(p.lat, p.lon)).unwrap_or(false));
    let any_mention_within = row.coords.map(|_| {
        page.mentions.iter().any(|m| match &m.value {
            MentionValue::Place { place, role: PlaceRole::Location } => within(place.lat, place.lon) == Some(true),
            _ => false,
        })
    });
    let killed = |c: &Claim| c.killed.map(|k| k.low());
    let predicted_fatalities = primary
        .and_then(killed)
        .or_else(|| page.claims.iter().filter(|c| c.stance != Stance::Denied).filter_map(killed).max());
    let slot = |name: &str, inter: Option<u8>, actor: Option<&warlog_model::Actor>| {
        let Some(gold) = AcledActor::parse(name, inter, &row.iso3) else { return SlotOutcome::default() };
        SlotOutcome {
            country: gold.country.as_ref().map(|c| actor.is_some_and(|a| &a.country == c)),
            role: Some(actor.is_some_and(|a| RoleClass::of_role(a.role) == gold.role)),
            named: actor.is_some(),
        }
    };
    RowOutcome {
        id: row.id.clone(),
        claims: page.claims.len(),
        gold_type: row.event_type.clone(),
        gold_sub: row.sub_event_type.clone(),
        predicted: acled.map(|a| (a.event_type, a.sub_event_type)),
        any_claim_sub: page.claims.iter().any(|c| c.acled().is_some_and(|a| a.sub_event_type == row.sub_event_type)),
        location,
        has_place: primary.is_some_and(|c| c.place.is_some()),
        any_mention_within,
        gold_fatalities: row.fatalities,
        predicted_fatalities,
        actor1: slot(&row.actor1, row.inter1, primary.and_then(|c| c.actor1.as_ref())),
        actor2: slot(&row.actor2, row.inter2, primary.and_then(|c| c.actor2.as_ref())),
    }
}

/// Figures over a set of rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub rows: usize,
    /// Rows where warlog produced no claim at all.
    pub no_claim: usize,
    /// Rows with no claim of a type ACLED codes.
    pub no_acled_claim: usize,
    pub event_type: Tally,
    pub sub_event: Tally,
    /// On rows whose coded sub-event type warlog can express.
    pub sub_event_expressible: Tally,
    /// Some claim of the note has the coded sub-event type (upper bound).
    pub sub_event_any_claim: Tally,
    pub location: Tally,
    /// On rows whose primary claim has a place.
    pub location_given_place: Tally,
    /// Some place found in the note is within 25 km.
    pub location_any_mention: Tally,
    pub fatalities: Tally,
    /// On rows with at least one coded death.
    pub fatalities_nonzero: Tally,
    /// On rows where warlog states a figure.
    pub fatalities_stated: Tally,
    pub actor1_country: Tally,
    pub actor1_role: Tally,
    pub actor2_country: Tally,
    pub actor2_role: Tally,
    /// Country right when warlog names the actor (and ACLED's country is known).
    pub actor1_country_named: Tally,
    pub actor2_country_named: Tally,
    /// (coded sub-event, predicted) → rows, predictions that differ only.
    pub confusions: Vec<(String, String, usize)>,
    /// Per coded sub-event type: (rows, right).
    pub per_sub_event: Vec<(String, usize, usize)>,
}

fn count(t: &mut Tally, right: bool) {
    t.total += 1;
    t.right += usize::from(right);
}

fn count_opt(t: &mut Tally, right: Option<bool>) {
    if let Some(r) = right {
        count(t, r);
    }
}

impl Report {
    /// Aggregates row outcomes.
    pub fn of(outcomes: &[RowOutcome]) -> Report {
        let expressible = expressible_sub_events();
        let mut r = Report { rows: outcomes.len(), ..Report::default() };
        let mut confusions: HashMap<(String, String), usize> = HashMap::new();
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for o in outcomes {
            r.no_claim += usize::from(o.claims == 0);
            r.no_acled_claim += usize::from(o.predicted.is_none());
            let sub_right = o.predicted.is_some_and(|p| p.1 == o.gold_sub);
            count(&mut r.event_type, o.predicted.is_some_and(|p| p.0 == o.gold_type));
            count(&mut r.sub_event, sub_right);
            if expressible.contains(&o.gold_sub.as_str()) {
                count(&mut r.sub_event_expressible, sub_right);
            }
            count(&mut r.sub_event_any_claim, o.any_claim_sub);
            let e = per.entry(o.gold_sub.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(sub_right);
            if !sub_right {
                *confusions.entry((o.gold_sub.clone(), o.predicted_sub().to_string())).or_default() += 1;
            }
            count_opt(&mut r.location, o.location);
            if o.has_place {
                count_opt(&mut r.location_given_place, o.location);
            }
            count_opt(&mut r.location_any_mention, o.any_mention_within);
            if let Some(gold) = o.gold_fatalities {
                let predicted = o.predicted_fatalities.unwrap_or(0);
                count(&mut r.fatalities, predicted == gold);
                if gold > 0 {
                    count(&mut r.fatalities_nonzero, predicted == gold);
                }
                if o.predicted_fatalities.is_some() {
                    count(&mut r.fatalities_stated, predicted == gold);
                }
            }
            count_opt(&mut r.actor1_country, o.actor1.country);
            count_opt(&mut r.actor1_role, o.actor1.role);
            count_opt(&mut r.actor2_country, o.actor2.country);
            count_opt(&mut r.actor2_role, o.actor2.role);
            if o.actor1.named {
                count_opt(&mut r.actor1_country_named, o.actor1.country);
            }
            if o.actor2.named {
                count_opt(&mut r.actor2_country_named, o.actor2.country);
            }
        }
        let mut confusions: Vec<(String, String, usize)> =
            confusions.into_iter().map(|((g, p), n)| (g, p, n)).collect();
        confusions.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
        r.confusions = confusions;
        let mut per: Vec<(String, usize, usize)> = per.into_iter().map(|(k, (n, ok))| (k, n, ok)).collect();
        per.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        r.per_sub_event = per;
        r
    }

    /// The figures as one JSON object (`accuracy` null when nothing was scored).
    pub fn to_json(&self, top_confusions: usize) -> Value {
        let t = |t: &Tally| json!({"right": t.right, "total": t.total, "accuracy": t.accuracy()});
        json!({
            "rows": self.rows,
            "no_claim": self.no_claim,
            "no_claim_share": share(self.no_claim, self.rows),
            "no_acled_claim": self.no_acled_claim,
            "event_type": t(&self.event_type),
            "sub_event_type": t(&self.sub_event),
            "sub_event_type_expressible": t(&self.sub_event_expressible),
            "sub_event_type_any_claim": t(&self.sub_event_any_claim),
            "location_25km": t(&self.location),
            "location_25km_given_place": t(&self.location_given_place),
            "location_25km_any_place_found": t(&self.location_any_mention),
            "fatalities": t(&self.fatalities),
            "fatalities_nonzero": t(&self.fatalities_nonzero),
            "fatalities_stated": t(&self.fatalities_stated),
            "actor1": {"country": t(&self.actor1_country), "role": t(&self.actor1_role),
                       "country_when_named": t(&self.actor1_country_named)},
            "actor2": {"country": t(&self.actor2_country), "role": t(&self.actor2_role),
                       "country_when_named": t(&self.actor2_country_named)},
            "per_sub_event_type": self.per_sub_event.iter()
                .map(|(s, n, ok)| json!({"sub_event_type": s, "rows": n, "right": ok}))
                .collect::<Vec<_>>(),
            "confusions": self.confusions.iter().take(top_confusions)
                .map(|(g, p, n)| json!({"coded": g, "predicted": p, "rows": n}))
                .collect::<Vec<_>>(),
        })
    }
}

fn share(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// `right/total = pct%`.
pub fn fraction(t: &Tally) -> String {
    match t.accuracy() {
        Some(a) => format!("{:>5.1}%  ({}/{})", 100.0 * a, t.right, t.total),
        None => "    -".to_string(),
    }
}

/// The report as a table for a terminal.
pub fn table(name: &str, r: &Report) -> String {
    let mut out = format!(
        "{name}: {} rows; no claim {} ({:.1}%), no claim ACLED codes {} ({:.1}%)\n",
        r.rows,
        r.no_claim,
        100.0 * share(r.no_claim, r.rows).unwrap_or(0.0),
        r.no_acled_claim,
        100.0 * share(r.no_acled_claim, r.rows).unwrap_or(0.0)
    );
    let lines: [(&str, &Tally); 16] = [
        ("event type", &r.event_type),
        ("sub-event type", &r.sub_event),
        ("  on types warlog expresses", &r.sub_event_expressible),
        ("  any claim of the note", &r.sub_event_any_claim),
        ("location within 25 km", &r.location),
        ("  when the claim has a place", &r.location_given_place),
        ("  any place found in the note", &r.location_any_mention),
        ("fatalities (none = 0)", &r.fatalities),
        ("  rows with deaths", &r.fatalities_nonzero),
        ("  when warlog gives a figure", &r.fatalities_stated),
        ("actor1 country", &r.actor1_country),
        ("  when warlog names actor1", &r.actor1_country_named),
        ("actor1 role class", &r.actor1_role),
        ("actor2 country", &r.actor2_country),
        ("  when warlog names actor2", &r.actor2_country_named),
        ("actor2 role class", &r.actor2_role),
    ];
    for (label, t) in lines {
        out.push_str(&format!("  {label:<32} {}\n", fraction(t)));
    }
    out.push_str("  per coded sub-event type (rows, right):\n");
    for (s, n, ok) in &r.per_sub_event {
        out.push_str(&format!("    {s:<40} {n:>5} {ok:>5}  {:>5.1}%\n", 100.0 * *ok as f64 / (*n).max(1) as f64));
    }
    out.push_str("  top confusions (coded → predicted, rows):\n");
    for (g, p, n) in r.confusions.iter().take(12) {
        out.push_str(&format!("    {g:<40} → {p:<40} {n:>5}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_dates() {
        assert_eq!(parse_acled_date("9-May-20"), Date::new(2020, 5, 9).ok());
        assert_eq!(parse_acled_date("27-Apr-2020"), Date::new(2020, 4, 27).ok());
        assert_eq!(parse_acled_date("2020-05-01"), Date::new(2020, 5, 1).ok());
        assert_eq!(parse_acled_date("soon"), None);
    }

    #[test]
    fn actor_names() {
        let a = AcledActor::parse("Military Forces of Azerbaijan (2003-)", Some(1), "AZE").unwrap();
        assert_eq!((a.country.as_deref(), a.role), (Some("AZE"), RoleClass::State));
        let a = AcledActor::parse("Military Forces of Artsakh (2007-)", Some(1), "AZE").unwrap();
        assert_eq!(a.country.as_deref(), Some("ART"));
        let a = AcledActor::parse("Civilians (Azerbaijan)", Some(7), "AZE").unwrap();
        assert_eq!((a.country.as_deref(), a.role), (Some("AZE"), RoleClass::Civilians));
        let a = AcledActor::parse("Taliban", Some(2), "AFG").unwrap();
        assert_eq!((a.country.as_deref(), a.role), (Some("AFG"), RoleClass::ArmedGroup));
        let a = AcledActor::parse("Operation Restoring Hope", Some(8), "YEM").unwrap();
        assert_eq!((a.country, a.role), (None, RoleClass::State));
        let a = AcledActor::parse("Protesters (South Sudan)", Some(6), "SSD").unwrap();
        assert_eq!(a.country.as_deref(), Some("SSD"));
        assert_eq!(country_in("Unidentified Armed Group (Nigeria)"), Some("NGA"));
        assert_eq!(country_in("Rioters (Niger)"), Some("NER"));
        assert!(AcledActor::parse("", None, "AZE").is_none());
    }

    #[test]
    fn expressible_types() {
        let e = expressible_sub_events();
        assert!(e.contains(&"Armed clash") && e.contains(&"Non-state actor overtakes territory"));
        assert!(!e.contains(&"Mob violence"));
    }
}
