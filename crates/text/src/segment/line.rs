//! Features of one block (a line of plain text, a paragraph of HTML): the
//! measurements every score of the segmenter reads — length, final
//! punctuation, bullets, links, handles, separators, blank lines around it.

use warlog_model::Span;

use super::cues::{Probe, Words, core, norm};
use crate::plain::is_line_break;
use crate::{Block, BlockKind};

/// Characters that open a bulleted line (live-blog entry titles, lists).
pub(crate) const BULLETS: &[char] = &['•', '●', '▪', '■', '◆', '►', '▶', '◾', '▸', '‣', '⚫'];

/// Image and video file extensions: a line that is a file name is debris of
/// an embedded picture.
const MEDIA_EXTENSIONS: &[&str] = &[".jpeg", ".jpg", ".png", ".gif", ".webp", ".mp4", ".avif"];

/// Where a media file name sits in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileName {
    None,
    /// The line is a file name ("Maternité.jpeg").
    Alone,
    /// A file name glued to caption text ("2020:10:28.jpgVidéo - côté arménien").
    Glued,
}

/// One block with its features.
#[derive(Clone, Debug)]
pub(crate) struct Line<'a> {
    pub span: Span,
    pub block: BlockKind,
    /// The block's text, trimmed.
    pub text: &'a str,
    /// Folded, whitespace-collapsed text (see [`norm`]).
    pub norm: String,
    /// The words of `norm`, for matching cues (see [`Probe`]).
    norm_words: Words,
    pub chars: usize,
    pub words: usize,
    /// A blank line (or the page start) separates it from the block before.
    pub blank_before: bool,
    /// A blank line (or the page end) separates it from the block after.
    pub blank_after: bool,
    /// Starts with a bullet (•, ▪, ►...).
    pub bullet: bool,
    /// Starts with a dash followed by a space ("- point", "— Name").
    pub dash: bool,
    /// The line is one link and nothing else.
    pub url_only: bool,
    pub handles: usize,
    pub hashtags: usize,
    /// Separator tokens standing alone between words ("Infos / Asie / Europe").
    pub separators: usize,
    pub file_name: FileName,
}

impl<'a> Line<'a> {
    /// Features of every block of a page.
    pub fn all(text: &'a str, blocks: &[Block]) -> Vec<Line<'a>> {
        let mut lines: Vec<Line<'a>> = Vec::with_capacity(blocks.len());
        for (i, block) in blocks.iter().enumerate() {
            let prev_end = if i == 0 { 0 } else { blocks[i - 1].span.end };
            let next_start = blocks.get(i + 1).map_or(text.len(), |b| b.span.start);
            let gap_before = text.get(prev_end.min(block.span.start)..block.span.start).unwrap_or("");
            let gap_after = text.get(block.span.end..next_start.max(block.span.end)).unwrap_or("");
            let blank_before = i == 0 || line_breaks(gap_before) >= 2;
            let blank_after = i + 1 == blocks.len() || line_breaks(gap_after) >= 2;
            lines.push(Line::new(block.span.slice(text), *block, blank_before, blank_after));
        }
        lines
    }

    pub fn new(raw: &'a str, block: Block, blank_before: bool, blank_after: bool) -> Line<'a> {
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let span = Span::new(block.span.start + lead, block.span.start + lead + text.len());
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let first = text.chars().next();
        let url_only = tokens.len() == 1 && is_url(tokens[0]);
        let norm = norm(text);
        Line {
            span,
            block: block.kind,
            text,
            norm_words: Words::of(&norm),
            norm,
            chars: text.chars().count(),
            words: tokens.iter().filter(|t| t.chars().any(char::is_alphanumeric)).count(),
            blank_before,
            blank_after,
            bullet: first.is_some_and(|c| BULLETS.contains(&c)),
            dash: tokens.len() > 1 && matches!(tokens[0], "-" | "–" | "—" | "*"),
            url_only,
            handles: tokens.iter().filter(|t| is_handle(t)).count(),
            hashtags: tokens
                .iter()
                .filter(|t| t.starts_with('#') && t.chars().nth(1).is_some_and(char::is_alphanumeric))
                .count(),
            separators: separators(&tokens, text),
            file_name: file_name(text, &tokens),
        }
    }

    /// The line, ready to be matched against cue lists.
    pub fn probe(&self) -> Probe<'_> {
        Probe::with_words(&self.norm, self.norm_words)
    }

    /// Ends like a sentence: `.`, `!`, `?`, `…`, or a closing quote after one.
    pub fn ends_sentence(&self) -> bool {
        let t = self.text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')' | '’'));
        t.ends_with(['.', '!', '?', '…'])
    }

    pub fn ends_colon(&self) -> bool {
        self.text.ends_with(':')
    }

    /// Running text: long enough and ending like a sentence.
    pub fn is_prose(&self) -> bool {
        self.chars >= 100 && self.words >= 15 && self.ends_sentence()
    }

    /// Could be a title: short, no final full stop.
    pub fn heading_like(&self) -> bool {
        self.words >= 1 && self.chars <= 200 && !self.text.ends_with('.') && !self.ends_colon()
    }

    /// The text without its leading bullets, dashes and spaces.
    pub fn unbulleted(&self) -> &'a str {
        self.text
            .trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace() || matches!(c, '-' | '–' | '—'))
    }

    /// The normalised text without leading bullets and trailing punctuation.
    pub fn core(&self) -> &str {
        core(&self.norm)
    }

    /// The first word of the line (folded), bullets and dashes skipped.
    pub fn first_word(&self) -> &str {
        let start = self.norm.trim_start_matches(|c: char| !c.is_alphanumeric());
        let end = start.find(|c: char| !(c.is_alphanumeric() || c == '\'')).unwrap_or(start.len());
        &start[..end]
    }
}

/// Line breaks in `s`, counting `\r\n` once.
fn line_breaks(s: &str) -> usize {
    let mut chars = s.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        if is_line_break(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
            n += 1;
        }
    }
    n
}

pub(crate) fn is_url(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']'));
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

fn is_handle(token: &str) -> bool {
    let t = token.trim_start_matches(['(', '[']);
    t.starts_with('@') && t.chars().nth(1).is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Separator tokens between short chunks: what a breadcrumb or menu looks like.
fn separators(tokens: &[&str], text: &str) -> usize {
    let has_guillemet = text.contains('«');
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| {
            i > 0
                && i + 1 < tokens.len()
                && matches!(*t, "/" | "|" | "›" | ">" | "·" | "•" | "»" | "::")
                && !(*t == "»" && has_guillemet)
        })
        .count()
}

fn file_name(text: &str, tokens: &[&str]) -> FileName {
    // An extension is a dot and a letter: without a dot before an
    // extension's first letter (or before a non-ASCII character, whose
    // lowercase could be one), the lowercased text has none.
    let may = text.as_bytes().windows(2).any(|w| {
        w[0] == b'.'
            && (w[1] >= 0x80
                || MEDIA_EXTENSIONS.iter().any(|e| e.as_bytes().get(1) == Some(&w[1].to_ascii_lowercase())))
    });
    if !may {
        return FileName::None;
    }
    let lower = text.to_lowercase();
    for ext in MEDIA_EXTENSIONS {
        let Some(pos) = lower.find(ext) else { continue };
        let after = &lower[pos + ext.len()..];
        if tokens.len() == 1 && after.trim().is_empty() {
            return FileName::Alone;
        }
        // "photo.jpgVidéo", or "IMG_0042.jpg Vidéo - ..." as the first token.
        if after.chars().next().is_some_and(char::is_alphabetic)
            || tokens.first().is_some_and(|t| t.len() == pos + ext.len())
        {
            return FileName::Glued;
        }
    }
    FileName::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, Block { span: Span::new(0, text.len()), kind: BlockKind::Paragraph }, true, true)
    }

    #[test]
    fn measures_a_line() {
        let l = line("  • Nagorny-Karabakh : Poursuite des combats  ");
        assert!(l.bullet && l.heading_like() && !l.ends_sentence());
        assert_eq!(l.unbulleted(), "Nagorny-Karabakh : Poursuite des combats");
        assert_eq!(l.span, Span::new(2, 2 + "• Nagorny-Karabakh : Poursuite des combats".len()));
        assert_eq!(l.first_word(), "nagorny");
    }

    #[test]
    fn separators_and_links() {
        assert_eq!(line("Infos \u{a0}/ A La Une / Asie / Europe").separators, 3);
        assert_eq!(line("« Une phrase » et une autre").separators, 0);
        assert!(line("https://twitter.com/x/status/1").url_only);
        assert_eq!(line("@Dalatrm said #Syria #SNA").handles, 1);
        assert_eq!(line("@Dalatrm said #Syria #SNA").hashtags, 2);
    }

    #[test]
    fn file_names() {
        assert_eq!(line("Maternité.jpeg").file_name, FileName::Alone);
        assert_eq!(line("2020:10:28.jpgVidéo - côté arménien").file_name, FileName::Glued);
        assert_eq!(line("Une photo au format jpg").file_name, FileName::None);
    }
}
