//! API tests over real HTTP on 127.0.0.1 (ephemeral ports): every filter,
//! pagination, auth, limits, bad parameters, exports and the OpenAPI
//! description.

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;
use sitrep_coder::record::EventRecord;
use sitrep_query::CSV_COLUMNS;
use sitrep_server::ServerConfig;
use sitrep_store::{EventQuery, Store};
use sitrep_testkit::corpus::corpus;
use sitrep_testkit::http::{request, Resp};
use sitrep_testkit::server::serve;
use sitrep_testkit::store::seeded_store;
use sitrep_testkit::Scratch;

struct Server {
    addr: SocketAddr,
    store: Arc<Store>,
    _dir: Scratch,
}

fn start(configure: impl FnOnce(&mut ServerConfig)) -> Server {
    let dir = Scratch::new("server-test");
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let store = seeded_store(&dir, &corpus("d", 30, 4, start, 20, 42));
    let mut config = ServerConfig::new(Arc::clone(&store));
    configure(&mut config);
    let addr = serve(config);
    Server {
        addr,
        store,
        _dir: dir,
    }
}

fn get(s: &Server, path: &str) -> Resp {
    request(s.addr, "GET", path, &[], b"")
}

fn expected_total(s: &Server, pairs: &[(&str, &str)]) -> u64 {
    let q = EventQuery::from_pairs(pairs.iter().copied(), &[], 1000).expect("query");
    s.store.count_events(&q.filter).expect("count")
}

fn enc(v: &str) -> String {
    form_urlencoded::byte_serialize(v.as_bytes()).collect()
}

fn qs(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn assert_json_error(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(r
        .headers
        .get("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    let j = r.json();
    assert_eq!(j["status"], status);
    assert!(j["message"].as_str().is_some_and(|m| !m.is_empty()), "{j}");
}

#[test]
fn every_filter_over_http() {
    let s = start(|_| {});
    let all = get(&s, "/api/events?limit=500");
    assert_eq!(all.status, 200);
    assert_eq!(all.json()["total"], 120);
    let cases: &[&[(&str, &str)]] = &[
        &[("category", "PROTEST")],
        &[("category", "aid,consult")],
        &[("country", "UKR")],
        &[("country", "kaz")],
        &[("actor", "french")],
        &[("actor", "USA")],
        &[("from", "2024-01-05")],
        &[("to", "2024-01-10")],
        &[("from", "2024-01-05"), ("to", "2024-01-10")],
        &[("bbox", "-10,40,45,60")],
        &[("bbox", "-180,-90,0,90")],
        &[("q", "shelled")],
        &[("q", "met with Paris")],
        &[("doc_id", "d3")],
        &[
            ("country", "RUS"),
            ("category", "ASSAULT"),
            ("from", "2023-12-01"),
        ],
    ];
    for pairs in cases {
        let want = expected_total(&s, pairs);
        let r = get(&s, &format!("/api/events?limit=500&{}", qs(pairs)));
        assert_eq!(r.status, 200, "{pairs:?}: {}", r.text());
        let j = r.json();
        assert_eq!(j["total"], want, "{pairs:?}");
        let events: Vec<EventRecord> =
            serde_json::from_value(j["events"].clone()).expect("event records");
        assert_eq!(events.len() as u64, want, "{pairs:?}");
        if pairs.iter().any(|(k, _)| *k != "from" && *k != "to") {
            assert!(want < 120, "{pairs:?} filters something");
        }
        for e in &events {
            for (k, v) in pairs.iter() {
                match *k {
                    "category" => assert!(v.to_uppercase().split(',').any(|c| e.category == c)),
                    "from" => assert!(e.date.as_deref() >= Some(*v)),
                    "to" => assert!(e.date.as_deref() <= Some(*v)),
                    "doc_id" => assert_eq!(e.doc_id, *v),
                    "q" if *v == "shelled" => assert!(e.sentence.contains("shelled")),
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn cursor_pages_and_limits() {
    let s = start(|c| c.max_page = 20);
    let mut seen = Vec::new();
    let mut url = "/api/events?sort=date&limit=7".to_owned();
    loop {
        let j = get(&s, &url).json();
        assert_eq!(j["total"], 120);
        let evs = j["events"].as_array().expect("events").clone();
        assert!(evs.len() <= 7);
        seen.extend(
            evs.iter()
                .map(|e| e["event_id"].as_str().unwrap_or("").to_owned()),
        );
        match j["next"].as_str() {
            Some(n) => url = format!("/api/events?limit=7&cursor={}", enc(n)),
            None => break,
        }
    }
    assert_eq!(seen.len(), 120);
    let mut d = seen.clone();
    d.sort();
    d.dedup();
    assert_eq!(d.len(), 120);
    // limit above the page cap is capped
    let j = get(&s, "/api/events?limit=100000").json();
    assert_eq!(j["events"].as_array().map(Vec::len), Some(20));
    // offset
    let a = get(&s, "/api/events?sort=-intensity&limit=10").json();
    let b = get(&s, "/api/events?sort=-intensity&limit=5&offset=5").json();
    assert_eq!(
        a["events"].as_array().expect("a")[5..],
        b["events"].as_array().expect("b")[..]
    );
    // cursor and a different sort is an error
    let n = a["next"].as_str().expect("next").to_owned();
    assert_json_error(
        &get(&s, &format!("/api/events?sort=date&cursor={}", enc(&n))),
        400,
    );
}

#[test]
fn bad_parameters_are_400_json() {
    let s = start(|_| {});
    for q in [
        "from=not-a-date",
        "to=2024-02-30",
        "from=2024-02-01&to=2024-01-01",
        "bbox=1,2,3",
        "bbox=a,b,c,d",
        "bbox=0,0,200,10",
        "limit=abc",
        "limit=0",
        "limit=-5",
        "offset=-1",
        "sort=random",
        "cursor=zzzz",
        "cursor=41",
        "nope=1",
        "q=%21%21%21",
    ] {
        assert_json_error(&get(&s, &format!("/api/events?{q}")), 400);
        if !q.starts_with("limit")
            && !q.starts_with("offset")
            && !q.starts_with("sort")
            && !q.starts_with("cursor")
        {
            assert_json_error(&get(&s, &format!("/api/stats?{q}")), 400);
            assert_json_error(&get(&s, &format!("/api/export?format=csv&{q}")), 400);
        }
    }
    assert_json_error(&get(&s, "/api/stats?limit=5"), 400);
    assert_json_error(&get(&s, "/api/export?format=xml"), 400);
    assert_json_error(&get(&s, "/api/export"), 400);
    assert_json_error(&get(&s, "/api/export?format=parquet"), 400);
    assert_json_error(&get(&s, "/api/export?format=csv&limit=3"), 400);
    // hostile values are data, not SQL
    for v in ["'; DROP TABLE events; --", "\" OR 1=1 --", "%", "_"] {
        for k in ["category", "country", "actor", "doc_id", "q"] {
            let r = get(&s, &format!("/api/events?{k}={}", enc(v)));
            if k == "q" && r.status == 400 {
                continue; // no words in it
            }
            assert_eq!(r.status, 200, "{k}={v}");
            assert_eq!(r.json()["total"], 0, "{k}={v}");
        }
    }
    assert_eq!(get(&s, "/api/events").json()["total"], 120);
    // unknown routes and methods
    assert_json_error(&get(&s, "/api/nothing"), 404);
    assert_json_error(&request(s.addr, "DELETE", "/api/events", &[], b""), 405);
    assert_json_error(&request(s.addr, "POST", "/api/stats", &[], b"{}"), 405);
}

#[test]
fn event_and_document_views() {
    let s = start(|_| {});
    let page = get(&s, "/api/events?doc_id=d7&sort=date").json();
    let id = page["events"][0]["event_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let r = get(&s, &format!("/api/events/{}", enc(&id)));
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["event"]["event_id"], id.as_str());
    assert_eq!(j["document"]["id"], "d7");
    let kinds: Vec<&str> = j["highlights"]
        .as_array()
        .expect("h")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["sentence", "source", "target", "trigger", "date", "location"]
    );
    let start = j["excerpt_start"].as_u64().expect("start") as usize;
    let trig = &j["highlights"][3];
    let (a, b) = (
        trig["start"].as_u64().expect("a") as usize,
        trig["end"].as_u64().expect("b") as usize,
    );
    let text: String = j["excerpt"]
        .as_str()
        .expect("excerpt")
        .chars()
        .skip(a - start)
        .take(b - a)
        .collect();
    assert_eq!(
        text,
        j["event"]["trigger"]["text"].as_str().expect("trigger")
    );
    assert_json_error(&get(&s, "/api/events/no-such-event"), 404);

    let d = get(&s, "/api/documents/d7").json();
    assert_eq!(d["id"], "d7");
    assert_eq!(d["versions"].as_array().map(Vec::len), Some(1));
    assert_eq!(d["events"].as_array().map(Vec::len), Some(4));
    assert!(d["text"].as_str().is_some_and(|t| t.contains("Report d7")));
    assert_json_error(&get(&s, "/api/documents/nope"), 404);
    assert_json_error(
        &get(&s, "/api/documents/%27%3B%20DROP%20TABLE%20documents"),
        404,
    );
}

#[test]
fn stats_match_events() {
    let s = start(|_| {});
    let j = get(&s, "/api/stats").json();
    assert_eq!(j["total"], 120);
    let sum: u64 = j["stats"]
        .as_array()
        .expect("stats")
        .iter()
        .filter_map(|r| r["count"].as_u64())
        .sum();
    assert_eq!(sum, 120);
    let j = get(&s, "/api/stats?category=ASSAULT&country=UKR").json();
    assert_eq!(
        j["total"],
        expected_total(&s, &[("category", "ASSAULT"), ("country", "UKR")])
    );
    assert!(j["stats"]
        .as_array()
        .expect("stats")
        .iter()
        .all(|r| r["category"] == "ASSAULT"));
}

#[test]
fn exports() {
    let s = start(|_| {});
    let want = expected_total(&s, &[("country", "UKR")]);
    let csv = get(&s, "/api/export?format=csv&country=UKR");
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].starts_with("text/csv"));
    let mut rd = csv::Reader::from_reader(csv.body.as_slice());
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len() as u64, want);
    assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()));

    let jl = get(&s, "/api/export?format=jsonl&country=UKR&sort=date");
    assert_eq!(jl.status, 200);
    let recs: Vec<EventRecord> = jl
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    assert_eq!(recs.len() as u64, want);
    assert!(recs.windows(2).all(|w| w[0].date <= w[1].date));

    let gj = get(&s, "/api/export?format=geojson");
    assert_eq!(gj.status, 200);
    let j = gj.json();
    assert_eq!(j["type"], "FeatureCollection");
    assert_eq!(j["features"].as_array().map(Vec::len), Some(120));
    assert_eq!(j["features"][0]["geometry"]["type"], "Point");

    let none = get(&s, "/api/export?format=geojson&country=XXX").json();
    assert_eq!(none["features"].as_array().map(Vec::len), Some(0));
}

fn fake_coder() -> sitrep_server::Coder {
    Arc::new(|doc: sitrep_coder::Document| {
        let date = doc
            .published
            .map(|p| p.date)
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(2024, 5, 1).expect("date"));
        let mut it = sitrep_testkit::corpus::item(&doc.id, date, 2, 1, 0);
        // keep the posted text: spans of the fake events point into it only roughly
        for e in &mut it.events {
            e.event_id = format!("{}-{}", doc.id, e.event_id);
        }
        (it.events, it.places)
    })
}

#[test]
fn writes_need_a_token_and_respect_limits() {
    let doc = br#"{"id":"p1","text":"Protesters marched in Kyiv.","title":"T","published":"2024-05-02T10:00:00+02:00"}"#;
    // no token configured: closed
    let s = start(|c| c.coder = Some(fake_coder()));
    assert_json_error(
        &request(
            s.addr,
            "POST",
            "/api/documents",
            &[("Authorization", "Bearer x")],
            doc,
        ),
        403,
    );
    drop(s);

    let s = start(|c| {
        c.token = Some("s3cret".into());
        c.coder = Some(fake_coder());
        c.max_body_bytes = 4096;
    });
    let json = ("Content-Type", "application/json");
    assert_json_error(
        &request(s.addr, "POST", "/api/documents", &[json], doc),
        401,
    );
    assert_json_error(
        &request(
            s.addr,
            "POST",
            "/api/documents",
            &[json, ("Authorization", "Bearer wrong")],
            doc,
        ),
        401,
    );
    assert_json_error(
        &request(
            s.addr,
            "POST",
            "/api/documents",
            &[json, ("Authorization", "s3cret")],
            doc,
        ),
        401,
    );
    let auth = ("Authorization", "Bearer s3cret");
    let r = request(s.addr, "POST", "/api/documents", &[json, auth], doc);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["results"][0]["outcome"], "added");
    assert_eq!(r.json()["results"][0]["events"], 2);
    let r = request(s.addr, "POST", "/api/documents", &[json, auth], doc);
    assert_eq!(r.json()["results"][0]["outcome"], "unchanged");
    let d = get(&s, "/api/documents/p1").json();
    assert_eq!(d["published"], "2024-05-02T10:00:00+02:00");
    assert_eq!(get(&s, "/api/events?doc_id=p1").json()["total"], 2);
    // many at once
    let many = br#"[{"id":"p2","text":"a b"},{"id":"p3","text":"c d","published":"2024-05-03"}]"#;
    let r = request(s.addr, "POST", "/api/documents", &[json, auth], many);
    assert_eq!(r.json()["results"].as_array().map(Vec::len), Some(2));
    // bad bodies
    for bad in [
        &b"not json"[..],
        br#"{"id":"x"}"#,
        br#"{"id":"","text":"t"}"#,
        br#"{"id":"x","text":"t","published":"yesterday"}"#,
        br#"{"id":"x","text":"t","extra":1}"#,
        br#"[]"#,
        br#"42"#,
    ] {
        assert_json_error(
            &request(s.addr, "POST", "/api/documents", &[json, auth], bad),
            400,
        );
    }
    let big = format!(r#"{{"id":"big","text":"{}"}}"#, "x".repeat(10_000));
    assert_json_error(
        &request(
            s.addr,
            "POST",
            "/api/documents",
            &[json, auth],
            big.as_bytes(),
        ),
        413,
    );
    drop(s);

    // token but no coder
    let s = start(|c| c.token = Some("t".into()));
    assert_json_error(
        &request(
            s.addr,
            "POST",
            "/api/documents",
            &[json, ("Authorization", "Bearer t")],
            doc,
        ),
        503,
    );
}

const WIRE_BODY: &str = "The defense ministers of the member-states of the Collective Security Treaty Organization signed a joint statement on the withdrawal of the military contingent from Kazakhstan, the secretariat said on Thursday. The process of withdrawing the collective peacekeeping forces was launched on January 13 and will be completed within ten days, the statement said.";

#[test]
fn versions_duplicates_and_stories_over_http() {
    let s = start(|c| {
        c.token = Some("t".into());
        c.coder = Some(fake_coder());
    });
    let docs = serde_json::json!([
        {"id": "w1", "title": "CSTO to withdraw peacekeepers from Kazakhstan", "source": "Trend",
         "published": "2022-01-13T17:09:00+04:00", "text": WIRE_BODY},
        {"id": "w1-update", "title": "CSTO to withdraw peacekeepers from Kazakhstan (UPDATE)", "source": "Trend",
         "published": "2022-01-13T17:39:00+04:00", "text": format!("{WIRE_BODY} The first planes left Almaty.")},
        {"id": "copy", "title": "Peacekeepers leave Kazakhstan", "source": "TASS",
         "published": "2022-01-13T17:20:00+03:00", "text": WIRE_BODY.replace("on Thursday", "on Thursday in Moscow")}
    ]);
    let json = ("Content-Type", "application/json");
    let auth = ("Authorization", "Bearer t");
    let body = serde_json::to_vec(&docs).expect("json");
    let r = request(s.addr, "POST", "/api/documents", &[json, auth], &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let results = r.json()["results"].clone();
    assert_eq!(results[0]["outcome"], "added");
    assert_eq!(results[1]["outcome"], "new_version");
    assert_eq!(results[1]["document"], "w1");
    assert!(results[1]["why"]
        .as_str()
        .is_some_and(|w| w.contains("headline")));
    assert_eq!(results[2]["outcome"], "added");
    assert_eq!(results[2]["duplicates"], 1);

    let d = get(&s, "/api/documents/w1").json();
    let versions = d["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["arrived_as"], "w1");
    assert_eq!(versions[1]["arrived_as"], "w1-update");
    assert_eq!(versions[1]["current"], true);
    assert_eq!(d["duplicates"][0]["id"], "copy");
    assert_eq!(d["duplicates"][0]["kind"], "duplicate");
    assert!(d["duplicates"][0]["similarity"]
        .as_f64()
        .is_some_and(|v| v >= 0.6));
    // The id an update arrived with leads to its article.
    assert_eq!(get(&s, "/api/documents/w1-update").json()["id"], "w1");
    assert_eq!(get(&s, "/api/events?doc_id=w1").json()["total"], 2);

    // Stories: the fake coder gives every posted document the same two
    // events, so w1's and the copy's merge.
    let st = get(&s, "/api/stories?from=2022-01-01&to=2022-01-31").json();
    assert_eq!(st["events"], 4, "{st}");
    let stories = st["stories"].as_array().expect("stories");
    assert_eq!(st["total"].as_u64(), Some(stories.len() as u64));
    assert!(!stories.is_empty());
    for story in stories {
        assert_eq!(story["mentions"], 2, "{story}");
        let mut sources: Vec<&str> = story["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        sources.sort_unstable();
        assert_eq!(sources, ["copy", "w1"]);
        assert_eq!(story["links"].as_array().map(Vec::len), Some(2));
        assert_eq!(story["event_urls"].as_array().map(Vec::len), Some(2));
        assert!(story["why"].as_array().is_some_and(|w| !w.is_empty()));
        let url = story["event_urls"][0].as_str().expect("url");
        assert_eq!(get(&s, url).status, 200);
    }
    let all = get(&s, "/api/stories").json();
    assert!(all["events"].as_u64().is_some_and(|n| n > 4));
    assert_json_error(&get(&s, "/api/stories?limit=5"), 400);
    assert_json_error(&get(&s, "/api/stories?nope=1"), 400);
    // Too many matching events: refused, asking to narrow the filter.
    let err =
        sitrep_query::stories::stories(&s.store, &Default::default(), 3).expect_err("over the cap");
    assert!(err.to_string().contains("narrow the filter"), "{err}");
}

#[test]
fn openapi_describes_every_route() {
    let s = start(|_| {});
    let r = get(&s, "/openapi.json");
    assert_eq!(r.status, 200);
    let j = r.json();
    assert!(j["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = j["paths"].as_object().expect("paths");
    assert_eq!(
        paths.len(),
        sitrep_server::openapi::ROUTES
            .iter()
            .map(|(_, p)| p)
            .collect::<std::collections::HashSet<_>>()
            .len()
    );
    for (method, path) in sitrep_server::openapi::ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} described"
        );
        let url = path.replace("{id}", "d1");
        let url = if *path == "/api/export" {
            format!("{url}?format=jsonl")
        } else {
            url
        };
        let r = request(s.addr, &method.to_uppercase(), &url, &[], b"");
        // the route exists with that method: not 405, and not the fallback's 404
        assert_ne!(r.status, 405, "{method} {path}");
        let fallback = r.status == 404
            && r.json()["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("no route"));
        assert!(!fallback, "{method} {path} is routed");
        for (m, _) in paths[*path].as_object().expect("ops") {
            assert!(
                sitrep_server::openapi::ROUTES.contains(&(m.as_str(), *path)),
                "{m} {path} is routed"
            );
        }
    }
    // the /api/events parameters are exactly those the parser accepts
    let mut documented: Vec<&str> = j["paths"]["/api/events"]["get"]["parameters"]
        .as_array()
        .expect("params")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    documented.sort_unstable();
    let mut accepted = sitrep_store::QUERY_PARAMS.to_vec();
    accepted.sort_unstable();
    assert_eq!(documented, accepted);
}

#[test]
fn cors_is_off_by_default_and_ui_is_served() {
    let s = start(|_| {});
    let r = get(&s, "/api/events?limit=1");
    assert!(!r.headers.contains_key("access-control-allow-origin"));
    assert_eq!(
        r.headers.get("x-content-type-options").map(String::as_str),
        Some("nosniff")
    );
    let ui = get(&s, "/");
    assert_eq!(ui.status, 200);
    assert!(ui.headers["content-type"].starts_with("text/html"));
    for (path, ..) in sitrep_server::web::ASSETS {
        assert_eq!(get(&s, path).status, 200, "{path}");
    }
    drop(s);
    let s = start(|c| c.cors_origin = Some("http://localhost:3000".into()));
    let r = get(&s, "/api/events?limit=1");
    assert_eq!(
        r.headers
            .get("access-control-allow-origin")
            .map(String::as_str),
        Some("http://localhost:3000")
    );
    let r = request(
        s.addr,
        "OPTIONS",
        "/api/events",
        &[("Origin", "http://localhost:3000")],
        b"",
    );
    assert_eq!(r.status, 204);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let s = start(|_| {});
    let r = get(&s, "/api/export?format=parquet&country=UKR");
    assert_eq!(r.status, 200);
    assert_eq!(&r.body[..4], b"PAR1");
    let reader =
        SerializedFileReader::new(axum::body::Bytes::from(r.body.clone())).expect("parquet");
    let rows = reader.metadata().file_metadata().num_rows();
    assert_eq!(rows as u64, expected_total(&s, &[("country", "UKR")]));
    let cols: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(cols, CSV_COLUMNS);
}
