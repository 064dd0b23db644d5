//! Metadata of an HTML page from what its head, JSON-LD, URL and text say:
//! canonical URL, headline, publication date, outlet and language, each
//! from the most reliable source the page offers.

use warlog_model::{Date, DocumentMeta};

use super::dom::PageInfo;
use super::jsonld::JsonLd;
use crate::meta;

/// `<meta>` names that carry the publication date, most reliable first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publish-date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
];

/// What is known about the page besides its text.
pub struct Sources<'a> {
    pub info: &'a PageInfo,
    pub json_ld: &'a JsonLd,
    pub url: Option<&'a str>,
    /// The headline shown on the page.
    pub headline: Option<&'a str>,
    /// The page's whole text (for datelines).
    pub page_text: &'a str,
    /// The extracted main text (for language detection).
    pub main_text: &'a str,
}

pub fn build(s: &Sources) -> DocumentMeta {
    let metas = &s.info.metas;
    let meta_value = |key: &str| metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str());
    let url = s
        .info
        .canonical
        .as_deref()
        .filter(|u| is_absolute(u))
        .or_else(|| meta_value("og:url").filter(|u| is_absolute(u)))
        .or(s.url)
        .or(s.json_ld.url.as_deref().filter(|u| is_absolute(u)))
        .map(str::to_string);
    let site = meta_value("og:site_name").map(str::to_string).or_else(|| s.json_ld.publisher.clone());
    let title = meta_value("og:title")
        .or(s.json_ld.headline.as_deref())
        .or(meta_value("twitter:title"))
        .or(s.headline)
        .or(s.info.title.as_deref())
        .map(|t| clean_title(t, site.as_deref()))
        .filter(|t| !t.is_empty());
    let published = published(s, &meta_value);
    let outlet = site.or_else(|| url.as_deref().or(s.url).and_then(domain));
    let language = language(s, &meta_value);
    DocumentMeta { url, title, published, outlet, language }
}

fn published<'a>(s: &Sources, meta_value: &dyn Fn(&str) -> Option<&'a str>) -> Option<Date> {
    DATE_METAS
        .iter()
        .find_map(|k| meta_value(k).and_then(meta::parse_date))
        .or_else(|| s.json_ld.date_published.as_deref().and_then(meta::parse_date))
        .or_else(|| s.info.times.iter().filter(|(_, p)| *p).find_map(|(v, _)| meta::parse_date(v)))
        .or_else(|| s.url.and_then(meta::url_date))
        .or_else(|| meta::dateline(meta::prefix(s.page_text, 60_000)))
        .or_else(|| s.info.times.iter().find_map(|(v, _)| meta::parse_date(v)))
}

/// The page's declared language when the text does not contradict it,
/// else the detected one.
fn language<'a>(s: &Sources, meta_value: &dyn Fn(&str) -> Option<&'a str>) -> Option<String> {
    let declared = s
        .info
        .lang
        .as_deref()
        .or(s.json_ld.language.as_deref())
        .or(meta_value("og:locale"))
        .or(meta_value("content-language"))
        .and_then(primary_subtag);
    let detected = crate::lang::detect(meta::prefix(s.main_text, 4000));
    match (declared, detected) {
        (Some(d), Some(t)) if d != t => Some(t.to_string()),
        (Some(d), _) => Some(d),
        (None, t) => t.map(str::to_string),
    }
}

/// "fr-FR", "en_US", "FR" -> "fr"; `None` for anything not shaped like a code.
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// The host of `url` without `www.`.
pub fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// A title without its " - Site name" / " | Site" tail.
fn clean_title(title: &str, site: Option<&str>) -> String {
    let mut out = String::new();
    super::dom::push_collapsed(&mut out, title);
    let mut title = out.trim().to_string();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| {
                let (a, b) = (super::content::key(s), super::content::key(tail));
                !b.is_empty() && (a.contains(&b) || b.contains(&a))
            });
            let tail_short = tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            // " - " also joins words inside titles: cut there only for a known site name, or when none is known.
            if tail_is_site || (tail_short && (sep != " - " || site.is_none())) {
                title = head.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_site_suffixes() {
        assert_eq!(clean_title("Frappe sur Gandja - Le Courrier", Some("Le Courrier")), "Frappe sur Gandja");
        assert_eq!(clean_title("Shelling hits Donetsk market | World News", None), "Shelling hits Donetsk market");
        assert_eq!(
            clean_title("Azerbaijan - Armenia talks resume", Some("Daily")),
            "Azerbaijan - Armenia talks resume"
        );
    }

    #[test]
    fn domains() {
        assert_eq!(domain("https://www.example.com/a/b?c").as_deref(), Some("example.com"));
        assert_eq!(domain("http://user@News.Example.fr:8080/x").as_deref(), Some("news.example.fr"));
        assert_eq!(domain("not a url"), None);
    }

    #[test]
    fn language_tags() {
        assert_eq!(primary_subtag("fr-FR").as_deref(), Some("fr"));
        assert_eq!(primary_subtag("en_US").as_deref(), Some("en"));
        assert_eq!(primary_subtag("{{lang}}"), None);
    }
}
