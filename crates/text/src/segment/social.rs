//! Embedded posts: the text of a tweet sits just above its signature
//! ("— Name (@handle) September 29, 2020") or its link; the signature alone
//! is not enough to keep the post's claims apart from the article's.

use warlog_model::SegmentKind;

use super::Page;
use super::local::Role;

/// Longest line taken as a post's text when only its signature marks it.
const MAX_POST_CHARS: usize = 320;

pub(crate) fn attach(page: &mut Page<'_>) {
    for i in 0..page.len() {
        let role = page.role(i);
        if !matches!(role, Role::PostSignature | Role::PostUrl) || i == 0 || page.lines[i].blank_before {
            continue;
        }
        let prev = &page.lines[i - 1];
        let post_like = role == Role::PostSignature || prev.handles + prev.hashtags > 0;
        if page.role(i - 1) == Role::Text && prev.chars <= MAX_POST_CHARS && post_like {
            page.set(i - 1, SegmentKind::Social, Role::PostText);
        }
    }
    // Two posts in a row are two segments: a post's text after another
    // post's signature or link starts a new one.
    for i in 1..page.len() {
        let after_end = matches!(page.role(i - 1), Role::PostSignature | Role::PostUrl);
        if page.role(i) == Role::PostText && after_end {
            page.labels[i].starts_unit = true;
        }
    }
}
