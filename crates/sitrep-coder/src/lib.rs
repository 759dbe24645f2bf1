//! sitrep-coder: news text in, PLOVER events out. No I/O happens here: the
//! caller reads files and passes text and data tables in; this crate returns
//! values.
//!
//! The pipeline, top to bottom:
//! 1. `document`  — the document and its layout (headline, date line, dateline);
//! 2. `sentences` — sentence spans;
//! 3. `mentions`  — tokens and dictionary mentions (countries, organisations,
//!    titles, sector nouns, names, pronouns);
//! 4. `actors`    — noun phrases resolved to actor code + sector, remembered
//!    across the document;
//! 5. `events`    — event frames matched over tokens and actors;
//! 6. `dates`, `places` — when and where each event happened;
//! 7. `record`    — the output contract (`EventRecord`, `PlaceRecord`).

pub mod actors;
pub use lexicon::cameo;
pub mod coder;
pub mod dates;
pub mod document;
pub mod events;
pub mod lexicon;
pub mod mentions;
pub mod places;
#[cfg(test)]
mod proptests;
pub mod published;
pub mod record;
pub mod sentences;
pub mod syntax;
pub mod tokens;
pub mod vocab;

pub use coder::{code_document, explain_document, CodedDocument, ExplainedSentence};
pub use document::{Document, DocumentParts, Span};
pub use lexicon::LexiconError;
pub use lexicon::{DataSources, Lexicon};
pub use published::{Published, PublishedError, PublishedKey};
pub use vocab::{ActorHow, Category, Sector, UnknownWord};
