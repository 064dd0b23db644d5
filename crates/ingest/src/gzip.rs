//! Bounded reading: whole pages from plain or gzip streams, stopping at the
//! size limit (so a gzip bomb costs at most `max_bytes`), with cut and
//! damaged gzip streams told apart from other IO errors.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::MultiGzDecoder;

use crate::error::IngestErrorKind;

/// A reader that counts the bytes it has handed out.
pub(crate) struct Counting<R> {
    inner: R,
    pub(crate) count: u64,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R) -> Counting<R> {
        Counting { inner, count: 0 }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// A gzip stream (all its members, as `gzip -d` reads them), buffered.
pub(crate) fn gunzip_reader<R: BufRead>(inner: R) -> BufReader<MultiGzDecoder<R>> {
    BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(inner))
}

/// Appends everything `reader` yields to `out`, up to `limit` bytes in all;
/// more is an error. `gzip` says how to name read errors; `out` may already
/// hold bytes (a sniffed prefix), which count towards the limit.
pub(crate) fn read_bounded<R: Read>(
    reader: R,
    out: &mut Vec<u8>,
    limit: u64,
    gzip: bool,
) -> Result<(), IngestErrorKind> {
    let already = out.len() as u64;
    let mut counting = Counting::new(reader);
    let mut bounded = (&mut counting).take(limit.saturating_add(1).saturating_sub(already));
    match bounded.read_to_end(out) {
        Ok(_) if out.len() as u64 > limit => Err(IngestErrorKind::TooLargeStream { limit }),
        Ok(_) => Ok(()),
        Err(e) => Err(IngestErrorKind::from_read(e, gzip, already + counting.count)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn gunzip_all(bytes: &[u8], limit: u64) -> Result<Vec<u8>, IngestErrorKind> {
        let mut out = Vec::new();
        read_bounded(gunzip_reader(bytes), &mut out, limit, true).map(|()| out)
    }

    #[test]
    fn round_trip_and_members() {
        let mut two = gzip(b"Bakou ");
        two.extend(gzip(b"Erevan"));
        assert_eq!(gunzip_all(&two, 100).unwrap(), b"Bakou Erevan");
    }

    #[test]
    fn limit_stops_bombs() {
        let bomb = gzip(&vec![b'a'; 1 << 20]);
        assert!(matches!(gunzip_all(&bomb, 1000), Err(IngestErrorKind::TooLargeStream { limit: 1000 })));
        assert_eq!(gunzip_all(&bomb, 1 << 20).unwrap().len(), 1 << 20);
    }

    #[test]
    fn truncation_is_reported() {
        let text: Vec<u8> = (0..20_000u32).flat_map(|i| i.to_string().into_bytes()).collect();
        let whole = gzip(&text);
        for cut in [whole.len() - 4, whole.len() / 2, 12] {
            match gunzip_all(&whole[..cut], 1 << 20) {
                Err(IngestErrorKind::TruncatedGzip { after }) => assert!(after <= text.len() as u64),
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn damage_is_reported() {
        let mut whole = gzip(b"Frappe sur Gandja, frappe sur Gandja, frappe sur Gandja");
        let n = whole.len();
        whole[n - 6] ^= 0xff; // the CRC
        assert!(
            matches!(gunzip_all(&whole, 1000), Err(IngestErrorKind::BadGzip { .. })),
            "{:?}",
            gunzip_all(&whole, 1000)
        );
        assert!(matches!(gunzip_all(b"\x1f\x8bnot gzip at all", 1000), Err(IngestErrorKind::BadGzip { .. })));
    }
}
