//! A forgiving, single-pass HTML tokenizer: start tags with attributes, end
//! tags and text; comments, doctypes and processing instructions skipped.
//!
//! It follows the HTML standard where that matters for text (raw-text
//! elements such as `script` and `style` end only at their own end tag;
//! `title`/`textarea` are text with character references; a `<` that opens
//! no tag is text; a tag cut by the end of the input is dropped) and ignores
//! what does not (script-data escapes, exact error recovery of attribute
//! names). It runs in one pass over the bytes, in time linear in the input.

use std::borrow::Cow;

/// One attribute; the name lowercased, the value with references decoded.
pub type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

/// What the tokenizer reports.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    Start {
        name: Cow<'a, str>,
        attrs: Vec<Attr<'a>>,
        self_closing: bool,
    },
    End {
        name: Cow<'a, str>,
    },
    /// Text as written; `decode` says whether character references in it
    /// are to be decoded (not in `script`, `style` and other raw text).
    Text {
        raw: &'a str,
        decode: bool,
    },
}

/// Content model of elements whose content is not markup.
#[derive(Clone, Copy, PartialEq)]
enum Raw {
    /// Text up to the end tag, no references (`script`, `style`, ...).
    Text,
    /// Text up to the end tag, references decoded (`title`, `textarea`).
    Rcdata,
    /// Everything to the end of the input (`plaintext`).
    Plain,
}

fn raw_kind(name: &str) -> Option<Raw> {
    match name {
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(Raw::Text),
        "title" | "textarea" => Some(Raw::Rcdata),
        "plaintext" => Some(Raw::Plain),
        _ => None,
    }
}

/// Calls `sink` with every token of `src`, in order.
pub fn tokenize<'a>(src: &'a str, mut sink: impl FnMut(Token<'a>)) {
    let bytes = src.as_bytes();
    let len = bytes.len();
    let mut pos = 0;
    while pos < len {
        let Some(offset) = memchr::memchr(b'<', &bytes[pos..]) else {
            sink(Token::Text { raw: &src[pos..], decode: true });
            return;
        };
        let lt = pos + offset;
        if lt > pos {
            sink(Token::Text { raw: &src[pos..lt], decode: true });
        }
        let next = bytes.get(lt + 1).copied();
        pos = match next {
            Some(b) if b.is_ascii_alphabetic() => match start_tag(src, lt) {
                Some((name, attrs, self_closing, end)) => {
                    let raw = raw_kind(&name);
                    let raw_name = raw.is_some().then(|| name.clone());
                    sink(Token::Start { name, attrs, self_closing });
                    match (raw, raw_name) {
                        (Some(kind), Some(name)) => raw_text(src, end, name, kind, &mut sink),
                        _ => end,
                    }
                }
                None => len,
            },
            Some(b'/') => match bytes.get(lt + 2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let name_end = lt + 2 + run(&bytes[lt + 2..], |b| !is_space(b) && b != b'/' && b != b'>');
                    let name = lower(&src[lt + 2..name_end]);
                    match memchr::memchr(b'>', &bytes[name_end..]) {
                        Some(o) => {
                            sink(Token::End { name });
                            name_end + o + 1
                        }
                        None => len,
                    }
                }
                Some(b'>') => lt + 3,
                _ => skip_to_gt(bytes, lt + 2),
            },
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => {
                let body = lt + 4;
                if bytes[body..].starts_with(b">") {
                    body + 1
                } else if bytes[body..].starts_with(b"->") {
                    body + 2
                } else {
                    memchr::memmem::find(&bytes[body..], b"-->").map_or(len, |o| body + o + 3)
                }
            }
            Some(b'!' | b'?') => skip_to_gt(bytes, lt + 2),
            _ => {
                sink(Token::Text { raw: &src[lt..lt + 1], decode: false });
                lt + 1
            }
        };
    }
}

type StartTag<'a> = (Cow<'a, str>, Vec<Attr<'a>>, bool, usize);

/// Parses the start tag at `lt`; `None` when the input ends inside it.
fn start_tag(src: &str, lt: usize) -> Option<StartTag<'_>> {
    let bytes = src.as_bytes();
    let mut p = lt + 1;
    let name_end = p + run(&bytes[p..], |b| !is_space(b) && b != b'/' && b != b'>');
    let name = lower(&src[p..name_end]);
    p = name_end;
    let mut attrs: Vec<Attr> = Vec::new();
    let mut self_closing = false;
    loop {
        p += run(&bytes[p..], is_space);
        match bytes.get(p)? {
            b'>' => return Some((name, attrs, self_closing, p + 1)),
            b'/' => {
                p += 1;
                self_closing = bytes.get(p) == Some(&b'>');
                continue;
            }
            _ => {}
        }
        // An attribute name may start with `=`; it ends at space, `/`, `>` or `=`.
        let name_start = p;
        p += 1 + run(&bytes[p + 1..], |b| !is_space(b) && b != b'/' && b != b'>' && b != b'=');
        let attr_name = lower(&src[name_start..p]);
        p += run(&bytes[p..], is_space);
        let mut value: Cow<str> = Cow::Borrowed("");
        if bytes.get(p) == Some(&b'=') {
            p += 1;
            p += run(&bytes[p..], is_space);
            match bytes.get(p)? {
                &q @ (b'"' | b'\'') => {
                    let close = p + 1 + memchr::memchr(q, &bytes[p + 1..])?;
                    value = decoded(&src[p + 1..close]);
                    p = close + 1;
                }
                _ => {
                    let end = p + run(&bytes[p..], |b| !is_space(b) && b != b'>');
                    value = decoded(&src[p..end]);
                    p = end;
                }
            }
        }
        self_closing = false;
        if !attrs.iter().any(|(n, _)| *n == attr_name) {
            attrs.push((attr_name, value));
        }
    }
}

/// Emits the content of a raw-text element that started at `from`, and its
/// end tag; returns where markup resumes.
fn raw_text<'a>(src: &'a str, from: usize, name: Cow<'a, str>, kind: Raw, sink: &mut impl FnMut(Token<'a>)) -> usize {
    let bytes = src.as_bytes();
    let decode = kind == Raw::Rcdata;
    if kind == Raw::Plain {
        sink(Token::Text { raw: &src[from..], decode });
        return bytes.len();
    }
    let mut p = from;
    while let Some(o) = memchr::memchr(b'<', &bytes[p..]) {
        let lt = p + o;
        let after = lt + 2 + name.len();
        let closes = bytes.get(lt + 1) == Some(&b'/')
            && bytes.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(after).is_none_or(|&b| is_space(b) || b == b'/' || b == b'>');
        if closes {
            if lt > from {
                sink(Token::Text { raw: &src[from..lt], decode });
            }
            let end = memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |o| after + o + 1);
            sink(Token::End { name });
            return end;
        }
        p = lt + 1;
    }
    // No end tag: the rest of the input is the element's content.
    if from < bytes.len() {
        sink(Token::Text { raw: &src[from..], decode });
    }
    sink(Token::End { name });
    bytes.len()
}

fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    let from = from.min(bytes.len());
    memchr::memchr(b'>', &bytes[from..]).map_or(bytes.len(), |o| from + o + 1)
}

fn run(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|&&b| pred(b)).count()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(s.to_ascii_lowercase()) } else { Cow::Borrowed(s) }
}

fn decoded(s: &str) -> Cow<'_, str> {
    if s.contains('&') { Cow::Owned(super::entity::decode(s, true)) } else { Cow::Borrowed(s) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(src, |t| {
            out.push(match t {
                Token::Start { name, attrs, self_closing } => {
                    let attrs: Vec<String> = attrs.iter().map(|(n, v)| format!("{n}={v}")).collect();
                    format!("<{name} {}{}>", attrs.join(" "), if self_closing { "/" } else { "" })
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text { raw, .. } => raw.to_string(),
            })
        });
        out
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens(r#"<P Class="a b" id=x data-x='1>2' hidden>Hi<br/></p>"#),
            vec!["<p class=a b id=x data-x=1>2 hidden=>", "Hi", "<br />", "</p>"]
        );
    }

    #[test]
    fn raw_text_ends_only_at_its_end_tag() {
        assert_eq!(
            tokens("<script>if (a<b) x='</div>';</SCRIPT >t"),
            vec!["<script >", "if (a<b) x='</div>';", "</script>", "t"]
        );
        assert_eq!(tokens("<style>p{}"), vec!["<style >", "p{}", "</style>"]);
    }

    #[test]
    fn comments_doctypes_and_stray_brackets() {
        assert_eq!(tokens("<!DOCTYPE html><!-- <p>x</p> -->a < b<!-->c<?php x ?>"), vec!["a ", "<", " b", "c"]);
        assert_eq!(tokens("x<!-- never closed"), vec!["x"]);
    }

    #[test]
    fn cut_tags_are_dropped() {
        assert_eq!(tokens("a<p class=\"x"), vec!["a"]);
        assert_eq!(tokens("a</p"), vec!["a"]);
    }
}
