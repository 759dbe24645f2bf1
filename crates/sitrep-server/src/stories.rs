//! `GET /api/stories`: the events matching the `/api/events` filters,
//! merged across articles by [`sitrep_query::stories::stories`], at most
//! [`MAX_STORY_EVENTS`] of them (400 beyond, asking to narrow the filter).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_query::stories::{stories, StoriesError, MAX_STORY_EVENTS};

use crate::{blocking_scan, ApiError, ApiResult, AppState};

pub(crate) async fn get_stories(
    State(s): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let q = crate::filter_only_query(&raw, "/api/stories", s.max_page)?;
    let store = Arc::clone(&s.store);
    let page = blocking_scan(&s, move || {
        match stories(&store, &q.filter, MAX_STORY_EVENTS) {
            Ok(p) => Ok(p),
            Err(e @ StoriesError::TooMany(_)) => Err(ApiError::bad_request(e.to_string())),
            Err(StoriesError::Store(e)) => Err(e.into()),
        }
    })
    .await?;
    Ok(Json(page).into_response())
}
