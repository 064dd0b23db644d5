//! Every error the server can answer with, mapped once — in
//! [`ApiError::kind`] — to a stable code and an HTTP status, and sent as
//! `{"error": {"code", "message"}}`. User errors (a bad filter, an unknown
//! id) are 4xx; failures of the store or the server are 500. Codes are a
//! contract for scripts: add, never rename.
//!
//! [`ServeError`] is the other side: why `warlog serve` could not start.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use warlog_store::StoreError;

use crate::filter::FilterError;

/// An error answered to an HTTP request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// A query parameter that is not a number, a boolean, ... or not known.
    #[error("{0}")]
    BadParameter(String),
    #[error("not an event id (a positive integer): {0:?}")]
    BadEventId(String),
    #[error("no event #{0} in the store")]
    EventNotFound(i64),
    #[error("no document {0:?} in the store")]
    DocumentNotFound(String),
    #[error("no such route: {0}")]
    RouteNotFound(String),
    #[error("method {0} is not allowed here (the API is read-only: GET)")]
    MethodNotAllowed(String),
    #[error(
        "host {0:?} is not allowed: this server listens on a loopback address and answers only requests for localhost"
    )]
    HostNotAllowed(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// The one table of statuses and codes.
    pub fn kind(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::Filter(_) => (StatusCode::BAD_REQUEST, "invalid_filter"),
            ApiError::BadParameter(_) => (StatusCode::BAD_REQUEST, "invalid_parameter"),
            ApiError::BadEventId(_) => (StatusCode::BAD_REQUEST, "invalid_event_id"),
            ApiError::EventNotFound(_) => (StatusCode::NOT_FOUND, "event_not_found"),
            ApiError::DocumentNotFound(_) => (StatusCode::NOT_FOUND, "document_not_found"),
            ApiError::RouteNotFound(_) => (StatusCode::NOT_FOUND, "route_not_found"),
            ApiError::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::HostNotAllowed(_) => (StatusCode::FORBIDDEN, "host_not_allowed"),
            ApiError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "store_error"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.kind();
        if status.is_server_error() {
            eprintln!("warlog serve: {code}: {self}");
        }
        (status, Json(json!({"error": {"code": code, "message": self.to_string()}}))).into_response()
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{path}: no store here; create one with `warlog run PATH --db {path}`")]
    NoStore { path: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}; is another server using that port? Try another --addr")]
    Bind {
        addr: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the HTTP server failed: {0}")]
    Io(#[from] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_are_4xx_and_the_rest_500() {
        let user = [
            ApiError::Filter(FilterError::BBox),
            ApiError::BadParameter("limit".into()),
            ApiError::BadEventId("x".into()),
            ApiError::EventNotFound(1),
            ApiError::DocumentNotFound("d".into()),
        ];
        for e in user {
            assert!(e.kind().0.is_client_error(), "{e}");
        }
        let ours = ApiError::Store(StoreError::UnknownEvent(3));
        assert_eq!(ours.kind(), (StatusCode::INTERNAL_SERVER_ERROR, "store_error"));
    }
}
