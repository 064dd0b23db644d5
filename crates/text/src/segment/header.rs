//! The page header: before the article starts, short items next to a menu
//! or breadcrumb ("TV" above "Infos / A La Une / Asie") are menu items too.

use warlog_model::SegmentKind;

use super::Page;
use super::local::Role;

pub(crate) fn nav_zone(page: &mut Page<'_>) {
    let end = page.lines.iter().position(|l| l.is_prose()).unwrap_or(page.len());
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..end {
            let l = &page.lines[i];
            let short = l.words <= 3 && l.chars <= 30 && !l.ends_sentence();
            if page.role(i) != Role::Text || !short {
                continue;
            }
            let menu = |j: usize| {
                matches!(page.role(j), Role::Nav | Role::Login | Role::Close | Role::Subscribe | Role::Share)
            };
            if (i > 0 && menu(i - 1)) || (i + 1 < page.len() && menu(i + 1)) {
                page.set(i, SegmentKind::Boilerplate, Role::Nav);
                changed = true;
            }
        }
    }
}
