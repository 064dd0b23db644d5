//! What one block looks like on its own, before its neighbours are read:
//! a page-structure kind from HTML, a boilerplate cue, a time stamp, a file
//! name, a menu, a social-media embed, a caption or credit — else text.
//!
//! The result is a [`Role`] (why) that fixes a first [`SegmentKind`]; the
//! context stages that follow may change the kind, never the role.

use warlog_model::SegmentKind;

use super::cues::{Cues, How};
use super::date::is_timestamp;
use super::line::{FileName, Line};
use crate::BlockKind;

/// Why a block has its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Running text or a title.
    Text,
    /// Kind given by the HTML structure (comment, embed, caption, boilerplate).
    Structural,
    Print,
    Share,
    Nav,
    /// "Lire aussi", "Read more", "Sur le même sujet".
    Related,
    Paywall,
    Subscribe,
    Login,
    /// "Commentaires", "12 comments", "Laisser un commentaire".
    CommentHeader,
    /// Comment form fields and notices.
    CommentForm,
    /// "Répondre", "Reply", "Signaler".
    CommentUi,
    Cookie,
    /// Source line, tags, copyright.
    Footer,
    Ad,
    Close,
    Top,
    /// "Publié le …", "Updated …".
    Dateline,
    /// A line that is only a time ("14h05", "3 hours ago").
    Timestamp,
    /// A bare image file name.
    FileName,
    /// A photo or video credit ("Photo : Archive", "… ©AP").
    Credit,
    /// A media heading ("Vidéo - côté arménien").
    MediaHeader,
    /// A caption line: describes a photo, video or map.
    MediaLine,
    /// The text of an embedded post.
    PostText,
    /// "— Name (@handle) Date" under an embedded tweet.
    PostSignature,
    /// A link to a post.
    PostUrl,
    /// A reader comment (set by context).
    CommentText,
}

impl Role {
    /// Boilerplate roles that sit at or after the end of an article.
    pub fn ends_article(self) -> bool {
        matches!(self, Role::Share | Role::Footer | Role::Paywall | Role::Credit | Role::CommentHeader)
    }
}

/// A block's first label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Local {
    pub kind: SegmentKind,
    pub role: Role,
}

fn local(kind: SegmentKind, role: Role) -> Local {
    Local { kind, role }
}

/// Labels one block from its own features.
pub(crate) fn classify(line: &Line<'_>, cues: &Cues) -> Local {
    use SegmentKind::*;
    match line.block {
        BlockKind::Comment => return local(Comment, Role::Structural),
        BlockKind::Social => return local(Social, Role::Structural),
        BlockKind::Caption => return local(Caption, Role::Structural),
        BlockKind::Boilerplate => return local(Boilerplate, Role::Structural),
        _ => {}
    }
    if let Some(role) = boilerplate_role(line, cues) {
        return local(Boilerplate, role);
    }
    if let Some(role) = social_role(line, cues) {
        return local(Social, role);
    }
    if let Some(role) = caption_role(line, cues) {
        return local(Caption, role);
    }
    local(Body, Role::Text)
}

fn boilerplate_role(line: &Line<'_>, cues: &Cues) -> Option<Role> {
    if line.file_name == FileName::Alone {
        return Some(Role::FileName);
    }
    if let Some(cue) = cues.boilerplate.find(&line.probe(), line.chars) {
        return Some(match cue.class.as_str() {
            "print" => Role::Print,
            "share" => Role::Share,
            "nav" => Role::Nav,
            "related" => Role::Related,
            "paywall" => Role::Paywall,
            "subscribe" => Role::Subscribe,
            "login" => Role::Login,
            "comment_header" => Role::CommentHeader,
            "comment_form" => Role::CommentForm,
            "comment_ui" => Role::CommentUi,
            "cookie" => Role::Cookie,
            "ad" => Role::Ad,
            "close" => Role::Close,
            "top" => Role::Top,
            "dateline" => Role::Dateline,
            _ => Role::Footer,
        });
    }
    if share_bar(line, cues) {
        return Some(Role::Share);
    }
    if is_timestamp(&line.norm) {
        return Some(Role::Timestamp);
    }
    // Breadcrumbs and menus: short chunks between separators, no sentence.
    if line.separators >= 2 && !line.ends_sentence() && line.words <= 4 * (line.separators + 1) {
        return Some(Role::Nav);
    }
    // Copyright notices; a "©" inside a caption is a credit (below).
    let starts_copyright =
        line.text.strip_prefix('©').is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    if starts_copyright && line.chars <= 200 {
        return Some(Role::Footer);
    }
    None
}

/// "Partager Facebook Twitter E-mail": a line made only of share words.
fn share_bar(line: &Line<'_>, cues: &Cues) -> bool {
    let words: Vec<&str> = line.norm.split(' ').map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let share_word = |w: &str| {
        cues.boilerplate
            .cues
            .iter()
            .any(|c| matches!(c.class.as_str(), "share" | "print") && c.how == How::Line && c.text == w)
    };
    (2..=8).contains(&words.len()) && words.iter().all(|w| w.is_empty() || share_word(w))
}

fn social_role(line: &Line<'_>, cues: &Cues) -> Option<Role> {
    // "— Hussein Akoush (@HousseinAk) September 29, 2020"
    if (line.dash || line.text.starts_with(['—', '–'])) && line.text.contains("(@") && line.chars <= 200 {
        return Some(Role::PostSignature);
    }
    let urls = cues.social.cues.iter().filter(|c| c.class == "url");
    let post_link = urls.clone().any(|c| line.norm.contains(c.text.as_str()));
    if line.url_only && post_link {
        return Some(Role::PostUrl);
    }
    // A post's text ends with its link ("… pic.twitter.com/x", "… t.co/x").
    let last = line.norm.rsplit(' ').next().unwrap_or("");
    let ends_with_post = urls.clone().any(|c| last.contains(c.text.as_str()));
    if ends_with_post && line.words >= 3 && line.chars <= 600 {
        return Some(Role::PostText);
    }
    if line.chars <= 300 && cues.social.has_class(&line.probe(), "phrase") {
        return Some(Role::PostText);
    }
    None
}

fn caption_role(line: &Line<'_>, cues: &Cues) -> Option<Role> {
    if line.file_name == FileName::Glued {
        return Some(Role::MediaHeader);
    }
    if line.chars > 400 {
        return None;
    }
    let credit = cues.caption.has_class(&line.probe(), "credit");
    if credit || credit_mark(line.text) || agency_credit(line, cues) {
        return Some(Role::Credit);
    }
    let first_word = line.first_word();
    let media = cues.caption.cues.iter().any(|c| c.class == "media" && c.text == first_word);
    if media && line.chars <= 200 {
        let after = line.core().get(first_word.len()..).unwrap_or("").trim_start();
        // "Vidéo - côté arménien", "Vidéos : côté azéri"
        if after.starts_with(['-', ':', '|', '/']) || after.is_empty() {
            return Some(Role::MediaHeader);
        }
        // "Vidéo du village de ... :", "Carte évolutive de la progression ..."
        if line.ends_colon() || !line.ends_sentence() {
            return Some(Role::MediaLine);
        }
    }
    None
}

/// "Soldats près de Bakhmout, le 10 mars. LIBKOS / AP", "… via Reuters",
/// "… (AFP)": a line ending with a picture agency after a credit separator.
fn agency_credit(line: &Line<'_>, cues: &Cues) -> bool {
    if line.chars > 300 {
        return false;
    }
    let t = line.norm.trim_end_matches(['.', ' ']);
    cues.caption.cues.iter().filter(|c| c.class == "agency").any(|agency| {
        let a = agency.text.as_str();
        // "… (AFP)"
        if t.strip_suffix(')').and_then(|r| r.strip_suffix(a)).is_some_and(|r| r.ends_with('(')) {
            return true;
        }
        let Some(before) = t.strip_suffix(a) else { return false };
        before.ends_with('/') || [" / ", " | ", " via ", " - ", "/ "].iter().any(|sep| before.ends_with(sep))
    })
}

/// A "©" credit at the start or end of a line ("…de l'Ukraine. ©AP").
fn credit_mark(text: &str) -> bool {
    let Some(pos) = text.find('©') else { return false };
    let tail = text[pos..].chars().count();
    pos <= 2 || tail <= 40
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Block;
    use crate::segment::cues::cues;
    use warlog_model::Span;

    fn role(text: &str) -> (SegmentKind, Role) {
        let block = Block { span: Span::new(0, text.len()), kind: BlockKind::Paragraph };
        let l = classify(&Line::new(text, block, true, true), cues());
        (l.kind, l.role)
    }

    #[test]
    fn boilerplate_lines() {
        use SegmentKind::Boilerplate as B;
        assert_eq!(role("Imprimer"), (B, Role::Print));
        assert_eq!(role("Partager Cet Article"), (B, Role::Share));
        assert_eq!(role("SOURCE: FRENCH PRESS TV"), (B, Role::Footer));
        assert_eq!(role("Lire aussi:\u{a0}Un titre d'article ?!"), (B, Role::Related));
        assert_eq!(
            role("Il vous reste 12.5% de cet article à lire. La suite est réservée aux abonnés."),
            (B, Role::Paywall)
        );
        assert_eq!(role("This article is for subscribers only."), (B, Role::Paywall));
        assert_eq!(role("Infos \u{a0}/ A La Une / Monde / Europe / Vidéos"), (B, Role::Nav));
        assert_eq!(role("Home › World › Europe"), (B, Role::Nav));
        assert_eq!(role("Close"), (B, Role::Close));
        assert_eq!(role("scroll to top"), (B, Role::Top));
        assert_eq!(role("12 commentaires"), (B, Role::CommentHeader));
        assert_eq!(role("Leave a Reply"), (B, Role::CommentHeader));
        assert_eq!(
            role("Your email address will not be published. Required fields are marked *"),
            (B, Role::CommentForm)
        );
        assert_eq!(role("Nous utilisons des cookies pour améliorer votre expérience."), (B, Role::Cookie));
        assert_eq!(role("photo_0042.jpeg"), (B, Role::FileName));
        assert_eq!(role("14h05"), (B, Role::Timestamp));
        assert_eq!(role("Partager Facebook Twitter E-mail"), (B, Role::Share));
        assert_eq!(role("Le Monde avec AFP"), (B, Role::Footer));
    }

    #[test]
    fn social_lines() {
        use SegmentKind::Social as S;
        assert_eq!(role("— Some Reporter (@someone) October 2, 2020"), (S, Role::PostSignature));
        assert_eq!(role("Troops seen near the border pic.twitter.com/abc123"), (S, Role::PostText));
        assert_eq!(role("https://twitter.com/someone/status/123"), (S, Role::PostUrl));
        assert_eq!(role("Strike on the depot last night https://t.co/AbC123"), (S, Role::PostText));
        assert_eq!(role("https://www.example.org/article.html").0, SegmentKind::Body);
    }

    #[test]
    fn caption_lines() {
        use SegmentKind::Caption as C;
        assert_eq!(role("Vidéo - côté arménien"), (C, Role::MediaHeader));
        assert_eq!(role("- Vidéos - Côté azéri"), (C, Role::MediaHeader));
        assert_eq!(role("Video: the strike on the depot"), (C, Role::MediaHeader));
        assert_eq!(role("Vidéo d'un convoi de camions vers la frontière :"), (C, Role::MediaLine));
        assert_eq!(role("Photo : Archive"), (C, Role::Credit));
        assert_eq!(role("Des chars près de la frontière. ©AP"), (C, Role::Credit));
        assert_eq!(role("Soldiers at a checkpoint near the city. (AFP photo)"), (C, Role::Credit));
        assert_eq!(role("img.jpgVidéo - côté azéri"), (C, Role::MediaHeader));
        assert_eq!(role("Des soldats près de la ligne de front, le 10 mars. NOM PRÉNOM / AP"), (C, Role::Credit));
        assert_eq!(role("Rescue workers at the site. Photograph: Name Surname/Reuters"), (C, Role::Credit));
        assert_eq!(role("Smoke rises over the city on Tuesday. (AFP)"), (C, Role::Credit));
        assert_eq!(role("Damaged buildings in the city centre via Getty Images"), (C, Role::Credit));
        assert_eq!(role("Le chef de l'AP a rencontré le président de la Commission à Bruxelles.").0, SegmentKind::Body);
        // Running text that starts with a media word stays text.
        assert_eq!(
            role("Des vidéos diffusées par l'armée montrent des frappes. Photos et cartes le confirment.").0,
            SegmentKind::Body
        );
        assert_eq!(
            role("Photos et vidéos montrent des frappes sur la ville, selon le ministère.").0,
            SegmentKind::Body
        );
    }
}
