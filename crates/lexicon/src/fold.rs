//! Folding for matching: any_ascii transliteration plus lowercase, so that
//! "Gəncə", "Gence" and "GENCE" meet, with a map back to original offsets.
//!
//! any_ascii is used (not deunicode) because it maps the Azerbaijani schwa
//! ə to "e" (deunicode gives "@"); see ../shared/STACK-SURVEY.md §3.

/// Folds `s` to lowercase ASCII. Typographic apostrophes become `'`.
/// The same string as [`fold_with_offsets`], without building the offset
/// map (eight bytes per byte of text), and runs of ASCII copied at once.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let from = out.len();
        out.push_str(run);
        out[from..].make_ascii_lowercase();
        let mut chars = tail.chars();
        match chars.next() {
            Some(c) => fold_char(c, &mut out),
            None => break,
        }
        rest = chars.as_str();
    }
    out
}

/// Appends the folded form of one non-ASCII character.
fn fold_char(c: char, out: &mut String) {
    if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`') {
        out.push('\'');
    } else if c.is_whitespace() {
        out.push(' ');
    } else if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}') {
        out.push('-');
    } else {
        let t = any_ascii::any_ascii_char(c);
        if t.is_empty() {
            // Unknown characters keep their place so spans stay aligned.
            let mut buf = [0u8; 4];
            out.push_str(c.encode_utf8(&mut buf));
        } else {
            for b in t.chars() {
                out.push(b.to_ascii_lowercase());
            }
        }
    }
}

/// Folds `s` and returns, for every byte of the folded string, the byte
/// offset in `s` of the character it came from (plus one final entry equal
/// to `s.len()`), so a match in the folded text maps back to a span.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = out.len();
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out);
        }
        offsets.extend(std::iter::repeat_n(i, out.len() - before));
    }
    offsets.push(s.len());
    (out, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_azerbaijani_and_french() {
        assert_eq!(fold("Gəncə"), "gence");
        assert_eq!(fold("Tərtər"), "terter");
        assert_eq!(fold("Şuşa"), "susa");
        assert_eq!(fold("Azerbaïdjan"), "azerbaidjan");
        assert_eq!(fold("L’Arménie"), "l'armenie");
        assert_eq!(fold("Xankəndi"), "xankendi");
    }

    #[test]
    fn offsets_map_back() {
        let s = "à Gəncə";
        let (f, off) = fold_with_offsets(s);
        let start = f.find("gence").unwrap();
        let end = start + "gence".len();
        assert_eq!(&s[off[start]..off[end]], "Gəncə");
        assert_eq!(off.len(), f.len() + 1);
    }

    proptest::proptest! {
        #[test]
        fn fold_is_the_folded_string_of_fold_with_offsets(s in "\\PC{0,60}|[a-zA-Z \u{2019}\u{2010}-\u{2015}\u{e0}-\u{ff}\u{259}]{0,60}") {
            proptest::prop_assert_eq!(fold(&s), fold_with_offsets(&s).0);
        }

        #[test]
        fn offsets_are_char_boundaries(s in "\\PC{0,40}") {
            let (f, off) = fold_with_offsets(&s);
            proptest::prop_assert_eq!(off.len(), f.len() + 1);
            for o in off {
                proptest::prop_assert!(s.is_char_boundary(o));
            }
        }
    }
}
