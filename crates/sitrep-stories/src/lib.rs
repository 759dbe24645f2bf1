//! sitrep-stories: one event per real-world happening, and early warning of
//! crises. Sans-IO: values in, values out — no files, database or network.
//! The store, the CLI (`sitrep alerts`) and the API call into it.
//!
//! The parts, each in its module with its parameters documented there:
//!
//! 1. [`versions`] — article versions. An "(UPDATE)" / corrected re-issue
//!    is a new version of the same document when it has the same source and
//!    the same headline once update markers are removed, or when its body
//!    shares ≥ 50 % of its word 5-shingles (Jaccard) with the earlier one.
//!    [`collapse_versions`] groups documents; [`keep_latest_versions`] keeps
//!    the newest version's events, so coding an article with its update
//!    reports the events once.
//! 2. [`dedup`] — near-duplicate articles (wire copies with small edits):
//!    MinHash (126 hash functions, seeded from a fixed SplitMix64 stream)
//!    over word 5-shingles, LSH with 42 bands of 3 rows for candidates, and
//!    an exact Jaccard check (≥ 0.6) on the stored shingle sets, so the
//!    index never reports a false pair; see the module for the candidate
//!    probability curve. `DuplicateIndex::band_keys` gives the band keys
//!    alone: `sitrep-store` keeps them in a table and runs the same rules
//!    (`versions::body_shingles_of`, `versions::source_key`) over stored
//!    documents.
//! 3. [`merge`] — cross-source events: mentions with the same category,
//!    compatible actors (swapped allowed for symmetric categories), date
//!    windows overlapping within ±1 day, the same country and compatible
//!    places become one [`MergedEvent`] with `mentions`, `sources`,
//!    `first_seen`, links to every mention's sentence and one readable
//!    reason per join. Ambiguous mentions stay apart (conservative).
//!    Near-linear: one sort by (category, country, date) and a sweep.
//! 4. [`alerts`] — early warning: events count once, on the day they
//!    happened (day/week precision, not background), merged into
//!    happenings; surges of conflict categories against each country's
//!    baseline (one-sided Poisson tail over 1/3/5/7-day windows, p ≤ 1e-3
//!    family-wise); first-of-kind signals from the catalogue
//!    `data/alerts/signals.tsv` (coup, state of emergency, curfew, foreign
//!    troops, mass arrests and killings, expelled diplomats, internet
//!    shutdown); escalation as a chain of related happenings (PROTEST →
//!    COERCE → ASSAULT); a non-alerting cooperation indicator. Each
//!    [`Alert`] carries a sentence saying why and the event ids behind it,
//!    and serialises to one JSON line.
//!
//! [`prng`] holds the tiny deterministic generator used by the detector
//! tests and the `scale` example.

pub mod alerts;
pub mod dedup;
pub mod error;
pub mod merge;
pub mod prng;
pub mod text;
pub mod versions;

pub use alerts::{
    alert_view, compute_alerts, compute_alerts_with, cooperation_indicator, poisson_sf, Alert,
    AlertKind, AlertParams, CooperationDay, SignalCatalogue,
};
pub use dedup::{DuplicateIndex, MinHashParams};
pub use error::StoriesError;
pub use merge::{merge_events, merge_events_with, MentionLink, MergeParams, MergedEvent};
pub use versions::{
    collapse_versions, is_new_version, keep_latest_versions, version_key, version_order,
    within_version_window, VersionGroup, VersionKey, VersionRelation, VERSION_JACCARD,
    VERSION_WINDOW_HOURS,
};
