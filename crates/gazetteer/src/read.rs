//! Reading the index in place: [`Gazetteer`] borrows the bytes (embedded in
//! the binary, or any slice) and decodes a record only when asked.

use fst::Map;

use crate::error::Error;
use crate::format::*;

/// Index of a place in the gazetteer's table.
pub type PlaceId = u32;

/// What kind of place a record is; decides the default precision and how
/// strongly a name is a place on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    /// First-order division (province, oblast, rayon).
    Admin1,
    /// Second-order division (district, county).
    Admin2,
    /// A region or conflict area from the supplement (with a bounding box).
    Area,
    /// A capital city (GeoNames PPLC).
    Capital,
    /// Seat of a division (PPLA…PPLA4).
    Seat,
    /// Any other populated place.
    Town,
    /// A building that stands for a government ("the Kremlin").
    Landmark,
}

impl PlaceKind {
    /// From a GeoNames feature code (or warlog's `AREA`, `SEAT`).
    pub fn from_fcode(fcode: &str) -> PlaceKind {
        match fcode {
            "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCL" | "PCLIX" | "TERR" => PlaceKind::Country,
            "ADM1" => PlaceKind::Admin1,
            "ADM2" => PlaceKind::Admin2,
            "AREA" | "RGN" | "ADMD" => PlaceKind::Area,
            "PPLC" | "PPLG" => PlaceKind::Capital,
            "PPLA" | "PPLA2" | "PPLA3" | "PPLA4" => PlaceKind::Seat,
            "SEAT" => PlaceKind::Landmark,
            _ => PlaceKind::Town,
        }
    }

    /// Countries, first-order divisions and areas cover a region.
    pub fn is_region(self) -> bool {
        matches!(self, PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Area)
    }
}

/// The index state after reading `bytes` from the start, with the output
/// collected on the way; `None` when no key starts with `bytes`. (What
/// `Map::get` does, stopping before the final-state test.)
fn walk<'f>(fst: &'f fst::raw::Fst<&[u8]>, bytes: &[u8]) -> Option<(fst::raw::Node<'f>, fst::raw::Output)> {
    let mut node = fst.root();
    let mut out = fst::raw::Output::zero();
    for &b in bytes {
        let t = node.transition(node.find_input(b)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// A bounding box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl BBox {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }

    pub fn centre(&self) -> (f64, f64) {
        ((self.south + self.north) / 2.0, (self.west + self.east) / 2.0)
    }
}

/// One place, decoded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceInfo<'a> {
    pub id: PlaceId,
    /// `None` for warlog's own supplement places.
    pub geonameid: Option<u32>,
    /// Preferred name.
    pub name: &'a str,
    pub lat: f64,
    pub lon: f64,
    /// Population of the place (for divisions: summed over their places).
    pub population: u32,
    /// ISO alpha-2, `None` for areas spanning several countries.
    pub country: Option<&'a str>,
    pub fcode: &'a str,
    pub kind: PlaceKind,
    /// Global admin-1 division id (same id on the division and on its places).
    pub admin1: Option<u16>,
    /// Global admin-2 division id.
    pub admin2: Option<u32>,
    pub bbox: Option<BBox>,
}

/// One candidate for a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Posting {
    pub place: PlaceId,
    /// The key is one of the place's own names, not a GeoNames alternate.
    pub main: bool,
    /// The name may begin with a lowercase word in text.
    pub lowercase_ok: bool,
}

impl Posting {
    fn decode(v: u32) -> Posting {
        Posting { place: v & ID_MASK, main: v & FLAG_MAIN != 0, lowercase_ok: v & FLAG_LOWER != 0 }
    }
}

/// The gazetteer index over a byte slice.
pub struct Gazetteer<'a> {
    fst: Map<&'a [u8]>,
    postings: &'a [u8],
    places: &'a [u8],
    strings: &'a [u8],
    countries: &'a [u8],
    fcodes: &'a [u8],
    bboxes: &'a [u8],
    heads: &'a [u8],
}

impl std::fmt::Debug for Gazetteer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("places", &self.len()).field("names", &self.names()).finish()
    }
}

impl<'a> Gazetteer<'a> {
    /// Opens an index written by [`crate::build::build`]. Checks the header
    /// and section bounds; does not copy.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Gazetteer<'a>, Error> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(Error::Format("not a warlog gazetteer index (bad magic or version)".into()));
        }
        let mut sections = [&bytes[0..0]; SECTIONS];
        for (i, section) in sections.iter_mut().enumerate() {
            let off = u64_at(bytes, 8 + i * 16) as usize;
            let len = u64_at(bytes, 16 + i * 16) as usize;
            *section = off
                .checked_add(len)
                .and_then(|end| bytes.get(off..end))
                .ok_or_else(|| Error::Format(format!("section {i} out of bounds")))?;
        }
        if sections[SEC_PLACES].len() % RECORD != 0 || sections[SEC_BBOXES].len() % 16 != 0 {
            return Err(Error::Format("truncated place or bbox table".into()));
        }
        let fst = Map::new(sections[SEC_FST]).map_err(|e| Error::Format(format!("name index: {e}")))?;
        Ok(Gazetteer {
            fst,
            postings: sections[SEC_POSTINGS],
            places: sections[SEC_PLACES],
            strings: sections[SEC_STRINGS],
            countries: sections[SEC_COUNTRIES],
            fcodes: sections[SEC_FCODES],
            bboxes: sections[SEC_BBOXES],
            heads: sections[SEC_HEADS],
        })
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len() / RECORD
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of distinct keys.
    pub fn names(&self) -> usize {
        self.fst.len()
    }

    /// Every candidate place of a key (see [`crate::key()`]); empty when the
    /// key is unknown. Most important first (feature, then population).
    pub fn lookup(&self, key: &str) -> Vec<Posting> {
        self.fst.get(key).map(|v| self.postings_of(v)).unwrap_or_default()
    }

    /// [`Gazetteer::lookup`] and [`Gazetteer::has_longer`] in one walk down
    /// the name index: what a spotter asks of every word it extends.
    pub fn lookup_with_longer(&self, key: &str) -> (Vec<Posting>, bool) {
        let fst = self.fst.as_fst();
        let Some((node, out)) = walk(fst, key.as_bytes()) else { return (Vec::new(), false) };
        let postings =
            if node.is_final() { self.postings_of(out.cat(node.final_output()).value()) } else { Vec::new() };
        (postings, node.find_input(b' ').is_some())
    }

    fn postings_of(&self, v: u64) -> Vec<Posting> {
        if v & INLINE != 0 {
            return vec![Posting::decode(v as u32)];
        }
        let off = v as usize;
        let Some(count) = self.postings.get(off..off + 4).map(|b| u32_at(b, 0) as usize) else {
            return Vec::new();
        };
        let Some(list) = self.postings.get(off + 4..off + 4 + count * 4) else { return Vec::new() };
        list.chunks_exact(4).map(|c| Posting::decode(u32_at(c, 0))).collect()
    }

    /// True when some key is `prefix` followed by a space and more words:
    /// lets a caller stop extending a multi-word candidate early.
    pub fn has_longer(&self, prefix: &str) -> bool {
        // Every state of the index lies on the path of some key, so the
        // path "prefix " exists exactly when a key starts with it.
        walk(self.fst.as_fst(), prefix.as_bytes()).is_some_and(|(node, _)| node.find_input(b' ').is_some())
    }

    /// The words that a name which may start lowercase in text ("bande de
    /// Gaza") starts with, as keys: any other lowercase word starts no name.
    pub fn lowercase_heads(&self) -> impl Iterator<Item = &'a str> {
        std::str::from_utf8(self.heads).unwrap_or("").lines()
    }

    /// The place with this id; `None` when out of range.
    pub fn place(&self, id: PlaceId) -> Option<PlaceInfo<'a>> {
        let at = id as usize * RECORD;
        let r = Record::read(self.places.get(at..at + RECORD)?);
        let fcode = self.fcode(r.fcode);
        Some(PlaceInfo {
            id,
            geonameid: (r.geonameid != 0).then_some(r.geonameid),
            name: self.string(r.name),
            lat: from_fixed(r.lat),
            lon: from_fixed(r.lon),
            population: r.population,
            country: (r.country != NONE_U8).then(|| self.country(r.country)).flatten(),
            fcode,
            kind: PlaceKind::from_fcode(fcode),
            admin1: (r.admin1 != NONE_U16).then_some(r.admin1),
            admin2: (r.admin2 != NONE_U32).then_some(r.admin2),
            bbox: (r.bbox != NONE_U16).then(|| self.bbox(r.bbox)).flatten(),
        })
    }

    /// The place carrying a GeoNames id (linear scan: for tools and tests).
    pub fn by_geonameid(&self, geonameid: u32) -> Option<PlaceInfo<'a>> {
        (0..self.len() as u32).filter_map(|i| self.place(i)).find(|p| p.geonameid == Some(geonameid))
    }

    fn string(&self, off: u32) -> &'a str {
        let off = off as usize;
        let Some(&len) = self.strings.get(off) else { return "" };
        self.strings.get(off + 1..off + 1 + len as usize).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }

    fn country(&self, idx: u8) -> Option<&'a str> {
        let at = idx as usize * 2;
        self.countries.get(at..at + 2).and_then(|b| std::str::from_utf8(b).ok())
    }

    fn fcode(&self, idx: u8) -> &'a str {
        let at = idx as usize * 8;
        let Some(b) = self.fcodes.get(at..at + 8) else { return "" };
        let end = b.iter().position(|&c| c == 0).unwrap_or(8);
        std::str::from_utf8(&b[..end]).unwrap_or("")
    }

    fn bbox(&self, idx: u16) -> Option<BBox> {
        let at = idx as usize * 16;
        let b = self.bboxes.get(at..at + 16)?;
        let v = |i: usize| from_fixed(u32_at(b, i * 4) as i32);
        Some(BBox { south: v(0), west: v(1), north: v(2), east: v(3) })
    }
}

#[cfg(test)]
mod tests {
    use fst::{IntoStreamer, Streamer};

    use super::Gazetteer;

    /// The range query `has_longer` replaced: a key in `[prefix + " ", prefix + "!")`.
    fn has_longer_by_range(g: &Gazetteer<'_>, prefix: &str) -> bool {
        let (lo, hi) = (format!("{prefix} "), format!("{prefix}!"));
        g.fst.range().ge(lo.as_bytes()).lt(hi.as_bytes()).into_stream().next().is_some()
    }

    #[test]
    fn one_walk_agrees_with_lookup_and_range() {
        let g = Gazetteer::embedded().expect("embedded index opens");
        let mut keys = Vec::new();
        let mut stream = g.fst.stream();
        let mut n = 0usize;
        while let Some((k, _)) = stream.next() {
            n += 1;
            if n.is_multiple_of(97) {
                keys.push(String::from_utf8_lossy(k).into_owned());
            }
        }
        keys.extend(["nagorno", "haut", "bande de", "saint", "new", "zzzz", "", "a", "gandja", "al"].map(String::from));
        for k in &keys {
            for end in (1..=k.len()).filter(|&e| k.is_char_boundary(e)) {
                let p = &k[..end];
                let expected = (g.lookup(p), has_longer_by_range(g, p));
                assert_eq!(g.lookup_with_longer(p), expected, "{p:?}");
                assert_eq!(g.has_longer(p), expected.1, "{p:?}");
            }
        }
    }
}
