//! Schema.org JSON-LD in a page (`<script type="application/ld+json">`):
//! the article's headline, dates, publisher, language, URL and — when the
//! publisher gives it — the whole `articleBody`, used as a hint to find the
//! article in the tree. Invalid JSON is skipped; the walk is iterative.

/// What the page's JSON-LD says about its article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonLd {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    pub publisher: Option<String>,
    pub article_body: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Reads every JSON-LD script; article objects win over other objects.
pub fn parse(scripts: &[String]) -> JsonLd {
    let mut article = JsonLd::default();
    let mut other = JsonLd::default();
    for script in scripts {
        let body = script.trim();
        let body = body.strip_prefix("<!--").unwrap_or(body);
        let body = body.strip_prefix("//<![CDATA[").unwrap_or(body);
        let body = body.strip_suffix("-->").unwrap_or(body);
        let body = body.strip_suffix("//]]>").unwrap_or(body).trim();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else { continue };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    let target = if is_article(v) { &mut article } else { &mut other };
                    fill(target, v);
                    stack.extend(map.values().rev());
                }
                _ => {}
            }
        }
    }
    JsonLd {
        headline: article.headline.or(other.headline),
        date_published: article.date_published.or(other.date_published),
        publisher: article.publisher.or(other.publisher),
        article_body: article.article_body.or(other.article_body),
        url: article.url,
        language: article.language.or(other.language),
    }
}

fn is_article(v: &serde_json::Value) -> bool {
    let is = |t: &str| t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report";
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => is(t),
        Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).any(is),
        _ => false,
    }
}

fn fill(target: &mut JsonLd, v: &serde_json::Value) {
    let text = |key: &str| v.get(key).and_then(string).filter(|s| !s.is_empty());
    if target.headline.is_none() && v.get("@type").is_some() {
        target.headline = text("headline");
    }
    if target.date_published.is_none() {
        target.date_published = text("datePublished").or_else(|| text("dateCreated"));
    }
    if target.publisher.is_none() {
        target.publisher = v.get("publisher").and_then(|p| match p {
            serde_json::Value::Array(items) => items.first().and_then(|p| p.get("name")).and_then(string),
            _ => p.get("name").and_then(string),
        });
    }
    if target.article_body.is_none() {
        target.article_body = text("articleBody");
    }
    if target.url.is_none() {
        target.url = text("url").or_else(|| v.get("mainEntityOfPage").and_then(|m| m.get("@id")).and_then(string));
    }
    if target.language.is_none() {
        target.language = text("inLanguage");
    }
}

fn string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_string()),
        serde_json::Value::Array(items) => items.first().and_then(string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_in_a_graph() {
        let script = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site","publisher":{"@type":"Organization","name":"Org"}},
            {"@type":["NewsArticle"],"headline":"Frappe sur Gandja","datePublished":"2020-10-17T09:42:00+04:00",
             "publisher":{"@type":"Organization","name":"Le Courrier"},"articleBody":"Une frappe...","inLanguage":"fr-FR"}]}"#;
        let ld = parse(&[script.to_string(), "not json".to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Frappe sur Gandja"));
        assert_eq!(ld.date_published.as_deref(), Some("2020-10-17T09:42:00+04:00"));
        assert_eq!(ld.publisher.as_deref(), Some("Le Courrier"));
        assert_eq!(ld.article_body.as_deref(), Some("Une frappe..."));
        assert_eq!(ld.language.as_deref(), Some("fr-FR"));
    }
}
