//! Character references (`&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`) decoded
//! as the HTML standard says, with the standard's full table of names (from
//! the `entities` crate) and its legacy rules (names without `;`, Windows-1252
//! numbers, invalid code points replaced by U+FFFD).

use std::collections::HashMap;
use std::sync::OnceLock;

/// Longest entity name in the table (`CounterClockwiseContourIntegral;`).
const MAX_NAME: usize = 33;

fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| entities::ENTITIES.iter().map(|e| (&e.entity[1..], e.characters)).collect())
}

/// Appends `raw` to `out` with its character references decoded. In an
/// attribute value, a legacy name without `;` followed by `=` or an
/// alphanumeric stays as written (the standard's rule for URLs like `?a=1&copy=2`).
pub fn decode_into(raw: &str, in_attribute: bool, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + offset;
        out.push_str(&raw[last..amp]);
        let (consumed, replacement) = reference(&raw[amp + 1..], in_attribute);
        match replacement {
            Some(Replacement::Str(s)) => out.push_str(s),
            Some(Replacement::Char(c)) => out.push(c),
            None => out.push('&'),
        }
        i = amp + 1 + consumed;
        last = i;
    }
    out.push_str(&raw[last..]);
}

/// `raw` with its character references decoded.
pub fn decode(raw: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, in_attribute, &mut out);
    out
}

enum Replacement {
    Str(&'static str),
    Char(char),
}

/// The reference at the start of `rest` (just after `&`): bytes consumed and
/// what they stand for; `(0, None)` when it is a literal ampersand.
fn reference(rest: &str, in_attribute: bool) -> (usize, Option<Replacement>) {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'#') {
        return numeric(rest);
    }
    let run = bytes.iter().take(MAX_NAME).take_while(|b| b.is_ascii_alphanumeric()).count();
    if run == 0 {
        return (0, None);
    }
    if bytes.get(run) == Some(&b';')
        && let Some(s) = table().get(&rest[..=run])
    {
        return (run + 1, Some(Replacement::Str(s)));
    }
    // Legacy names may appear without `;`: take the longest that is in the table.
    for len in (2..=run.min(6)).rev() {
        if let Some(s) = table().get(&rest[..len]) {
            let next = bytes.get(len).copied();
            if in_attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
                return (0, None);
            }
            return (len, Some(Replacement::Str(s)));
        }
    }
    (0, None)
}

fn numeric(rest: &str) -> (usize, Option<Replacement>) {
    let bytes = rest.as_bytes();
    let (hex, start) = match bytes.get(1) {
        Some(b'x' | b'X') => (true, 2),
        _ => (false, 1),
    };
    let digits =
        bytes[start..].iter().take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() }).count();
    if digits == 0 {
        return (0, None);
    }
    let text = &rest[start..start + digits];
    let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
    let mut consumed = start + digits;
    if bytes.get(consumed) == Some(&b';') {
        consumed += 1;
    }
    (consumed, Some(Replacement::Char(code_point(value))))
}

/// The character a numeric reference stands for, with the standard's fixes.
fn code_point(value: u32) -> char {
    if (0x80..=0x9F).contains(&value) {
        // Pages written in Windows-1252 that number its characters.
        const CP1252: [u32; 32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0x9D, 0x017E, 0x0178,
        ];
        return char::from_u32(CP1252[(value - 0x80) as usize]).unwrap_or('\u{FFFD}');
    }
    if value == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric() {
        assert_eq!(decode("Gand&eacute;ja &amp; Bakou &#8217;&#x2019;&#146;", false), "Gandéja & Bakou ’’’");
        assert_eq!(decode("a &nbsp;b", false), "a \u{a0}b");
    }

    #[test]
    fn legacy_names_without_semicolon() {
        assert_eq!(decode("&copy 2020 &notit;", false), "© 2020 ¬it;");
        assert_eq!(decode("?a=1&copy=2", true), "?a=1&copy=2");
    }

    #[test]
    fn bad_references_stay_literal_or_replaced() {
        assert_eq!(decode("& &; &#; &#xZZ; &unknown; &", false), "& &; &#; &#xZZ; &unknown; &");
        assert_eq!(decode("&#0;&#xD800;&#99999999999;", false), "\u{FFFD}\u{FFFD}\u{FFFD}");
    }
}
