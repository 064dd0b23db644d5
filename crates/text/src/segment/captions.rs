//! Captions spread over several lines: the description under a media
//! heading ("Vidéo - côté arménien" then what the video shows), the line
//! that describes a picture next to its file name, and short "Vidéo de … :"
//! style lines that introduced an embed the text extraction dropped.

use warlog_model::SegmentKind;

use super::Page;
use super::local::Role;

/// How far (in blocks) a media intro looks for another caption.
const NEAR: usize = 3;

pub(crate) fn group(page: &mut Page<'_>) {
    caption_labels(page);
    describe_media_headings(page);
    describe_file_names(page);
    media_intros(page);
}

/// "Image caption," / "Légende :" — a credit or label line ending with a
/// comma or colon announces the caption on the next line.
fn caption_labels(page: &mut Page<'_>) {
    for i in 0..page.len().saturating_sub(1) {
        let l = &page.lines[i];
        let announces = l.text.ends_with([',', ':']) && l.words <= 4;
        if page.role(i) == Role::Credit && announces && page.role(i + 1) == Role::Text && page.lines[i + 1].chars <= 300
        {
            page.set(i + 1, SegmentKind::Caption, Role::MediaLine);
        }
    }
}

/// Lines joined to a media heading by a single line break (no blank line)
/// describe it — only in pages whose paragraphs are set apart by blank
/// lines, where a single break means "same paragraph".
fn describe_media_headings(page: &mut Page<'_>) {
    if !page.paragraph_mode {
        return;
    }
    for i in 0..page.len() {
        if page.role(i) != Role::MediaHeader {
            continue;
        }
        let mut j = i + 1;
        while j < page.len() && !page.lines[j].blank_before && page.role(j) == Role::Text && !page.lines[j].bullet {
            page.set(j, SegmentKind::Caption, Role::MediaLine);
            j += 1;
        }
    }
}

/// A short title-like line in the same paragraph as a bare file name
/// describes the picture.
fn describe_file_names(page: &mut Page<'_>) {
    for i in 0..page.len() {
        if page.role(i) != Role::FileName {
            continue;
        }
        let before = (i > 0 && !page.lines[i].blank_before).then(|| i - 1);
        let after = (i + 1 < page.len() && !page.lines[i].blank_after).then_some(i + 1);
        for j in [before, after].into_iter().flatten() {
            let l = &page.lines[j];
            if page.role(j) == Role::Text && l.chars <= 200 && !l.ends_sentence() {
                page.set(j, SegmentKind::Caption, Role::MediaLine);
            }
        }
    }
}

/// "Attaque d'un char de l'armée azerbaïdjanaise :" standing alone among
/// other captions introduced a video that is gone. A colon line followed by
/// a quotation or by its own continuation is text.
fn media_intros(page: &mut Page<'_>) {
    for i in 0..page.len() {
        let l = &page.lines[i];
        if page.role(i) != Role::Text || !l.ends_colon() || l.chars > 160 || !l.blank_after {
            continue;
        }
        let next = page.lines.get(i + 1).and_then(|n| n.text.chars().next());
        if next.is_some_and(|c| c.is_lowercase() || matches!(c, '«' | '"' | '“' | '<')) {
            continue;
        }
        let lo = i.saturating_sub(NEAR);
        let hi = (i + NEAR + 1).min(page.len());
        let near_caption = (lo..hi).any(|j| j != i && page.kind(j) == SegmentKind::Caption);
        if near_caption {
            page.set(i, SegmentKind::Caption, Role::MediaLine);
        }
    }
}
