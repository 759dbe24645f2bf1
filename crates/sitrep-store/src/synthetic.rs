//! Plausible synthetic documents and events for tests, demos and
//! benchmarks: each event's sentence really is in its document's text and
//! every span (sentence, actors, trigger, date text, place) points at the
//! right code points. Deterministic for a given seed.

use chrono::{Days, NaiveDate};
use sitrep_coder::record::{ActorRecord, EventRecord, LocationRecord, PlaceRecord, TextSpan};
use sitrep_coder::{Document, Published};

/// (code, adjective, capital, lat, lon, geonameid)
pub const COUNTRIES: &[(&str, &str, &str, f64, f64, u32)] = &[
    ("UKR", "Ukrainian", "Kyiv", 50.45, 30.52, 703_448),
    ("RUS", "Russian", "Moscow", 55.75, 37.62, 524_901),
    ("FRA", "French", "Paris", 48.85, 2.35, 2_988_507),
    ("KAZ", "Kazakh", "Almaty", 43.24, 76.95, 1_526_384),
    ("USA", "American", "Washington", 38.90, -77.04, 4_140_963),
    ("NGA", "Nigerian", "Abuja", 9.07, 7.49, 2_352_778),
    ("BRA", "Brazilian", "Brasília", -15.79, -47.88, 3_469_058),
    ("IND", "Indian", "New Delhi", 28.61, 77.21, 1_261_481),
    ("CHN", "Chinese", "Beijing", 39.90, 116.40, 1_816_670),
    ("EGY", "Egyptian", "Cairo", 30.04, 31.24, 360_630),
];

/// (category, cameo, intensity, trigger verb, mode)
pub const CATEGORIES: &[(&str, &str, f32, &str, Option<&str>)] = &[
    (
        "PROTEST",
        "141",
        -6.5,
        "protested against",
        Some("demonstrate"),
    ),
    ("ASSAULT", "190", -10.0, "shelled", None),
    ("CONSULT", "040", 1.0, "met with", Some("meet")),
    ("AID", "070", 7.0, "sent aid to", Some("humanitarian")),
    ("ACCUSE", "112", -2.0, "accused", None),
    ("THREATEN", "130", -4.4, "threatened", None),
    (
        "COOPERATE",
        "057",
        8.0,
        "signed an agreement with",
        Some("sign"),
    ),
    ("REQUEST", "020", 3.0, "appealed to", None),
];

/// Small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Text being built with code-point offsets.
struct Text {
    s: String,
    chars: usize,
}

impl Text {
    fn push(&mut self, part: &str) -> [usize; 2] {
        let start = self.chars;
        self.s.push_str(part);
        self.chars += part.chars().count();
        [start, self.chars]
    }
}

/// One synthetic document with its events and places.
#[derive(Debug, Clone)]
pub struct Item {
    pub doc: Document,
    pub events: Vec<EventRecord>,
    pub places: Vec<PlaceRecord>,
}

/// A document `id` published on `published` with `n_events` events dated
/// up to a week before. `variant` changes the text (for new versions).
pub fn item(id: &str, published: NaiveDate, n_events: usize, seed: u64, variant: u32) -> Item {
    let mut rng = Rng::new(seed);
    let mut t = Text {
        s: String::new(),
        chars: 0,
    };
    t.push(&format!("Report {id}"));
    if variant > 0 {
        t.push(&format!(" (update {variant})"));
    }
    t.push(".\n\n");
    let mut events = Vec::new();
    let mut places = Vec::new();
    for i in 0..n_events {
        let (scode, sadj, ..) = COUNTRIES[rng.below(COUNTRIES.len())];
        let (tcode, tadj, ..) = COUNTRIES[rng.below(COUNTRIES.len())];
        let (lcode, _, place, lat, lon, gid) = COUNTRIES[rng.below(COUNTRIES.len())];
        let (category, cameo, intensity, verb, mode) = CATEGORIES[rng.below(CATEGORIES.len())];
        let date = published
            .checked_sub_days(Days::new(rng.below(7) as u64))
            .unwrap_or(published);
        let date_words = date.format("%B %-d").to_string();
        let sstart = t.chars;
        let src = t.push(&format!("{sadj} officials"));
        t.push(" ");
        let trig = t.push(verb);
        t.push(" ");
        let tgt = t.push(&format!("the {tadj} government"));
        t.push(" in ");
        let loc = t.push(place);
        t.push(" on ");
        let dt = t.push(&date_words);
        let end = t.push(".")[1];
        t.push(if i % 3 == 2 { "\n\n" } else { " " });
        let sentence: String = t.s.chars().skip(sstart).take(end - sstart).collect();
        events.push(EventRecord {
            event_id: format!("{id}-v{variant}-e{i}"),
            doc_id: id.to_owned(),
            category: category.to_owned(),
            mode: mode.map(str::to_owned),
            context: if category == "ASSAULT" {
                vec!["military".to_owned()]
            } else {
                vec![]
            },
            cameo: cameo.to_owned(),
            intensity,
            rule: format!("synthetic:{category}"),
            source: Some(ActorRecord {
                code: scode.to_owned(),
                sector: Some("GOV".to_owned()),
                text: format!("{sadj} officials"),
                span: src,
                how: "synthetic".to_owned(),
            }),
            target: Some(ActorRecord {
                code: tcode.to_owned(),
                sector: Some("GOV".to_owned()),
                text: format!("the {tadj} government"),
                span: tgt,
                how: "synthetic".to_owned(),
            }),
            date: Some(date.format("%Y-%m-%d").to_string()),
            date_end: None,
            date_precision: "day".to_owned(),
            date_text: Some(TextSpan {
                text: date_words.clone(),
                span: dt,
            }),
            location: Some(LocationRecord {
                code: lcode.to_owned(),
                place: Some(place.to_owned()),
                lat: Some(lat),
                lon: Some(lon),
                geonameid: Some(gid),
                feature: "city".to_owned(),
                text: Some(place.to_owned()),
                span: Some(loc),
                how: "sentence".to_owned(),
            }),
            trigger: TextSpan {
                text: verb.to_owned(),
                span: trig,
            },
            sentence,
            span: [sstart, end],
        });
        places.push(PlaceRecord {
            doc_id: id.to_owned(),
            start: loc[0],
            end: loc[1],
            text: place.to_owned(),
            lat,
            lon,
            geonameid: gid,
            country: lcode.to_owned(),
            feature: "city".to_owned(),
        });
    }
    let doc = Document {
        id: id.to_owned(),
        text: t.s,
        title: Some(format!("Report {id}")),
        published: Some(Published {
            date: published,
            time: None,
            utc_offset_minutes: None,
        }),
        source: Some("synthetic".to_owned()),
        url: Some(format!("https://example.org/{id}")),
        ..Document::default()
    };
    Item {
        doc,
        events,
        places,
    }
}

/// `n_docs` documents `{prefix}{i}` published over `days` days from
/// `start`, `events_per_doc` events each.
pub fn corpus(
    prefix: &str,
    n_docs: usize,
    events_per_doc: usize,
    start: NaiveDate,
    days: u64,
    seed: u64,
) -> Vec<Item> {
    (0..n_docs)
        .map(|i| {
            let day = start
                .checked_add_days(Days::new(i as u64 % days.max(1)))
                .unwrap_or(start);
            item(
                &format!("{prefix}{i}"),
                day,
                events_per_doc,
                seed.wrapping_add(i as u64),
                0,
            )
        })
        .collect()
}
