//! Repairs mojibake: UTF-8 that was once read as Windows-1252 (or Latin-1)
//! and written out again as UTF-8, so that "é" became "Ã©" and "’" "â€™".
//!
//! The repair works sequence by sequence, never on the whole text, because
//! real pages mix correct and broken parts. A sequence is a "lead" character
//! (Â…ô, the Windows-1252 reading of a UTF-8 lead byte) followed by one to
//! three "continuation" characters (the reading of bytes 0x80-0xBF); it is
//! replaced only when those bytes form one UTF-8 character from a short list:
//!
//! * always: Latin-1 and Latin Extended-A letters and signs (U+00A0-U+017F,
//!   "Ã©" → "é", "Â«" → "«"), Azerbaijani Ə/ə, and common punctuation
//!   (dashes, quotes, ellipsis, thin and narrow no-break spaces, €, ™);
//! * only when the text holds at least three such sequences that are either
//!   from the list above or adjacent to one another: Greek, Cyrillic,
//!   Armenian, Hebrew and Arabic letters ("Ð¿Ñ€Ð¸" → "при"). A single
//!   "Î" + no-break space in French capitals ("NAÎ »") stays as it is.
//!
//! One guess goes further: a standalone "Ã" followed by a space or a line
//! break becomes "à". It is "à" (C3 A0) whose no-break-space byte was lost,
//! a frequent accident in French text; "Ã" is not a word in any language
//! warlog reads, while "Ã" inside words ("SÃO PAULO", "IRMÃ e") is left
//! alone. This one keeps byte lengths unchanged; the other repairs shorten
//! the text, which is fine because offsets point into the repaired text.
//! Text that was broken twice ("ÃƒÂ©") is repaired in up to three passes.

use std::borrow::Cow;

/// The text with mojibake sequences repaired, or the text itself (borrowed)
/// when there is nothing to repair. See the module documentation for what
/// counts as mojibake.
pub fn repair_mojibake(s: &str) -> Cow<'_, str> {
    let mut current = Cow::Borrowed(s);
    for _ in 0..3 {
        match repair_once(&current) {
            Some(fixed) => current = Cow::Owned(fixed),
            None => break,
        }
    }
    current
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tier {
    /// Repaired wherever found.
    Always,
    /// Repaired when the text is clearly mojibake.
    Script,
}

#[derive(Debug)]
struct Candidate {
    start: usize,
    end: usize,
    replacement: char,
    tier: Tier,
}

fn repair_once(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    // Every lead character (U+00C2..U+00F4) is encoded as C3 xx; C3 is never
    // a continuation byte, so each hit is a character boundary.
    let mut candidates = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(0xc3, &bytes[i..]) {
        let at = i + off;
        match candidate_at(s, at) {
            Some(c) => {
                i = c.end;
                candidates.push(c);
            }
            None => i = at + 1,
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let in_run = |k: usize| {
        let c = &candidates[k];
        (k > 0 && candidates[k - 1].end == c.start) || candidates.get(k + 1).is_some_and(|n| n.start == c.end)
    };
    let evidence = (0..candidates.len()).filter(|&k| candidates[k].tier == Tier::Always || in_run(k)).count();
    let accept_script = evidence >= 3;

    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut changed = false;
    for c in candidates.iter().filter(|c| c.tier == Tier::Always || accept_script) {
        out.push_str(&s[copied..c.start]);
        out.push(c.replacement);
        copied = c.end;
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(&s[copied..]);
    Some(out)
}

/// A repairable sequence starting at byte `at` (the start of a character).
fn candidate_at(s: &str, at: usize) -> Option<Candidate> {
    let mut chars = s[at..].chars();
    let lead = chars.next()?;
    let lead_byte = u8::try_from(u32::from(lead)).ok()?;
    let needed = match lead_byte {
        0xc2..=0xdf => 1,
        0xe0..=0xef => 2,
        0xf0..=0xf4 => 3,
        _ => return None,
    };
    let mut buf = [lead_byte, 0, 0, 0];
    let mut end = at + lead.len_utf8();
    let mut complete = true;
    for slot in buf.iter_mut().skip(1).take(needed) {
        match chars.clone().next().and_then(continuation_byte) {
            Some(b) => {
                *slot = b;
                end += chars.next().map_or(0, char::len_utf8);
            }
            None => {
                complete = false;
                break;
            }
        }
    }
    if complete {
        let repaired = std::str::from_utf8(&buf[..=needed]).ok().and_then(|t| t.chars().next());
        if let Some(tier) = repaired.and_then(tier_of) {
            return Some(Candidate { start: at, end, replacement: repaired?, tier });
        }
    }
    lone_a_grave(s, at)
}

/// "Ã" standing alone before a space or line break: "à" that lost its second byte.
fn lone_a_grave(s: &str, at: usize) -> Option<Candidate> {
    let after = &s[at..];
    if !after.starts_with('Ã') || !matches!(after.as_bytes().get(2), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        return None;
    }
    let standalone = s[..at]
        .chars()
        .next_back()
        .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '«' | '"' | '\'' | '’' | '“' | '—' | '–' | '-'));
    standalone.then_some(Candidate { start: at, end: at + 2, replacement: 'à', tier: Tier::Always })
}

/// The byte 0x80..=0xBF that Windows-1252 (or Latin-1, for the C1 controls)
/// reads as `c`.
fn continuation_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{bf}' => return u8::try_from(u32::from(c)).ok(),
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    };
    Some(b)
}

/// Whether a repaired character is plausible enough to repair to.
fn tier_of(c: char) -> Option<Tier> {
    match u32::from(c) {
        0xa0..=0x17f | 0x18f | 0x259 => Some(Tier::Always),
        0x2009 | 0x2010..=0x2027 | 0x202f | 0x2030..=0x203a | 0x20ac | 0x2122 => Some(Tier::Always),
        0x386..=0x3ce | 0x400..=0x45f | 0x531..=0x587 | 0x5d0..=0x5ea => Some(Tier::Script),
        0x60c | 0x61b | 0x61f | 0x621..=0x64a | 0x67e | 0x686 | 0x6a9 | 0x6af | 0x6cc => Some(Tier::Script),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a Windows-1252 reader makes of UTF-8.
    fn break_it(s: &str) -> String {
        encoding_rs::WINDOWS_1252.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    #[test]
    fn usual_french_and_english_mojibake() {
        assert_eq!(repair_mojibake("Le ministÃ¨re de la DÃ©fense"), "Le ministère de la Défense");
        assert_eq!(repair_mojibake("lâ€™armÃ©e Â« a frappÃ© Â»"), "l’armée « a frappé »");
        assert_eq!(repair_mojibake("â€œShellingâ€\u{9d} â€“ 3 â‚¬"), "“Shelling” – 3 €");
        assert_eq!(repair_mojibake("Ã\u{a0} Bakou"), "à Bakou");
        assert_eq!(repair_mojibake(&break_it("Gəncə, Ağdam, Şuşa")), "Gəncə, Ağdam, Şuşa");
    }

    #[test]
    fn latin1_reading_with_c1_controls() {
        assert_eq!(repair_mojibake("l\u{e2}\u{80}\u{99}arm\u{c3}\u{a9}e"), "l’armée");
    }

    #[test]
    fn twice_broken() {
        assert_eq!(repair_mojibake(&break_it(&break_it("déjà"))), "déjà");
    }

    #[test]
    fn correct_text_is_borrowed() {
        for s in ["SÃO PAULO", "IRMÃ e", "Gəncə «Füzuli» — Erevan", "NAÎ\u{a0}» ÉTÉ\u{a0}: répété\u{a0}»", "plain"]
        {
            assert!(matches!(repair_mojibake(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn lone_a_before_a_line_break() {
        let s = "En réponse Ã\nla frappe";
        let fixed = repair_mojibake(s);
        assert_eq!(fixed, "En réponse à\nla frappe");
        assert_eq!(fixed.len(), s.len(), "same byte length: offsets after it do not move");
        assert_eq!(repair_mojibake("Ã la une"), "à la une");
        assert_eq!(repair_mojibake("(Ã Paris)"), "(à Paris)");
        assert!(matches!(repair_mojibake("IRMÃ\nnova"), Cow::Borrowed(_)));
        assert!(matches!(repair_mojibake("Ã"), Cow::Borrowed(_)));
    }

    #[test]
    fn cyrillic_needs_evidence() {
        assert_eq!(repair_mojibake(&break_it("Бои под Донецком")), "Бои под Донецком");
        assert_eq!(repair_mojibake(&break_it("Ереван и Баку")), "Ереван и Баку");
        // One isolated pair is not enough.
        assert!(matches!(repair_mojibake("CONNAÎ\u{a0}: oui"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = repair_mojibake(&s);
        }

        #[test]
        fn never_panics_on_lead_heavy_strings(s in "[ÂÃÄÅÐÑÎâð€™œ’\u{80}-\u{bf} a\n]{0,40}") {
            let fixed = repair_mojibake(&s);
            prop_assert!(fixed.len() <= s.len());
        }

        #[test]
        fn broken_french_is_restored(s in "[a-zA-Z .,;:!?'éèêëàâçôûùîïœæÉÈÀÇŒ’“”«»…–—\u{a0}]{0,60}") {
            let broken = break_it(&s);
            prop_assert_eq!(repair_mojibake(&broken), s);
        }

        #[test]
        fn french_prose_is_left_alone(
            s in "([A-ZÉÈÀÇ]?[a-zéèêàâçôûùîïœ]{1,10}[,.;:!?’…]?[ \u{a0}\u{202f}«»–—]{1,2}){0,30}"
        ) {
            prop_assert!(matches!(repair_mojibake(&s), Cow::Borrowed(_)));
        }
    }
}
