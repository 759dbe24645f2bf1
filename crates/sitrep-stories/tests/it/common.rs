//! Builders shared by the integration tests.

use sitrep_coder::record::{ActorRecord, EventRecord, LocationRecord, TextSpan};
use sitrep_coder::ActorHow;

fn actor(code: &str) -> ActorRecord {
    ActorRecord {
        code: code.to_string(),
        sector: None,
        text: code.to_string(),
        span: [0, 0],
        how: ActorHow::Other("test".to_string()),
    }
}

/// A minimal event: `who` = (source, target), `loc` = (country, place).
#[allow(clippy::too_many_arguments)]
pub fn ev(
    id: &str,
    doc: &str,
    category: &str,
    cameo: &str,
    rule: &str,
    who: (Option<&str>, Option<&str>),
    loc: Option<(&str, Option<&str>)>,
    date: &str,
) -> EventRecord {
    EventRecord {
        event_id: id.to_string(),
        doc_id: doc.to_string(),
        category: category.parse().expect("a PLOVER event type"),
        mode: None,
        context: Vec::new(),
        cameo: cameo.to_string(),
        intensity: 0.0,
        rule: rule.to_string(),
        source: who.0.map(actor),
        target: who.1.map(actor),
        date: Some(date.to_string()),
        date_end: None,
        date_precision: "day".to_string(),
        date_text: None,
        location: loc.map(|(code, place)| LocationRecord {
            code: code.to_string(),
            place: place.map(str::to_string),
            lat: None,
            lon: None,
            geonameid: None,
            feature: if place.is_some() { "city" } else { "country" }.to_string(),
            admin1: None,
            admin1_name: None,
            text: None,
            span: None,
            how: "test".to_string(),
        }),
        trigger: TextSpan {
            text: String::new(),
            span: [0, 0],
        },
        sentence: String::new(),
        span: [0, 10],
    }
}
