//! Recurring headlines: the same source and headline on other days are
//! other articles, not versions (their events must not replace each
//! other's); an update the same day is a version.

use sitrep_coder::{Document, DocumentParts, Published};
use sitrep_store::{IngestOutcome, Store};
use sitrep_testkit::Scratch;

fn doc(id: &str, title: &str, published: &str, body: &str) -> Document {
    from(id, "Example Wire", title, published, body)
}

const MONDAY: &str =
    "Protesters gathered outside parliament in Chisinau on Monday, demanding lower gas prices, \
    and police detained twelve of them after clashes near the government building, officials said.";
const TUESDAY: &str =
    "Ukraine and Poland agreed on Tuesday to reopen three border crossings for freight, \
    the two governments said in a joint statement after talks in Warsaw between their ministers.";

#[test]
fn a_recurring_headline_on_another_day_is_another_article() -> Result<(), Box<dyn std::error::Error>>
{
    let dir = Scratch::new("recurring");
    let store = Store::open_sqlite(&dir.join("r.db"))?;
    let mon = doc(
        "brief-mon",
        "Daily briefing",
        "2024-03-04T07:00:00+00:00",
        MONDAY,
    );
    let tue = doc(
        "brief-tue",
        "Daily briefing",
        "2024-03-05T07:00:00+00:00",
        TUESDAY,
    );
    let tue_update = doc(
        "brief-tue-2",
        "UPDATE 1-Daily briefing",
        "2024-03-05T11:30:00+00:00",
        TUESDAY,
    );
    let mon_again_by_text = doc(
        "brief-mon-copy",
        "Chisinau protest",
        "2024-03-07T09:00:00+00:00",
        MONDAY,
    );
    assert_eq!(store.ingest_document(&mon, &[], &[])?, IngestOutcome::Added);
    assert_eq!(
        store.ingest_document(&tue, &[], &[])?,
        IngestOutcome::Added,
        "a day later, the same headline is a new article"
    );
    assert_eq!(
        store.ingest_document(&tue_update, &[], &[])?,
        IngestOutcome::NewVersion,
        "the same day, an update of the headline is a version"
    );
    assert_eq!(
        store.ingest_document(&mon_again_by_text, &[], &[])?,
        IngestOutcome::Added,
        "three days later, the same text from the same source is not a version either"
    );
    let tue_view = store.document("brief-tue")?.ok_or("tuesday stored")?;
    assert_eq!(tue_view.versions.len(), 2);
    let mon_view = store.document("brief-mon")?.ok_or("monday stored")?;
    assert_eq!(mon_view.versions.len(), 1);
    Ok(())
}

const WIRE: &str = "Kazakhstan declared a state of emergency in Almaty on Wednesday after protests over \
    fuel prices turned violent, and the government resigned, the presidential office said in a statement \
    read on state television late in the evening.";
const REWRITE: &str = "Alliance peacekeepers began leaving Kazakhstan on Thursday, a week after they arrived \
    at the government's request, defence officials said at a ceremony at the airport outside the capital.";

fn from(id: &str, source: &str, title: &str, published: &str, body: &str) -> Document {
    Document::from_parts(DocumentParts {
        id: id.to_owned(),
        text: body.to_owned(),
        title: Some(title.to_owned()),
        published: Published::parse(published).ok(),
        source: Some(source.to_owned()),
        url: None,
    })
}

#[test]
fn a_new_version_drops_the_duplicate_links_of_its_old_text(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = Scratch::new("relink");
    let store = Store::open_sqlite(&dir.join("l.db"))?;
    let at = "2024-01-05T08:00:00+00:00";
    let a = from("a", "Wire A", "Emergency in Almaty", at, WIRE);
    let b = from("b", "Paper B", "Kazakhstan emergency", at, WIRE);
    store.ingest_document(&a, &[], &[])?;
    store.ingest_document(&b, &[], &[])?;
    let linked = store.document("a")?.ok_or("a stored")?;
    assert_eq!(linked.duplicates.len(), 1, "the wire copy is linked");
    let a2 = from(
        "a",
        "Wire A",
        "Emergency in Almaty",
        "2024-01-05T12:00:00+00:00",
        REWRITE,
    );
    assert_eq!(
        store.ingest_document(&a2, &[], &[])?,
        IngestOutcome::NewVersion
    );
    assert!(
        store
            .document("a")?
            .ok_or("a stored")?
            .duplicates
            .is_empty(),
        "the rewritten text is no copy of b"
    );
    assert!(store
        .document("b")?
        .ok_or("b stored")?
        .duplicates
        .is_empty());
    Ok(())
}

/// Which version is newer is decided in UTC: 10:00 at +06:00 (04:00 UTC) is
/// before 07:00 at +02:00 (05:00 UTC), though "10:00" sorts after "07:00" as
/// written.
#[test]
fn versions_are_ordered_in_utc() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("sitrep-utc-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let store = Store::open_sqlite(&dir.join("u.db"))?;
    let almaty = from(
        "kz-1",
        "Wire",
        "Troops leave",
        "2024-03-05T10:00:00+06:00",
        WIRE,
    );
    let prague = from(
        "kz-1",
        "Wire",
        "Troops leave",
        "2024-03-05T07:00:00+02:00",
        REWRITE,
    );
    let earlier = from(
        "kz-1",
        "Wire",
        "Troops leave",
        "2024-03-05T09:00:00+06:00",
        &format!("{WIRE} Earlier."),
    );
    assert_eq!(
        store.ingest_document(&almaty, &[], &[])?,
        IngestOutcome::Added
    );
    assert_eq!(
        store.ingest_document(&prague, &[], &[])?,
        IngestOutcome::NewVersion,
        "published an hour later in UTC"
    );
    assert_eq!(
        store.ingest_document(&earlier, &[], &[])?,
        IngestOutcome::OlderVersion,
        "published two hours earlier in UTC"
    );
    let view = store.document("kz-1")?.ok_or("stored")?;
    assert_eq!(
        view.summary.published.as_deref(),
        Some("2024-03-05T07:00:00+02:00")
    );
    drop(store);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
