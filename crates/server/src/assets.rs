//! The web page's files, inside the binary (`include_bytes!`): warlog's own
//! page (`web/index.html`, `app.js`, `style.css`) and the vendored
//! third-party files of `web/vendor/` (Leaflet, topojson-client and the
//! Natural Earth countries; see `web/vendor/README.md`). Nothing is read
//! from disk or the network at run time.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::Shared;

/// One embedded file.
pub struct Asset {
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const JSON: &str = "application/json";
const SVG: &str = "image/svg+xml";

macro_rules! asset {
    ($path:literal, $file:literal, $type:expr) => {
        Asset { path: $path, content_type: $type, body: include_bytes!(concat!("../web/", $file)) }
    };
}

/// Every file the page loads, by URL path.
pub const ASSETS: &[Asset] = &[
    asset!("/", "index.html", HTML),
    asset!("/app.js", "app.js", JS),
    asset!("/style.css", "style.css", CSS),
    asset!("/favicon.svg", "favicon.svg", SVG),
    asset!("/vendor/leaflet.js", "vendor/leaflet.js", JS),
    asset!("/vendor/leaflet.css", "vendor/leaflet.css", CSS),
    asset!("/vendor/topojson-client.min.js", "vendor/topojson-client.min.js", JS),
    asset!("/vendor/countries-50m.json", "vendor/countries-50m.json", JSON),
];

pub fn routes() -> Router<Shared> {
    ASSETS.iter().fold(Router::new(), |router, asset| {
        let response = move || async move {
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                ],
                asset.body,
            )
                .into_response()
        };
        router.route(asset.path, get(response))
    })
}
