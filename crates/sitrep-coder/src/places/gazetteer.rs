//! The gazetteer: places and the name index, read in place from a binary
//! image (`image.rs`). The built-in one was written at build time from
//! `data/gazetteer/places.tsv` by `build.rs`; a `--data` file is read and
//! validated by `lexicon::gazetteer` and encoded into the same image.

use std::borrow::Cow;

pub(super) use super::image::Entry;
use super::image::{image_of_file, Image};
use super::Place;
pub use crate::lexicon::gazetteer::PlaceRow;
use crate::lexicon::word_list::{PlaceWords, WordList};
use crate::lexicon::LexiconError;

/// The built-in gazetteer's image, written by `build.rs` into `OUT_DIR`.
static BUILT_IN_FIXED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
static BUILT_IN_STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer-strings.txt"));

/// The repo file the built-in image was written from (for errors).
pub const BUILT_IN_NAME: &str = "data/gazetteer/places.tsv";

/// The gazetteer, loaded from `data/gazetteer/*.tsv`.
#[derive(Clone, Default)]
pub struct Gazetteer {
    image: Image,
    /// Words and phrases that name a place but nearly always mean
    /// something else in news (`data/lexicon/not_places.txt`); empty until
    /// [`Gazetteer::with_common_words`] sets them.
    common_words: WordList,
    /// The words read around a name (titles, street and office words:
    /// `data/lexicon/`); empty until [`Gazetteer::with_place_words`] sets
    /// them.
    place_words: PlaceWords,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.len())
            .finish_non_exhaustive()
    }
}

impl Gazetteer {
    /// Parses the gazetteer file; `origin` names it in errors.
    /// Format: `data/gazetteer/FORMAT.md`; the parser is
    /// `lexicon::gazetteer`.
    pub fn parse(src: &str, origin: &str) -> Result<Gazetteer, LexiconError> {
        // The build's own path (`build.rs`), then the image opened as built.
        let parts = image_of_file(src, origin)?;
        let image = Image::open(Cow::Owned(parts.fixed), Cow::Owned(parts.strings))
            .map_err(|reason| LexiconError::new(origin, 0, reason))?;
        Ok(Gazetteer::of_image(image))
    }

    /// Builds the image and name index over validated rows; `origin` names
    /// the file in the error of a gazetteer too large for the image.
    pub fn from_rows(rows: &[PlaceRow<'_>], origin: &str) -> Result<Gazetteer, LexiconError> {
        Ok(Gazetteer::of_image(Image::build(rows, origin)?))
    }

    /// The gazetteer built into the binary: its image is read in place
    /// (only the header is checked here; the rows were validated by the
    /// build).
    pub fn built_in() -> Result<Gazetteer, LexiconError> {
        let image = Image::open(
            Cow::Borrowed(BUILT_IN_FIXED),
            Cow::Borrowed(BUILT_IN_STRINGS),
        )
        .map_err(|reason| LexiconError::new(BUILT_IN_NAME, 0, reason))?;
        Ok(Gazetteer::of_image(image))
    }

    fn of_image(image: Image) -> Gazetteer {
        Gazetteer {
            image,
            common_words: WordList::default(),
            place_words: PlaceWords::default(),
        }
    }

    /// The gazetteer with the words that are not places
    /// (`data/lexicon/not_places.txt`; `Lexicon::load` sets them).
    pub fn with_common_words(self, common_words: WordList) -> Gazetteer {
        Gazetteer {
            common_words,
            ..self
        }
    }

    /// The gazetteer with the words the spotter reads around a name
    /// (`Lexicon::load` sets them).
    pub fn with_place_words(self, place_words: PlaceWords) -> Gazetteer {
        Gazetteer {
            place_words,
            ..self
        }
    }

    /// The words the spotter reads around a name: titles, street, avenue,
    /// office and place-kind words.
    pub(super) fn place_words(&self) -> &PlaceWords {
        &self.place_words
    }

    /// Whether a spotted run, lower-cased, is a common word rather than a
    /// place: a listed word (for a one-token run) or phrase, a month or
    /// weekday name, or a number word ("May", "Police", "White House").
    pub(super) fn is_common_word(&self, lowered: &str, one_token: bool) -> bool {
        if lowered.contains(' ') {
            return self.common_words.contains(lowered);
        }
        one_token
            && (self.common_words.contains(lowered)
                || crate::dates::is_calendar_name(lowered)
                || crate::dates::number_word(lowered).is_some())
    }

    /// The index entries of a name.
    pub(super) fn entries_of(&self, key: u64) -> impl ExactSizeIterator<Item = Entry> + '_ {
        self.image.entries_of(key)
    }

    /// Place `index` (an index from `PlaceMention::place`). Panics past
    /// the last place, like a slice.
    pub fn place(&self, index: usize) -> Place<'_> {
        self.image.place(index)
    }

    /// The first-order region of a country with GeoNames code `admin1`.
    pub(super) fn region(&self, country: &str, admin1: &str) -> Option<usize> {
        self.image.region(country, admin1)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.image.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The country entry for an ISO alpha-3 code (its centroid, for events
    /// placed only at country level).
    pub fn country(&self, alpha3: &str) -> Option<Place<'_>> {
        self.image.country(alpha3).map(|i| self.place(i))
    }

    /// Both parts of the image (for comparing images in tests).
    #[cfg(test)]
    pub(crate) fn image_parts(&self) -> (&[u8], &str) {
        self.image.parts()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_listed_words_calendar_names_and_numbers() {
        use crate::lexicon::word_list::LineShape;
        let list = WordList::parse("Mobile\nWhite House\n", "n.txt", LineShape::Phrase)
            .expect("valid list");
        let g = Gazetteer::default().with_common_words(list);
        for (lowered, one_token, want) in [
            ("mobile", true, true),
            ("white house", false, true),
            ("may", true, true),
            ("sunday", true, true),
            ("twenty-one", true, true),
            // A listed word is a common word only as a run of its own.
            ("mobile", false, false),
            ("reading", true, false),
            ("paris", true, false),
        ] {
            assert_eq!(g.is_common_word(lowered, one_token), want, "{lowered}");
        }
    }

    /// The image the build embedded is the one the run-time path makes of
    /// the repo's file: a `--data` copy of `data/` codes exactly as the
    /// built-in data.
    #[test]
    fn built_in_image_is_the_repo_file() {
        let text = include_str!("../../../../data/gazetteer/places.tsv");
        let parsed = Gazetteer::parse(text, BUILT_IN_NAME).expect("the repo's gazetteer");
        let built_in = Gazetteer::built_in().expect("the built-in image");
        assert!(built_in.len() > 100_000);
        assert!(parsed.image_parts() == built_in.image_parts());
    }
}
