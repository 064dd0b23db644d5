//! One claim per statement: a page often states a claim several times —
//! headline, lead, caption, a later quote — and that is one claim with
//! several evidence spans, not several claims (EVENTS.md).
//!
//! * A headline merges into the first claim below it, in its segment, of
//!   the same type and a compatible place: the headline announces it.
//! * Two claims of one type, source and stance merge when they name the
//!   same place (read in the text) and the same known date — a page
//!   repeating itself. Anything vaguer stays apart: nothing says they are
//!   the same happening, and the resolver can still join them into one event.
//!
//! The kept claim is the most complete statement; the others' evidence goes
//! to `also_evidence`.

use warlog_model::{Claim, EventDate, PlacePrecision};

/// What `merge` needs to know about each claim beyond the claim itself.
#[derive(Clone, Copy, Debug)]
pub struct Origin {
    pub segment: usize,
    pub heading: bool,
    /// The place was the document's default region, not read in the text.
    pub default_place: bool,
}

/// How much a claim says: more filled attributes make a better main claim.
fn completeness(c: &Claim, o: &Origin) -> usize {
    let mut n = 0;
    n += usize::from(c.place.is_some() && !o.default_place) * 2;
    n += usize::from(c.date.is_known()) * 2;
    n += usize::from(c.actor1.is_some()) + usize::from(c.actor2.is_some());
    n += usize::from(c.killed.is_some()) + usize::from(c.wounded.is_some());
    n += usize::from(c.source.actor().is_some());
    // A headline is never the main statement when the claim is told in full.
    n + usize::from(!o.heading) * 20
}

fn same_place(a: &Claim, oa: &Origin, b: &Claim, ob: &Origin) -> bool {
    match (&a.place, &b.place) {
        (Some(x), Some(y)) => x.name == y.name,
        (None, None) => true,
        _ => oa.default_place || ob.default_place,
    }
}

/// A headline naming a country announces a claim at one of its towns
/// ("7 morts en Azerbaïdjan", then "à Gandja").
fn within(headline: &Claim, body: &Claim) -> bool {
    match (&headline.place, &body.place) {
        (Some(h), Some(b)) => h.precision == PlacePrecision::Country && h.country.is_some() && h.country == b.country,
        _ => false,
    }
}

/// Fills `also_evidence` and removes the restatements.
pub fn merge(claims: Vec<Claim>, origins: Vec<Origin>) -> Vec<Claim> {
    let n = claims.len();
    // `into[i] = Some(j)`: claim i is a restatement of claim j.
    let mut into: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let (a, oa) = (&claims[i], &origins[i]);
        let target = if oa.heading {
            // The claim it announces may sit in the next segment (a page's
            // title line, then its body), but not past another headline.
            let next_heading =
                (i + 1..n).find(|&j| origins[j].heading && origins[j].segment != oa.segment).unwrap_or(n);
            (i + 1..next_heading).find(|&j| {
                let (b, ob) = (&claims[j], &origins[j]);
                !ob.heading
                    && ob.segment >= oa.segment
                    && b.event_type == a.event_type
                    && b.stance == a.stance
                    && (a.place.is_none() || oa.default_place || same_place(a, oa, b, ob) || within(a, b))
                    && into[j].is_none()
            })
        } else {
            (0..i).rev().find(|&j| {
                let (b, ob) = (&claims[j], &origins[j]);
                into[j].is_none()
                    && !ob.heading
                    && b.evidence != a.evidence
                    && b.event_type == a.event_type
                    && b.stance == a.stance
                    && b.source == a.source
                    && a.date.is_known()
                    && a.date == b.date
                    && a.place.is_some()
                    && a.place == b.place
                    && !oa.default_place
                    && !ob.default_place
            })
        };
        into[i] = target;
    }
    // Follow chains to the root, pick the most complete member as main.
    let root = |mut i: usize| {
        while let Some(j) = into[i] {
            i = j;
        }
        i
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    for i in 0..n {
        let r = root(i);
        if group_of[r] == usize::MAX {
            group_of[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of[r]].push(i);
    }
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let main =
            *g.iter().max_by_key(|&&i| (completeness(&claims[i], &origins[i]), std::cmp::Reverse(i))).unwrap_or(&g[0]);
        let mut c = claims[main].clone();
        for &i in &g {
            if i == main {
                continue;
            }
            let other = &claims[i];
            if !c.also_evidence.contains(&other.evidence) && other.evidence != c.evidence {
                c.also_evidence.push(other.evidence);
            }
            // Fill what the main statement leaves out. A restatement's night
            // ("des frappes nocturnes", "overnight") ending on the main
            // statement's day says when that day's report happened.
            c.date = match (c.date, other.date) {
                (EventDate::Day(d), EventDate::Range { from, to }) if to == d && d.yesterday().ok() == Some(from) => {
                    other.date
                }
                (known, _) if known.is_known() => known,
                _ => other.date,
            };
            c.actor1 = c.actor1.take().or_else(|| other.actor1.clone());
            c.actor2 = c.actor2.take().or_else(|| other.actor2.clone());
            c.killed = c.killed.or(other.killed);
            c.wounded = c.wounded.or(other.wounded);
            c.victims = c.victims.or(other.victims);
            for d in &other.denied_by {
                if !c.denied_by.contains(d) {
                    c.denied_by.push(d.clone());
                }
            }
        }
        c.also_evidence.sort();
        out.push(c);
    }
    out.sort_by_key(|c| (c.evidence.start, c.evidence.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{EventType, Place, SegmentKind, Source, Span, Stance};

    fn claim(start: usize, t: EventType, place: Option<&str>) -> Claim {
        use warlog_model::PlacePrecision;
        let mut c = Claim::new(t, Source::Outlet, Stance::Asserted, Span::new(start, start + 10), SegmentKind::Body);
        c.place = place.map(|n| Place {
            name: n.into(),
            geonameid: None,
            lat: 0.0,
            lon: 0.0,
            country: None,
            precision: PlacePrecision::Exact,
        });
        c
    }

    fn origin(heading: bool) -> Origin {
        Origin { segment: 0, heading, default_place: false }
    }

    #[test]
    fn headline_joins_the_claim_it_announces() {
        let head = claim(0, EventType::Shelling, None);
        let body = claim(20, EventType::Shelling, Some("Ganja"));
        let out = merge(vec![head, body], vec![origin(true), origin(false)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].evidence.start, 20);
        assert_eq!(out[0].also_evidence, vec![Span::new(0, 10)]);
    }

    #[test]
    fn repeats_with_the_same_place_and_date_merge_others_stay() {
        let day = EventDate::Day(jiff::civil::date(2020, 10, 11));
        let mut a = claim(0, EventType::Shelling, Some("Ganja"));
        a.date = day;
        let mut b = claim(20, EventType::Shelling, Some("Ganja"));
        b.date = day;
        b.killed = Some(warlog_model::Count::Exact(7));
        let mut c = claim(40, EventType::Shelling, Some("Barda"));
        c.date = day;
        let d = claim(60, EventType::Shelling, Some("Ganja"));
        let out = merge(vec![a, b, c, d], vec![origin(false); 4]);
        assert_eq!(out.len(), 3, "Barda is elsewhere, the undated Ganja claim may be another strike");
        assert_eq!(out[0].killed, Some(warlog_model::Count::Exact(7)), "the fuller statement is the main one");
    }

    #[test]
    fn vague_claims_stay_apart() {
        let a = claim(0, EventType::ArmedClash, None);
        let b = claim(20, EventType::ArmedClash, None);
        assert_eq!(merge(vec![a, b], vec![origin(false); 2]).len(), 2);
    }
}
