//! Integration tests of sitrep-coder, in one test binary:
//! - `articles`: whole-article snapshots and hard expectations
//!   (`test_data/articles/`, described in its README.md);
//! - `actors`: data-driven actor phrase cases (`test_data/actors.tsv`);
//! - `compliance`: the output-contract checks every coded event must pass;
//! - `event_dates`: data-driven cases of an event's date
//!   (`test_data/event_dates.tsv`);
//! - `events`: data-driven event cases (`test_data/events.tsv`);
//! - `generated_lexicon`: one case per entry family of the generated verb
//!   lexicon (`test_data/generated_lexicon.tsv`);
//! - `places`: data-driven hard place cases (`test_data/places.tsv`).

mod actors;
mod articles;
mod compliance;
mod event_dates;
mod events;
mod generated_lexicon;
mod places;

use std::path::PathBuf;
use std::sync::OnceLock;

use sitrep_coder::Lexicon;

/// The built-in lexicon, loaded once per test binary.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::embedded().expect("embedded lexicon loads"))
}

/// `crates/sitrep-coder/test_data/<rel>`.
pub fn test_data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(rel)
}
