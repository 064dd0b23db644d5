//! The JSON API under `/api`, read-only. Shapes are those of
//! ../shared/spec/CLI.md, built by `warlog_model::wire` like the command
//! line's `--json`:
//!
//! | route | answers |
//! |---|---|
//! | `GET /api/events?since&until&near&within&bbox&type&actor&source&contested&text&limit&offset` | `[event]`, as `warlog events --json` |
//! | `GET /api/events/{id}` | one event with its claims, each with its evidence, document id and byte span |
//! | `GET /api/documents/{id}` | `{"id", "title", "published", "language", "url", "outlet", "origin", "text", "segments", "claims"}` |
//! | `GET /api/tallies?party` | `[tally]`, as `warlog tallies --json` |
//! | `GET /api/search?q&limit` | `[hit]`, as `warlog search --json`, plus `published`, `start`, `end` |
//! | `GET /api/types` | the event types' names |
//! | `GET /api/health` | `{"status": "ok", "version", "store": {"documents", "claims", "events", "tallies"}}` |
//!
//! Offsets (`start`, `end`) are UTF-8 byte offsets into the document's
//! `text`. Unknown parameters, malformed numbers and bad filters are 400,
//! unknown ids 404 (see [`crate::error`]).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use warlog_model::{EventType, wire};

use crate::error::ApiError;
use crate::filter::{Filter, parse_numbers};
use crate::state::{Shared, with_store};

/// Events per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 1000;
/// The largest `limit` accepted.
pub const MAX_LIMIT: usize = 10_000;
/// Search hits when `limit` is not given, and at most.
const SEARCH_LIMIT: (usize, usize) = (20, 200);

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/types", get(types))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents/{id}", get(document))
        .route("/api/tallies", get(tallies))
        .route("/api/search", get(search))
}

type ApiResult = Result<Json<Value>, ApiError>;

/// A query string, or a 400 in our own error shape when it does not parse
/// (an unknown parameter, a repeated one).
fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(p)| p).map_err(|e| ApiError::BadParameter(e.body_text()))
}

/// A parameter's value; an empty one (`since=`, as forms send) is absent.
fn given(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

fn number<T: std::str::FromStr>(name: &str, v: Option<String>) -> Result<Option<T>, ApiError> {
    given(v)
        .map(|s| s.trim().parse::<T>().map_err(|_| ApiError::BadParameter(format!("{name}: not a number: {s:?}"))))
        .transpose()
}

fn boolean(name: &str, v: Option<String>) -> Result<Option<bool>, ApiError> {
    given(v)
        .map(|s| match s.trim() {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            _ => Err(ApiError::BadParameter(format!("{name}: expected true or false, not {s:?}"))),
        })
        .transpose()
}

async fn health(State(state): State<Shared>) -> ApiResult {
    let counts = with_store(&state, |s| Ok(s.counts()?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "store": {"documents": counts.documents, "claims": counts.claims, "events": counts.events, "tallies": counts.tallies},
    })))
}

async fn types() -> Json<Value> {
    Json(json!(EventType::ALL.map(|t| t.as_str())))
}

/// The query parameters of `GET /api/events`, as strings so that a bad
/// value gets a message naming it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    since: Option<String>,
    until: Option<String>,
    near: Option<String>,
    within: Option<String>,
    bbox: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    actor: Option<String>,
    source: Option<String>,
    contested: Option<String>,
    text: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

impl EventParams {
    fn filter(self) -> Result<Filter, ApiError> {
        let bbox = match given(self.bbox) {
            Some(s) => Some(parse_numbers(&s).ok_or(crate::filter::FilterError::BBox)?),
            None => None,
        };
        let limit = number::<usize>("limit", self.limit)?.unwrap_or(DEFAULT_LIMIT);
        if limit > MAX_LIMIT {
            return Err(ApiError::BadParameter(format!("limit: at most {MAX_LIMIT}, not {limit}")));
        }
        Ok(Filter {
            since: given(self.since),
            until: given(self.until),
            near: given(self.near),
            within: number("within", self.within)?,
            bbox,
            event_type: given(self.event_type),
            actor: given(self.actor),
            source: given(self.source),
            contested: boolean("contested", self.contested)?,
            text: given(self.text),
            limit: Some(limit),
            offset: number("offset", self.offset)?.unwrap_or(0),
        })
    }
}

async fn events(State(state): State<Shared>, q: Result<Query<EventParams>, QueryRejection>) -> ApiResult {
    let query = params(q)?.filter()?.query()?;
    let events = with_store(&state, move |s| Ok(s.events(&query)?)).await?;
    Ok(Json(Value::Array(events.iter().map(wire::event_json).collect())))
}

async fn event(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let id = id.parse::<i64>().ok().filter(|&n| n > 0).ok_or(ApiError::BadEventId(id))?;
    let event = with_store(&state, move |s| s.event(id)?.ok_or(ApiError::EventNotFound(id))).await?;
    Ok(Json(wire::event_json(&event)))
}

async fn document(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let (doc, segments, claims) = with_store(&state, move |s| {
        let (doc, segments) = s.document(&id)?.ok_or_else(|| ApiError::DocumentNotFound(id.clone()))?;
        let claims = s.document_claims(&id)?;
        Ok((doc, segments, claims))
    })
    .await?;
    let mut v = wire::text_json(&doc, &doc.text);
    let obj = v.as_object_mut().expect("text_json is an object");
    obj.insert("id".into(), json!(doc.id));
    obj.insert("origin".into(), json!(doc.origin));
    obj.insert("url".into(), json!(doc.meta.url));
    obj.insert("outlet".into(), json!(doc.meta.outlet));
    obj.insert("segments".into(), segments.iter().map(wire::segment_json).collect());
    let claims: Vec<Value> = claims
        .iter()
        .map(|(id, c)| {
            let mut v = wire::claim_json(c);
            v.as_object_mut().expect("claim_json is an object").insert("id".into(), json!(id));
            v
        })
        .collect();
    obj.insert("claims".into(), Value::Array(claims));
    Ok(Json(v))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TallyParams {
    party: Option<String>,
}

async fn tallies(State(state): State<Shared>, q: Result<Query<TallyParams>, QueryRejection>) -> ApiResult {
    let party = given(params(q)?.party);
    let tallies = with_store(&state, move |s| Ok(s.tallies(party.as_deref())?)).await?;
    Ok(Json(Value::Array(tallies.iter().map(wire::tally_json).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
}

async fn search(State(state): State<Shared>, q: Result<Query<SearchParams>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let text = given(p.q).ok_or_else(|| ApiError::BadParameter("q: the words to search for are missing".into()))?;
    let limit = number::<usize>("limit", p.limit)?.unwrap_or(SEARCH_LIMIT.0).min(SEARCH_LIMIT.1);
    let hits = with_store(&state, move |s| Ok(s.search(&text, limit)?)).await?;
    let hits: Vec<Value> = hits
        .iter()
        .map(|h| {
            let mut v = wire::search_hit_json(&h.doc_id, &h.origin, h.url.as_deref(), h.title.as_deref(), &h.snippet);
            let obj = v.as_object_mut().expect("search_hit_json is an object");
            obj.insert("published".into(), json!(h.published.map(|d| d.to_string())));
            obj.insert("start".into(), json!(h.hit.map(|s| s.start)));
            obj.insert("end".into(), json!(h.hit.map(|s| s.end)));
            v
        })
        .collect();
    Ok(Json(Value::Array(hits)))
}
