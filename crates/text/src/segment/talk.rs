//! How much a line reads like a reader comment rather than an article:
//! replies to someone ("@name", "En réponse à"), author lines ("Jean dit :"),
//! links alone, hashtags, first and second person outside quotations,
//! greetings, exclamations. Articles quote people saying "je" and "nous",
//! so quoted passages are left out before counting.

use super::Page;
use super::cues::{Cues, Probe, cues, occurrences};
use super::line::Line;
use warlog_model::SegmentKind;

/// Lines read after an article-end marker to decide whether comments follow.
const WINDOW: usize = 12;

/// The comment score of one line: 0 for article-like text, higher the more
/// conversational.
pub(crate) fn score(line: &Line<'_>, cues: &Cues) -> i32 {
    let mut s = 0;
    if line.text.starts_with('@') {
        s += 2;
    } else if line.handles > 0 {
        s += 1;
    }
    if line.hashtags >= 2 {
        s += 1;
    }
    if line.url_only {
        s += 1;
        if cues.social.has_class(&line.probe(), "url") {
            s += 1;
        }
    }
    if line.chars <= 80 && cues.comment.has_class(&line.probe(), "reply") {
        s += 2;
    }
    if is_author_line(line, cues) {
        s += 3;
    }
    let free = unquoted(&line.norm);
    let free_probe = Probe::new(&free);
    let person = cues.comment.count_class(&free_probe, "person");
    s += match person {
        0 => 0,
        1 => 1,
        _ => 2,
    };
    if cues.comment.has_class(&free_probe, "phatic") {
        s += 1;
    }
    if free.contains('!') || free.trim_end().ends_with('?') {
        s += 1;
    }
    if [":)", ";)", ":-)", ";o)", ":o)", ":(", "xd"].iter().any(|e| occurrences(&free, e) > 0 || free.contains(e)) {
        s += 1;
    }
    // Long third-person text is how articles read.
    if line.chars >= 300 && person == 0 {
        s -= 1;
    }
    s
}

/// Signals an article seldom has: a reply to a handle, an author line, a
/// link alone on its line.
pub(crate) fn hard_signal(line: &Line<'_>, cues: &Cues) -> bool {
    line.text.starts_with('@')
        || line.url_only
        || is_author_line(line, cues)
        || (line.chars <= 80 && cues.comment.has_class(&line.probe(), "reply"))
}

/// "Jean-Pierre dit :", "John says:", "Marie a écrit :" — a comment's byline.
pub(crate) fn is_author_line(line: &Line<'_>, cues: &Cues) -> bool {
    line.words <= 8
        && cues
            .comment
            .cues
            .iter()
            .any(|c| c.class == "says" && line.norm.trim_end_matches(' ').ends_with(c.text.as_str()))
}

/// Whether the lines from `from` on read like a comment section: many
/// conversational lines, and at least one signal articles seldom have —
/// interviews talk too, in the first and second person.
pub(crate) fn conversational(page: &Page<'_>, from: usize) -> bool {
    let c = cues();
    let window: Vec<usize> =
        (from..page.len()).filter(|&j| page.kind(j) != SegmentKind::Boilerplate).take(WINDOW).collect();
    let scores: Vec<i32> = window.iter().map(|&j| page.talk_score(j)).collect();
    let n = scores.len() as i32;
    if n == 0 {
        return false;
    }
    let sum: i32 = scores.iter().sum();
    let hits = scores.iter().filter(|&&s| s >= 1).count() as i32;
    let strong = scores.iter().filter(|&&s| s >= 2).count() as i32;
    let hard = window.iter().any(|&j| hard_signal(&page.lines[j], c));
    if n < 3 {
        return sum >= 3 && strong >= 1 && hard;
    }
    hard && hits * 10 >= n * 4 && sum >= 5 && (strong >= 2 || hits >= 4)
}

/// `norm` without quoted passages (« … », "…", which fold to `<<…>>`, `"…"`).
pub(crate) fn unquoted(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let mut depth = 0usize;
    let mut in_straight = false;
    let mut rest = norm;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<<") {
            depth += 1;
            rest = &rest[2..];
            continue;
        }
        if rest.starts_with(">>") {
            depth = depth.saturating_sub(1);
            rest = &rest[2..];
            continue;
        }
        if c == '"' {
            in_straight = !in_straight;
        } else if depth == 0 && !in_straight {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    // An unclosed quotation (a quote running over several lines) hides the
    // rest of the line; better to keep it than to drop a whole comment.
    if (depth > 0 || in_straight) && out.trim().is_empty() { norm.to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::cues::norm;
    use crate::{Block, BlockKind};
    use warlog_model::Span;

    fn s(text: &str) -> i32 {
        let block = Block { span: Span::new(0, text.len()), kind: BlockKind::Paragraph };
        score(&Line::new(text, block, false, false), cues())
    }

    #[test]
    fn conversation_scores_above_article() {
        assert!(s("@Pierre je ne suis pas d'accord avec vous !") >= 3);
        assert!(s("Merci pour vos précisions.") >= 2);
        assert!(s("I think you are wrong about this.") >= 2);
        assert!(s("Marie dit :") >= 3);
        assert!(s("https://twitter.com/someone/status/123") >= 2);
        assert_eq!(s("Le ministère de la défense a annoncé mardi la mort de 29 soldats dans les combats."), 0);
        assert_eq!(s("« Nous appelons à la cessation immédiate des hostilités », a déclaré le ministre."), 0);
    }

    #[test]
    fn quotes_are_left_out() {
        assert_eq!(unquoted(&norm("Il a dit « je pars » hier")), "il a dit  hier");
        assert_eq!(unquoted(&norm("He said \"I am here\" today")), "he said  today");
    }
}
