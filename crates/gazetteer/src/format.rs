//! The on-disk layout of the index, shared by the builder (writer) and the
//! reader. Everything is little-endian and read in place from one byte
//! slice, so loading is a header check, not a parse.
//!
//! ```text
//! magic (8 bytes) | section table: 8 × (offset u64, length u64) | sections
//! ```
//!
//! Sections, in order:
//! * `fst`: an `fst::Map` from lookup key to a posting: either one entry
//!   inline (bit 63 set) or the byte offset of a list in `postings`.
//! * `postings`: lists of `count: u32` then `count` entries (u32 each).
//! * `places`: fixed records of [`RECORD`] bytes (see [`Record`]).
//! * `strings`: preferred names, each a `u8` length then UTF-8 bytes.
//! * `countries`: two ASCII bytes (ISO alpha-2) per country index.
//! * `fcodes`: feature codes, 8 NUL-padded ASCII bytes each.
//! * `bboxes`: south, west, north, east as `i32` micro-degrees ×10 (1e-5°).
//! * `heads`: the first words of the keys whose postings carry
//!   [`FLAG_LOWER`], sorted, one per line: a spotter looks a lowercase word
//!   up only when it is one of them.

pub(crate) const MAGIC: &[u8; 8] = b"WLGAZ\x00\x00\x03";
pub(crate) const SECTIONS: usize = 8;
pub(crate) const HEADER: usize = 8 + SECTIONS * 16;
pub(crate) const RECORD: usize = 32;

pub(crate) const SEC_FST: usize = 0;
pub(crate) const SEC_POSTINGS: usize = 1;
pub(crate) const SEC_PLACES: usize = 2;
pub(crate) const SEC_STRINGS: usize = 3;
pub(crate) const SEC_COUNTRIES: usize = 4;
pub(crate) const SEC_FCODES: usize = 5;
pub(crate) const SEC_BBOXES: usize = 6;
pub(crate) const SEC_HEADS: usize = 7;

/// Inline-posting tag in an fst value.
pub(crate) const INLINE: u64 = 1 << 63;
/// Posting entry flag: the key comes from the place's own name (GeoNames
/// `name`/`asciiname`, a country's listed names, a supplement name), not
/// from the noisy alternate names.
pub(crate) const FLAG_MAIN: u32 = 1 << 31;
/// Posting entry flag: the name may start with a lowercase word in running
/// text ("bande de Gaza", "corridor de Latchine").
pub(crate) const FLAG_LOWER: u32 = 1 << 30;
pub(crate) const ID_MASK: u32 = (1 << 30) - 1;

/// Coordinates are stored as integers of 1e-5 degree (about 1 m).
pub(crate) const COORD_SCALE: f64 = 1e5;
pub(crate) const NONE_U16: u16 = u16::MAX;
pub(crate) const NONE_U32: u32 = u32::MAX;
pub(crate) const NONE_U8: u8 = u8::MAX;

/// One place as stored (32 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    /// GeoNames id, 0 for warlog's own supplement places.
    pub geonameid: u32,
    pub lat: i32,
    pub lon: i32,
    pub population: u32,
    /// Offset of the preferred name in `strings`.
    pub name: u32,
    /// Global admin-2 division id, [`NONE_U32`] when unknown.
    pub admin2: u32,
    /// Global admin-1 division id, [`NONE_U16`] when unknown.
    pub admin1: u16,
    /// Country index, [`NONE_U8`] for places spanning several countries.
    pub country: u8,
    pub fcode: u8,
    /// Index in `bboxes`, [`NONE_U16`] when the place has no extent.
    pub bbox: u16,
}

impl Record {
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.geonameid.to_le_bytes());
        out.extend_from_slice(&self.lat.to_le_bytes());
        out.extend_from_slice(&self.lon.to_le_bytes());
        out.extend_from_slice(&self.population.to_le_bytes());
        out.extend_from_slice(&self.name.to_le_bytes());
        out.extend_from_slice(&self.admin2.to_le_bytes());
        out.extend_from_slice(&self.admin1.to_le_bytes());
        out.push(self.country);
        out.push(self.fcode);
        out.extend_from_slice(&self.bbox.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
    }

    /// Reads the record at the start of `b` (at least [`RECORD`] bytes).
    pub fn read(b: &[u8]) -> Record {
        Record {
            geonameid: u32_at(b, 0),
            lat: u32_at(b, 4) as i32,
            lon: u32_at(b, 8) as i32,
            population: u32_at(b, 12),
            name: u32_at(b, 16),
            admin2: u32_at(b, 20),
            admin1: u16::from_le_bytes([b[24], b[25]]),
            country: b[26],
            fcode: b[27],
            bbox: u16::from_le_bytes([b[28], b[29]]),
        }
    }
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

pub(crate) fn to_fixed(deg: f64) -> i32 {
    (deg * COORD_SCALE).round() as i32
}

pub(crate) fn from_fixed(v: i32) -> f64 {
    f64::from(v) / COORD_SCALE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips() {
        let r = Record {
            geonameid: 586523,
            lat: to_fixed(40.68278),
            lon: to_fixed(-46.36056),
            population: 335_600,
            name: 77,
            admin2: NONE_U32,
            admin1: 12,
            country: 3,
            fcode: 9,
            bbox: NONE_U16,
        };
        let mut out = Vec::new();
        r.write(&mut out);
        assert_eq!(out.len(), RECORD);
        assert_eq!(Record::read(&out), r);
        assert!((from_fixed(r.lon) + 46.36056).abs() < 1e-9);
    }
}
