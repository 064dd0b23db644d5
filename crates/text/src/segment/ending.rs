//! Where the article ends and what follows it.
//!
//! * A comment section starts after a comment header or form ("Commentaires",
//!   "Laisser un commentaire"), at the first of several author lines
//!   ("Jean dit :"), where the HTML says so, or after an article-end marker
//!   (a credit line, share bar, source line, paywall) when the lines after
//!   it read like conversation. It runs to the end of the page: every block
//!   in it is a comment, except comment-form and page furniture.
//! * After a paywall notice, everything that is not a comment is boilerplate.
//! * After the last paragraph of running text, title-like lines that follow
//!   a share bar or source line are links to other articles.
//! * A "À lire aussi" / "Related" header alone on its line heads a list of
//!   headlines.

use warlog_model::SegmentKind;

use super::Page;
use super::cues::cues;
use super::local::Role;
use super::talk::{conversational, is_author_line};

/// Running text needed before a marker for it to end an article (so that a
/// "Commentaires" menu item above the article does not swallow it).
const MIN_ARTICLE_CHARS: usize = 300;

/// Running text before a paywall notice for it to cut the article (a
/// notice-like line above the article is a label).
const MIN_FREE_CHARS: usize = 200;

/// Lines a comment section found without any marker must have.
const MIN_TAIL_LINES: usize = 6;

/// Lines read after a comment header to see whether an article follows.
const ARTICLE_WINDOW: usize = 8;

/// Headlines read after a standalone "related" header.
const MAX_RELATED: usize = 12;

pub(crate) fn mark(page: &mut Page<'_>) {
    // Related links first, so that a comment section found after a share
    // bar starts at the first comment, not at the links between them.
    related_lists(page);
    let start = comment_start(page);
    if let Some(start) = start {
        mark_comments(page, start);
    }
    let end = start.unwrap_or(page.len());
    after_paywall(page, end);
    footer_tail(page, end);
}

/// Characters of running text before each block.
fn prose_before(page: &Page<'_>) -> Vec<usize> {
    let mut acc = 0;
    let mut out = Vec::with_capacity(page.len());
    for (l, lab) in page.lines.iter().zip(&page.labels) {
        out.push(acc);
        if lab.kind == SegmentKind::Body && l.is_prose() {
            acc += l.chars;
        }
    }
    out
}

fn comment_start(page: &Page<'_>) -> Option<usize> {
    let c = cues();
    let prose = prose_before(page);
    let x = page.x;
    let structural = page.lines.iter().position(|l| {
        l.block == crate::BlockKind::Comment || (x.main_end < x.text.len() && l.span.start >= x.main_end)
    });
    let after_header = (0..page.len())
        .find(|&i| {
            matches!(page.role(i), Role::CommentHeader | Role::CommentForm)
                && prose[i] >= MIN_ARTICLE_CHARS
                && !article_follows(page, i + 1)
        })
        .map(|i| i + 1);
    let authors: Vec<usize> =
        (0..page.len()).filter(|&i| prose[i] >= MIN_ARTICLE_CHARS && is_author_line(&page.lines[i], c)).collect();
    let first_author = (authors.len() >= 2).then(|| authors[0]);
    let after_marker = (0..page.len())
        .find(|&i| page.role(i).ends_article() && prose[i] >= MIN_ARTICLE_CHARS && conversational(page, i + 1))
        .map(|i| i + 1);
    let found = [structural, after_header, first_author, after_marker].into_iter().flatten().min();
    found.or_else(|| talk_tail(page, &prose)).filter(|&s| s < page.len())
}

/// Without any marker: the first conversational line from which the page
/// reads like a comment section to its end.
fn talk_tail(page: &Page<'_>, prose: &[usize]) -> Option<usize> {
    let scores: Vec<i32> = (0..page.len()).map(|i| page.talk_score(i)).collect();
    // Conversational lines from each block to the end, and lines counted.
    let mut hits = vec![(0usize, 0usize); page.len() + 1];
    for i in (0..page.len()).rev() {
        let (h, n) = hits[i + 1];
        hits[i] =
            if page.kind(i) == SegmentKind::Boilerplate { (h, n) } else { (h + usize::from(scores[i] >= 1), n + 1) };
    }
    (0..page.len()).find(|&s| {
        let (h, n) = hits[s];
        prose[s] >= MIN_ARTICLE_CHARS
            && page.kind(s) == SegmentKind::Body
            && scores[s] >= 1
            && n >= MIN_TAIL_LINES
            && h * 10 >= n * 4
            && conversational(page, s)
    })
}

/// Whether running text that reads like an article (not like talk) follows
/// `from`: then a "Commentaires" or "Réagir" line there is a link in a share
/// bar above the article, not the head of a comment section.
fn article_follows(page: &Page<'_>, from: usize) -> bool {
    let window: Vec<usize> =
        (from..page.len()).filter(|&j| page.kind(j) != SegmentKind::Boilerplate).take(ARTICLE_WINDOW).collect();
    let article = window.iter().filter(|&&j| page.lines[j].is_prose() && page.talk_score(j) <= 0).count();
    article * 2 > window.len() && !conversational(page, from)
}

fn mark_comments(page: &mut Page<'_>, start: usize) {
    let c = cues();
    let mut new_unit = true;
    let mut after_author = false;
    for j in start..page.len() {
        let role = page.role(j);
        if role == Role::Structural {
            // The HTML extractor gives one block per comment.
            page.labels[j].starts_unit = page.kind(j) == SegmentKind::Comment;
            continue;
        }
        // A comment's date belongs to it: it heads a new comment unless it
        // sits under the comment's author line.
        let dated = matches!(role, Role::Timestamp | Role::Dateline);
        if page.kind(j) == SegmentKind::Boilerplate && !dated {
            // "Répondre", "Reply", a form: the next text is another comment.
            new_unit |= matches!(role, Role::CommentUi | Role::CommentForm | Role::CommentHeader);
            after_author = false;
            continue;
        }
        let author = is_author_line(&page.lines[j], c);
        new_unit |= author || (dated && !after_author);
        page.set(j, SegmentKind::Comment, if dated { role } else { Role::CommentText });
        page.labels[j].starts_unit = new_unit;
        new_unit = false;
        after_author = author;
    }
}

fn after_paywall(page: &mut Page<'_>, end: usize) {
    let prose = prose_before(page);
    let Some(p) = (0..end).find(|&i| page.role(i) == Role::Paywall && prose[i] >= MIN_FREE_CHARS) else { return };
    for j in p + 1..end {
        if page.kind(j) != SegmentKind::Boilerplate {
            page.set(j, SegmentKind::Boilerplate, Role::Footer);
        }
    }
}

/// Title-like lines after the last running text and a share/source line.
fn footer_tail(page: &mut Page<'_>, end: usize) {
    let Some(last_prose) = (0..end).rev().find(|&i| page.kind(i) == SegmentKind::Body && page.lines[i].is_prose())
    else {
        return;
    };
    let mut after_marker = false;
    for j in last_prose + 1..end {
        if matches!(page.role(j), Role::Share | Role::Footer | Role::Related | Role::Subscribe) {
            after_marker = true;
        } else if after_marker && page.role(j) == Role::Text && page.lines[j].heading_like() {
            page.set(j, SegmentKind::Boilerplate, Role::Related);
        }
    }
}

/// Headlines under a standalone "À lire aussi" / "Related" header.
fn related_lists(page: &mut Page<'_>) {
    let end = page.len();
    for i in 0..end {
        let l = &page.lines[i];
        let standalone = l.words <= 5 && !l.core().contains(':');
        if page.role(i) != Role::Related || !standalone {
            continue;
        }
        for j in i + 1..end.min(i + 1 + MAX_RELATED) {
            let next = &page.lines[j];
            if page.role(j) != Role::Text || !next.heading_like() {
                break;
            }
            page.set(j, SegmentKind::Boilerplate, Role::Related);
        }
    }
}
