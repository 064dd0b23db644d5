//! Near-duplicate pages: a 64-bit SimHash over word 3-shingles, so that a
//! wire story (AFP, Reuters) republished by several outlets is recognised as
//! one source. Two pages whose fingerprints differ in at most
//! [`NEAR_DUPLICATE_BITS`] bits are copies.

use warlog_lexicon::fold::fold;

/// Hamming distance at or under which two pages are copies of one story.
pub const NEAR_DUPLICATE_BITS: u32 = 6;

/// FNV-1a: a fixed, fast hash so fingerprints are stable across runs and
/// machines (std's hasher is seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mixes a 64-bit value so that close shingle hashes spread over all bits.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// SimHash of a text's word 3-shingles (folded, so accents and case do not
/// matter). Texts under three words hash their words.
pub fn simhash(text: &str) -> u64 {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut weights = [0i32; 64];
    // +1 for each set bit, -1 for each clear one, without branches (the
    // loop vectorises).
    let mut add = |h: u64| {
        for (bit, w) in weights.iter_mut().enumerate() {
            *w += ((h >> bit & 1) as i32) * 2 - 1;
        }
    };
    if words.len() < 3 {
        words.iter().for_each(|w| add(mix(fnv1a(w.as_bytes()))));
    } else {
        for win in words.windows(3) {
            let h = fnv1a(win[0].as_bytes())
                ^ fnv1a(win[1].as_bytes()).rotate_left(21)
                ^ fnv1a(win[2].as_bytes()).rotate_left(42);
            add(mix(h));
        }
    }
    weights.iter().enumerate().fold(0u64, |acc, (bit, w)| if *w > 0 { acc | 1 << bit } else { acc })
}

/// Are two fingerprints copies of one story?
pub fn near_duplicates(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= NEAR_DUPLICATE_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page-length story: fingerprints are meant for pages, not lines.
    const STORY: &str = "Seven people were killed and thirty-three wounded when missiles hit a residential \
        district of the city overnight, the foreign ministry said on Sunday, accusing the other side of \
        violating the humanitarian truce that had come into force at noon on Saturday. Rescue teams were \
        still searching the rubble of two apartment blocks in the morning, and the regional governor \
        declared a day of mourning. The defence ministry of the other side denied firing at the city and \
        said its forces were observing the truce, which had been brokered in Moscow after ten hours of \
        talks between the two foreign ministers. Both sides accused each other of shelling villages along \
        the front line during the night, and international observers called for restraint and for the \
        exchange of prisoners and bodies agreed in the Moscow statement to go ahead as planned.";

    #[test]
    fn republished_copies_are_near_duplicates() {
        let copy = format!("{STORY} (With AFP)");
        let edited = STORY.replace("on Sunday", "on Sunday morning");
        assert!(near_duplicates(simhash(STORY), simhash(&copy)));
        assert!(near_duplicates(simhash(STORY), simhash(&edited)));
    }

    #[test]
    fn different_stories_are_not() {
        let other = "Talks between the two foreign ministers were held in Moscow under Russian mediation, \
            and both sides agreed to exchange prisoners and the bodies of the dead in the coming days.";
        assert!(!near_duplicates(simhash(STORY), simhash(other)));
    }

    #[test]
    fn folding_makes_accents_irrelevant() {
        assert_eq!(simhash("Gəncə a été bombardée cette nuit"), simhash("Gence a ete bombardee cette nuit"));
    }
}

#[cfg(test)]
mod stable {
    /// Fingerprints are stored: the same text must give the same value in
    /// every build (this one was computed before the branch-free rewrite).
    #[test]
    fn fingerprints_do_not_change() {
        assert_eq!(super::simhash("Quatre civils ont été tués et dix blessés dimanche à Gandja, selon Bakou."), PINNED);
    }
    const PINNED: u64 = 10_442_876_487_962_512_641;
}
