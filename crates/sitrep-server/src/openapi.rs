//! The OpenAPI 3.0 description served at `/openapi.json`. [`ROUTES`] is the
//! list the router is built from; a test checks that every route appears
//! here with its method and that the `/api/events` parameters are exactly
//! the ones the query parser accepts.

use serde_json::{json, Value};

/// Every API route as (method, path in OpenAPI template form).
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/events"),
    ("get", "/api/events/{id}"),
    ("get", "/api/documents/{id}"),
    ("post", "/api/documents"),
    ("get", "/api/stats"),
    ("get", "/api/stories"),
    ("get", "/api/export"),
    ("get", "/api/alerts"),
    ("get", "/openapi.json"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
];

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn filter_params() -> Vec<Value> {
    vec![
        param(
            "category",
            "PLOVER categories, comma-separated (any of)",
            json!({"type": "string"}),
        ),
        param(
            "country",
            "Country/IGO code of the source, target or location",
            json!({"type": "string"}),
        ),
        param(
            "actor",
            "Case-insensitive substring of the source or target actor's text or code",
            json!({"type": "string"}),
        ),
        param(
            "from",
            "First event date, inclusive",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "to",
            "Last event date, inclusive",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "bbox",
            "min_lon,min_lat,max_lon,max_lat",
            json!({"type": "string", "example": "20,40,45,60"}),
        ),
        param(
            "q",
            "Words that must all occur in the sentence",
            json!({"type": "string"}),
        ),
        param(
            "doc_id",
            "Only events of this document",
            json!({"type": "string"}),
        ),
    ]
}

fn page_params(max_page: usize) -> Vec<Value> {
    vec![
        param(
            "sort",
            "Sort order; ties broken by event_id",
            json!({"type": "string", "enum": ["-date", "date", "-intensity", "intensity"], "default": "-date"}),
        ),
        param(
            "limit",
            "Page size (capped)",
            json!({"type": "integer", "minimum": 1, "maximum": max_page, "default": sitrep_store::DEFAULT_LIMIT.min(max_page)}),
        ),
        param(
            "cursor",
            "The `next` value of the previous page",
            json!({"type": "string"}),
        ),
        param(
            "offset",
            "Events to skip (after the cursor, if any)",
            json!({"type": "integer", "minimum": 0}),
        ),
    ]
}

fn error_response(desc: &str) -> Value {
    json!({"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn json_response(desc: &str, schema: Value) -> Value {
    json!({"description": desc, "content": {"application/json": {"schema": schema}}})
}

/// `GET /api/alerts` (parameters exactly [`sitrep_query::alerts::ALERT_PARAMS`]).
fn alerts_path() -> Value {
    let params = vec![
        param(
            "since",
            "Only alerts dated on or after this day; earlier events still form the baselines",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "country",
            "Country/IGO code the alert is about",
            json!({"type": "string"}),
        ),
        param(
            "kind",
            "Detectors, comma-separated (any of)",
            json!({"type": "string", "enum": ["surge", "first-of-kind", "escalation"]}),
        ),
        param(
            "category",
            "PLOVER categories, comma-separated (any of)",
            json!({"type": "string"}),
        ),
        param(
            "limit",
            "Most alerts returned (newest first); `total` counts all matches",
            json!({"type": "integer", "minimum": 1, "maximum": sitrep_query::alerts::MAX_ALERT_LIMIT, "default": sitrep_query::alerts::DEFAULT_ALERT_LIMIT}),
        ),
    ];
    json!({"get": {
        "summary": "Crisis alerts (surges, first-of-kind events, escalation) over the stored events, newest first",
        "description": "Computed over every stored event and cached until the store's row counts change. Each alert is the object `sitrep alerts` prints as one JSON line.",
        "operationId": "listAlerts",
        "parameters": params,
        "responses": {
            "200": json_response("Alerts", json!({"type": "object", "required": ["alerts", "total"], "properties": {
                "alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}},
                "total": {"type": "integer"}}})),
            "400": error_response("Unparsable or unknown parameter")
        }
    }})
}

fn alert_schema() -> Value {
    json!({"type": "object", "required": ["id", "kind", "country", "category", "date", "score", "reason", "events"], "properties": {
        "id": {"type": "string", "description": "Stable id (hash of kind, series, signal and date)"},
        "kind": {"type": "string", "enum": ["surge", "first-of-kind", "escalation"]},
        "country": {"type": "string", "description": "ISO alpha-3 or IGO code"},
        "category": {"type": "string", "description": "PLOVER category (ASSAULT for an escalation)"},
        "date": {"type": "string", "format": "date"},
        "score": {"type": "number", "description": "surge: -log10 p; first-of-kind: events that day; escalation: window / span"},
        "reason": {"type": "string", "description": "Why: the series, the baseline, the threshold and what happened"},
        "events": {"type": "array", "items": {"type": "string"}, "description": "Event ids behind the alert"},
        "actors": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2, "description": "[source, target] of a pair series"},
        "signal": {"type": "string", "enum": ["state-of-emergency", "coup", "foreign-troops", "ceasefire"]}}})
}

/// The OpenAPI document.
pub fn document(max_page: usize, max_body: usize) -> Value {
    let mut doc = base_document(max_page, max_body);
    doc["paths"]["/api/alerts"] = alerts_path();
    doc["components"]["schemas"]["Alert"] = alert_schema();
    for (path, op) in operations_paths() {
        doc["paths"][path] = op;
    }
    doc
}

/// `/healthz`, `/readyz` and `/metrics`: for operators and probes.
fn operations_paths() -> [(&'static str, Value); 3] {
    [
        (
            "/healthz",
            json!({"get": {
                "summary": "The process is alive and answering",
                "operationId": "healthz",
                "responses": {
                    "200": json_response("Alive", json!({"type": "object", "properties": {"status": {"type": "string", "enum": ["ok"]}}}))
                }
            }}),
        ),
        (
            "/readyz",
            json!({"get": {
                "summary": "The store answers a query (its migrations are applied when it is opened)",
                "operationId": "readyz",
                "responses": {
                    "200": json_response("Ready", json!({"type": "object", "properties": {
                        "status": {"type": "string", "enum": ["ready"]},
                        "generation": {"description": "The store's change marker", "type": "object", "properties": {
                            "versions": {"type": "integer"}, "last_event_row": {"type": "integer"}}}}})),
                    "503": error_response("The store is not reachable")
                }
            }}),
        ),
        (
            "/metrics",
            json!({"get": {
                "summary": "Metrics in the Prometheus text format: requests by route and status, latency histograms, requests in flight, refusals by limit, store query time, documents and events ingested, alert computations",
                "operationId": "metrics",
                "responses": {
                    "200": {"description": "Prometheus text format 0.0.4", "content": {"text/plain": {"schema": {"type": "string"}}}}
                }
            }}),
        ),
    ]
}

fn base_document(max_page: usize, max_body: usize) -> Value {
    let mut events_params = filter_params();
    events_params.extend(page_params(max_page));
    let mut export_params = filter_params();
    let mut formats = vec!["csv", "jsonl", "geojson"];
    if cfg!(feature = "parquet") {
        formats.push("parquet");
    }
    export_params.push(json!({"name": "format", "in": "query", "required": true, "schema": {"type": "string", "enum": formats}}));
    export_params.push(param(
        "sort",
        "Sort order",
        json!({"type": "string", "enum": ["-date", "date", "-intensity", "intensity"]}),
    ));
    let id_param = |what: &str| json!({"name": "id", "in": "path", "required": true, "description": what, "schema": {"type": "string"}});
    let mut doc = json!({
        "openapi": "3.0.3",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Query PLOVER events coded by sitrep. Events are in the `sitrep code` JSON format. Errors are `{status, message}`."
        },
        "paths": {
            "/api/events": {"get": {
                "summary": "Events matching the filters, one page at a time",
                "operationId": "listEvents",
                "parameters": events_params,
                "responses": {
                    "200": json_response("A page of events", json!({"$ref": "#/components/schemas/EventPage"})),
                    "400": error_response("Unparsable parameter")
                }
            }},
            "/api/events/{id}": {"get": {
                "summary": "One event with its document excerpt and the spans to highlight",
                "operationId": "getEvent",
                "parameters": [id_param("event_id")],
                "responses": {
                    "200": json_response("The event", json!({"$ref": "#/components/schemas/EventDetail"})),
                    "404": error_response("No such event")
                }
            }},
            "/api/documents/{id}": {"get": {
                "summary": "A document: text, versions (with the id each arrived as), near-duplicates, events, places",
                "operationId": "getDocument",
                "parameters": [id_param("document id")],
                "responses": {
                    "200": json_response("The document", json!({"type": "object"})),
                    "404": error_response("No such document")
                }
            }},
            "/api/documents": {"post": {
                "summary": "Code and store one or many documents",
                "operationId": "postDocuments",
                "security": [{"bearer": []}],
                "requestBody": {
                    "required": true,
                    "description": format!("At most {max_body} bytes"),
                    "content": {"application/json": {"schema": {"oneOf": [
                        {"$ref": "#/components/schemas/NewDocument"},
                        {"type": "array", "items": {"$ref": "#/components/schemas/NewDocument"}}
                    ]}}}
                },
                "responses": {
                    "200": json_response("What happened to each document", json!({"type": "object", "properties": {"results": {"type": "array", "items": {"type": "object", "properties": {
                        "id": {"type": "string"},
                        "outcome": {"type": "string", "enum": ["added", "unchanged", "new_version", "older_version"]},
                        "events": {"type": "integer", "description": "events stored"},
                        "document": {"type": "string", "description": "id it was stored under: its own, or the article it is a version of"},
                        "why": {"type": "string", "nullable": true, "description": "why it was taken for a version of another id"},
                        "duplicates": {"type": "integer", "description": "near-duplicate links written"}}}}}})),
                    "400": error_response("Bad JSON or document"),
                    "401": error_response("Missing or wrong bearer token"),
                    "403": error_response("Write endpoints are closed: no token configured"),
                    "413": error_response("Body too large"),
                    "503": error_response("No coder configured")
                }
            }},
            "/api/stats": {"get": {
                "summary": "Event counts by day × category × country for the filters",
                "operationId": "getStats",
                "parameters": filter_params(),
                "responses": {
                    "200": json_response("Counts", json!({"type": "object", "properties": {
                        "total": {"type": "integer"},
                        "stats": {"type": "array", "items": {"$ref": "#/components/schemas/StatRow"}}}})),
                    "400": error_response("Unparsable parameter")
                }
            }},
            "/api/stories": {"get": {
                "summary": "The matching events merged across articles: one story per real-world happening",
                "description": format!("Same filters as /api/events, no paging. Refused (400) when more than {} events match.", sitrep_query::stories::MAX_STORY_EVENTS),
                "operationId": "listStories",
                "parameters": filter_params(),
                "responses": {
                    "200": json_response("Stories", json!({"type": "object", "required": ["stories", "total", "events"], "properties": {
                        "total": {"type": "integer", "description": "number of stories"},
                        "events": {"type": "integer", "description": "number of events merged"},
                        "stories": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}}}})),
                    "400": error_response("Unparsable parameter, or too many matching events")
                }
            }},
            "/api/export": {"get": {
                "summary": "All events matching the filters as CSV, JSON lines or GeoJSON",
                "operationId": "exportEvents",
                "parameters": export_params,
                "responses": {
                    "200": {"description": "The export", "content": {
                        "text/csv": {"schema": {"type": "string"}},
                        "application/x-ndjson": {"schema": {"type": "string"}},
                        "application/geo+json": {"schema": {"type": "object"}},
                        "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}},
                    "400": error_response("Unparsable parameter or unknown format")
                }
            }},
            "/openapi.json": {"get": {
                "summary": "This description",
                "operationId": "openapi",
                "responses": {"200": json_response("OpenAPI 3 document", json!({"type": "object"}))}
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["status", "message"], "properties": {
                    "status": {"type": "integer"}, "message": {"type": "string"}}},
                "Event": {"type": "object", "description": "An event record in the `sitrep code` format", "required": ["event_id", "doc_id", "category", "sentence", "span"]},
                "EventPage": {"type": "object", "required": ["events", "total", "next"], "properties": {
                    "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                    "total": {"type": "integer"},
                    "next": {"type": "string", "nullable": true}}},
                "EventDetail": {"type": "object", "properties": {
                    "event": {"$ref": "#/components/schemas/Event"},
                    "document": {"type": "object"},
                    "excerpt": {"type": "string"},
                    "excerpt_start": {"type": "integer"},
                    "highlights": {"type": "array", "items": {"type": "object", "properties": {
                        "kind": {"type": "string", "enum": ["sentence", "source", "target", "trigger", "date", "location"]},
                        "start": {"type": "integer"}, "end": {"type": "integer"}}}}}},
                "StatRow": {"type": "object", "properties": {
                    "day": {"type": "string"}, "category": {"type": "string"}, "country": {"type": "string"}, "count": {"type": "integer"}}},
                "Story": {"type": "object", "properties": {
                    "id": {"type": "string"}, "category": {"type": "string"},
                    "source": {"type": "string", "nullable": true}, "target": {"type": "string", "nullable": true},
                    "date_start": {"type": "string", "nullable": true}, "date_end": {"type": "string", "nullable": true},
                    "location": {"type": "string", "nullable": true}, "place": {"type": "string", "nullable": true},
                    "mentions": {"type": "integer"},
                    "sources": {"type": "array", "items": {"type": "string"}, "description": "documents that reported it"},
                    "first_seen": {"type": "string", "nullable": true},
                    "members": {"type": "array", "items": {"type": "string"}, "description": "event ids"},
                    "event_urls": {"type": "array", "items": {"type": "string"}},
                    "links": {"type": "array", "items": {"type": "object", "properties": {
                        "event_id": {"type": "string"}, "doc_id": {"type": "string"},
                        "span": {"type": "array", "items": {"type": "integer"}}}}},
                    "why": {"type": "array", "items": {"type": "string"}, "description": "one sentence per merge"}}},
                "NewDocument": {"type": "object", "required": ["id", "text"], "properties": {
                    "id": {"type": "string"}, "text": {"type": "string"}, "title": {"type": "string"},
                    "published": {"type": "string", "description": "YYYY-MM-DD or RFC 3339"},
                    "source": {"type": "string"}, "url": {"type": "string"}}}
            }
        }
    });
    for_each_read(&mut doc, |op| {
        op["responses"]["503"] =
            error_response("The query ran over the server's time limit and was stopped");
    });
    doc
}

/// Calls `f` on every GET operation of `doc`.
fn for_each_read(doc: &mut Value, mut f: impl FnMut(&mut Value)) {
    if let Some(paths) = doc["paths"].as_object_mut() {
        for item in paths.values_mut() {
            if let Some(op) = item.get_mut("get") {
                f(op);
            }
        }
    }
}

/// Marks every GET operation as needing the bearer token (read or write
/// token), for a server whose reads are private.
pub fn require_token_for_reads(doc: &mut Value) {
    for_each_read(doc, |op| {
        op["security"] = json!([{"bearer": []}]);
        op["responses"]["401"] = error_response("Reads are private: missing or wrong bearer token");
    });
    if let Some(info) = doc.get_mut("info") {
        info["description"] = json!(format!(
            "{} Reads are private on this server: every GET needs `Authorization: Bearer <read or write token>`.",
            info["description"].as_str().unwrap_or_default()
        ));
    }
}
