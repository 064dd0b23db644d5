//! What keeps untrusted page text inert and the server private, on every
//! response:
//!
//! * a strict Content-Security-Policy: scripts, styles and data only from
//!   this server, no inline script or style element, no plugins, no
//!   framing — so even text that reached the DOM as markup could not run;
//! * `X-Content-Type-Options: nosniff`, so JSON holding `<script>` is never
//!   read as HTML, and no referrer leaks to the pages linked from the UI;
//! * answers only requests addressed to a loopback host when the server
//!   listens on a loopback address (the default), so a web site cannot read
//!   the API through DNS rebinding.
//!
//! The page itself renders every string with `textContent` (see
//! `web/app.js`); `tests/http.rs` checks both sides.

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::Shared;

/// The policy: everything from this origin only; `data:` images for
/// Leaflet's controls; no `'unsafe-inline'` anywhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HEADERS: [(HeaderName, &str); 6] = [
    (header::CONTENT_SECURITY_POLICY, CSP),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
];

/// Middleware: refuses foreign hosts, then adds the security headers.
pub async fn guard(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned());
    let mut response = match host {
        Some(host) if state.loopback_only && !is_loopback_host(&host) => ApiError::HostNotAllowed(host).into_response(),
        _ => next.run(request).await,
    };
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// `localhost`, `127.0.0.1:8080`, `[::1]:8080`, ...
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _port)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for ok in ["localhost", "localhost:8080", "127.0.0.1:8080", "127.1.2.3", "[::1]:80", "LOCALHOST:1"] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in ["evil.example:8080", "10.0.0.1:8080", "localhost.evil.example", "[::2]:80", ""] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
