//! Plausible synthetic documents and events for tests, examples and
//! benchmarks (no coder run): each event's sentence really is in its
//! document's text and every span (sentence, actors, trigger, date text,
//! place) points at the right code points. Deterministic for a given seed.

use chrono::{Days, NaiveDate};
use sitrep_coder::record::{ActorRecord, EventRecord, LocationRecord, PlaceRecord, TextSpan};
use sitrep_coder::{ActorHow, Category, Document, Published, Sector};

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
pub const CATEGORIES: &[(Category, &str, f32, &str, Option<&str>)] = &[
    (
        Category::Protest,
        "141",
        -6.5,
        "protested against",
        Some("demonstrate"),
    ),
    (Category::Assault, "190", -10.0, "shelled", None),
    (Category::Consult, "040", 1.0, "met with", Some("meet")),
    (
        Category::Aid,
        "070",
        7.0,
        "sent aid to",
        Some("humanitarian"),
    ),
    (Category::Accuse, "112", -2.0, "accused", None),
    (Category::Threaten, "130", -4.4, "threatened", None),
    (
        Category::Cooperate,
        "057",
        8.0,
        "signed an agreement with",
        Some("sign"),
    ),
    (Category::Request, "020", 3.0, "appealed to", None),
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

/// What one synthetic event is: countries (indexes into [`COUNTRIES`]), a
/// category row (as in [`CATEGORIES`]) and its date.
#[derive(Debug, Clone, Copy)]
struct EventSpec {
    source: usize,
    target: usize,
    location: usize,
    category: (
        Category,
        &'static str,
        f32,
        &'static str,
        Option<&'static str>,
    ),
    rule: Option<&'static str>,
    date: NaiveDate,
}

/// Writes the sentence of `spec` into `t` and returns its event and place.
fn push_event(
    t: &mut Text,
    event_id: String,
    doc_id: &str,
    spec: EventSpec,
    paragraph_end: bool,
) -> (EventRecord, PlaceRecord) {
    let (scode, sadj, ..) = COUNTRIES[spec.source % COUNTRIES.len()];
    let (tcode, tadj, ..) = COUNTRIES[spec.target % COUNTRIES.len()];
    let (lcode, _, place, lat, lon, gid) = COUNTRIES[spec.location % COUNTRIES.len()];
    let (category, cameo, intensity, verb, mode) = spec.category;
    let date = spec.date;
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
    t.push(if paragraph_end { "\n\n" } else { " " });
    let sentence: String = t.s.chars().skip(sstart).take(end - sstart).collect();
    let event = EventRecord {
        event_id,
        doc_id: doc_id.to_owned(),
        category,
        mode: mode.map(str::to_owned),
        context: if category == Category::Assault {
            vec!["military".to_owned()]
        } else {
            vec![]
        },
        cameo: cameo.to_owned(),
        intensity,
        rule: spec
            .rule
            .map_or_else(|| format!("synthetic:{category}"), str::to_owned),
        source: Some(ActorRecord {
            code: scode.to_owned(),
            sector: Some(Sector::Gov),
            text: format!("{sadj} officials"),
            span: src,
            how: ActorHow::Other("synthetic".to_owned()),
        }),
        target: Some(ActorRecord {
            code: tcode.to_owned(),
            sector: Some(Sector::Gov),
            text: format!("the {tadj} government"),
            span: tgt,
            how: ActorHow::Other("synthetic".to_owned()),
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
            admin1: None,
            admin1_name: None,
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
    };
    let place = PlaceRecord {
        doc_id: doc_id.to_owned(),
        start: loc[0],
        end: loc[1],
        text: place.to_owned(),
        lat,
        lon,
        geonameid: gid,
        country: Some(lcode.to_owned()),
        admin1: None,
        admin1_name: None,
        feature: "city".to_owned(),
    };
    (event, place)
}

fn finish(
    id: &str,
    title: String,
    t: Text,
    published: NaiveDate,
    events: Vec<EventRecord>,
    places: Vec<PlaceRecord>,
) -> Item {
    let doc = Document {
        id: id.to_owned(),
        text: t.s,
        title: Some(title),
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
        // Drawn in this order so that a seed gives the same events as ever.
        let source = rng.below(COUNTRIES.len());
        let target = rng.below(COUNTRIES.len());
        let location = rng.below(COUNTRIES.len());
        let category = CATEGORIES[rng.below(CATEGORIES.len())];
        let date = published
            .checked_sub_days(Days::new(rng.below(7) as u64))
            .unwrap_or(published);
        let spec = EventSpec {
            source,
            target,
            location,
            category,
            rule: None,
            date,
        };
        let (e, p) = push_event(
            &mut t,
            format!("{id}-v{variant}-e{i}"),
            id,
            spec,
            i % 3 == 2,
        );
        events.push(e);
        places.push(p);
    }
    finish(id, format!("Report {id}"), t, published, events, places)
}

/// The country index of Kazakhstan in [`COUNTRIES`], where [`crisis_item`]
/// puts its crisis.
pub const CRISIS_COUNTRY: usize = 3;

/// A document `id` published on `published` that deliberately raises
/// alerts for Kazakhstan (KAZ) on that day: a state of emergency (CAMEO
/// 1724, rule `coerce.emergency`: a first-of-kind alert) and `protests`
/// distinct protests (each against another government) in Almaty (a surge of the KAZ PROTEST series once the record
/// has two weeks of baseline before it). Demos and the browser test use it
/// so that the alerts panel has something to show.
pub fn crisis_item(id: &str, published: NaiveDate, protests: usize) -> Item {
    let mut t = Text {
        s: String::new(),
        chars: 0,
    };
    let title = format!("Unrest in Kazakhstan ({id})");
    t.push(&title);
    t.push(".\n\n");
    let k = CRISIS_COUNTRY;
    let emergency = EventSpec {
        source: k,
        target: k,
        location: k,
        category: (
            Category::Coerce,
            "1724",
            -9.0,
            "declared a state of emergency against",
            None,
        ),
        rule: Some("coerce.emergency"),
        date: published,
    };
    let mut events = Vec::new();
    let mut places = Vec::new();
    let (e, p) = push_event(&mut t, format!("{id}-e0"), id, emergency, true);
    events.push(e);
    places.push(p);
    for i in 0..protests {
        // Each protest aimed at another government: distinct happenings for
        // the story merge, which alerts count (not restated mentions).
        let protest = EventSpec {
            source: k,
            target: (k + 1 + i) % COUNTRIES.len(),
            location: k,
            category: CATEGORIES[0],
            rule: None,
            date: published,
        };
        let (e, p) = push_event(&mut t, format!("{id}-e{}", i + 1), id, protest, i % 3 == 2);
        events.push(e);
        places.push(p);
    }
    finish(id, title, t, published, events, places)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, span: [usize; 2]) -> String {
        text.chars().skip(span[0]).take(span[1] - span[0]).collect()
    }

    #[test]
    fn crisis_spans_point_at_their_text() {
        let day = NaiveDate::from_ymd_opt(2024, 1, 31).expect("date");
        let it = crisis_item("c", day, 4);
        assert_eq!(it.events.len(), 5);
        let e = &it.events[0];
        assert_eq!(
            (e.cameo.as_str(), e.rule.as_str()),
            ("1724", "coerce.emergency")
        );
        assert_eq!(slice(&it.doc.text, e.trigger.span), e.trigger.text);
        for e in &it.events {
            assert_eq!(slice(&it.doc.text, e.span), e.sentence);
            assert_eq!(e.location.as_ref().map(|l| l.code.as_str()), Some("KAZ"));
            assert_eq!(e.date.as_deref(), Some("2024-01-31"));
        }
        assert!(it.events[1..].iter().all(|e| e.category == "PROTEST"));
    }
}
