//! Places: the GeoNames-derived gazetteer, toponym spotting in text, and
//! disambiguation by what the document says.
//!
//! Files, one per job: `gazetteer.rs` loads and validates the table and
//! builds the name index; `names.rs` normalises names into index keys;
//! `spot.rs` finds candidate toponyms; `resolve.rs` chooses one place per
//! distinct name; `output.rs` turns a resolved mention into its record.
//!
//! Spotting: capitalised token runs (up to six tokens, lower-case connectors
//! such as "of"/"de" allowed inside, "St. Louis" and "Winston-Salem" joined)
//! are looked up, longest first, in an index of normalised names (case and
//! Latin diacritics folded, hyphens as spaces, "St." read as "Saint").
//! Dotted capitals ("S.C.", "B.C.") are read anywhere except after a number
//! (an era: "300 B.C."; a country's, "3,000 U.S. soldiers", is read there too);
//! two-capital postal codes only after "Town, ", and abbreviations such as
//! "Va." there or as a modifier ("a Ky. jail", "D-Pa.", "Walker County (Ga.)").
//! An all-capital word of running text before a lower-case word is an
//! acronym ("a SWAT team"), unless the gazetteer writes the name so.
//! Possessives ("Kyiv's") and hyphenated modifiers ("Russian-backed",
//! "New York-based") fall back to the bare name. Skipped: common capitalised words, short
//! mixed-case acronyms ("MoD", "DoD"), runs after a
//! title ("Mr. Washington", "President Jordan") or inside a longer proper
//! name ("George Washington", "Bob Jones"); a small town's name once read as
//! a person's is a person's throughout the document ("Mike Moore ... Moore
//! said"). A name inside a person's name that the NER found (two words or
//! more, `PlaceContext::persons`) is part of that name, unless an office's
//! title follows it ("Anderson County Sheriff Greg Taylor"); if it names
//! only towns, it is the person's throughout the document too, except where
//! the text sets it as a place ("in Maryville", "Greer, South Carolina").
//! A one-word name
//! is a person's too when it is a word of such a name and either the NER
//! reads it alone as a person, with no locative preposition before it
//! ("Tom Manchester ... Manchester said"), or it is the name's first word
//! (a given name) used as a subject or possessor ("Georgia Smith ...
//! Georgia's coach"), or a later word (a surname) used so that names no
//! country ("Ann Fairfield ... Fairfield's lawyer";
//! `PlaceContext::person_words`, `subjects`); so is the surname of a name
//! written with a middle initial ("Tyrise M. Bell ... Bell ran"), except
//! after a locative preposition or when it can name a country. A name that starts a
//! street's ("Cooper Street", "Elm Drive", "Cowley Road"; not a numbered
//! county road, "Oxford Road 5", nor an avenue unless a house number comes
//! before it, "1200 Oak Ave."), and a town's name that the text
//! also uses as a lower-case word ("Market analyst" beside "the market"),
//! is resolved with the others, as evidence of where the story is, but not
//! reported (at a sentence's start such a word is dropped outright). Demonyms are not
//! in the gazetteer. "X County" that the gazetteer lacks is the district
//! of its bare name in the region the document mentions most ("Lancashire
//! County Council"), else placed at that region. Each
//! name of a list that ends in "counties" or "parishes" ("Butler, Clark and
//! Preble counties") is that county when the gazetteer holds it; each name
//! of a list after "states such as", "the provinces of" and the like is
//! read as a first-order region, as after "Washington state"; so is a name
//! that is not a country's written with its kind's word ("Idlib province",
//! "the province of Aydin", "the state of Washington").
//!
//! Disambiguation, per distinct name (one sense per document), by score:
//! 1. a "Town, Region" / "Town, Country" qualifier ("Alexandria, Va.",
//!    "Athens, TX", "London, Ontario") outweighs everything else, except
//!    that a country named exactly before a country is a list of countries
//!    ("Mexico, China, Japan"), not a town of the second;
//! 2. the caller's countries (`PlaceContext::countries`, strongest first:
//!    the dateline's and the actors') and the countries and regions of the
//!    document's other mentions — first of the unambiguous names, then, in a
//!    second pass, of everything the first pass resolved (towns in a
//!    mentioned region, regions of mentioned towns and districts); a
//!    caller's country is not counted for a name that is its capital when
//!    no other name can be read there (the caller reads "Paris" as France),
//!    the capital's own districts and suburbs and small towns not counting
//!    ("Dublin City Council" in a story of Dublin, Ohio);
//!    a national capital or a city of a million people whose country the
//!    text names as a place is that city ("Moscow" beside "Russia"); a
//!    country or its capital whose people the text names
//!    (`PlaceContext::peoples`: "Georgian troops", "French officials") is
//!    that country or capital, a little more likely; but a caller's
//!    country that is only such a nationality (no other name can be read
//!    there) is not counted for a name with a namesake abroad ten times
//!    larger ("Russian rockets hit Donetsk" is the Ukrainian city);
//! 3. spatial coherence: readings that lie in a region where other names
//!    can be read, and readings near (within 200 km, less up to 800 km) the
//!    other names' reported readings ("Paris" beside "Dallas"; a region is
//!    near the towns it holds, "Quebec" beside "Montreal"), and
//!    readings of two names that lie within 30 km of each other, whatever
//!    was chosen ("Paris" and "Henry County", both in Tennessee); a region
//!    reading listed ("X, Y and Z", "X or Y") beside names read as regions
//!    of its country ("states such as Oregon or Washington");
//! 4. the kind of place: continents and countries before national capitals,
//!    regions, districts and other cities (then by population);
//! 5. the place's own name (or its leading part, "New York" for "New York
//!    City") before an alternate name; a country named exactly is never the
//!    city named by a leading part ("Mexico" is not Mexico City), and a
//!    continent or large region named exactly is never a town of that name
//!    unless a qualifier says so ("the Middle East"), nor is a first-order
//!    region a smaller town of its name outside it ("Wyoming" is not
//!    Wyoming, Michigan) unless a qualifier or another name in the town's
//!    region speaks for the town, nor is a country named exactly a town
//!    abroad of its name ("Lebanon", Pennsylvania) on the same terms;
//! 6. population (log scale).
//!
//! After the first pass, a bare name read as a town outside the document's
//! home region also reads as the home region's county of that name ("Oxford"
//! in a story of Ontario is Oxford County). After the second pass, a name
//! whose reading is still below the floor is
//! scored once more against the second pass's readings, and reported if
//! that lifts it ("Henry County" beside "Paris" once Paris is read in
//! Tennessee); reported readings are not changed.
//!
//! A town under `SMALL_TOWN_POPULATION` gets nothing from country-level
//! evidence: only its region or a qualifier can carry it over `MIN_SCORE`,
//! so that the many small towns named like surnames stay out of national
//! stories. When its region is named and its rivals are towns of the same
//! country under 100,000 people (or other small towns), the country's
//! weight still orders it among them, so the named region decides. The
//! same holds when a larger namesake of its country lies in a region the
//! document does not name and the rest are readings abroad ("the Paris
//! library" beside Illinois agencies: Paris, Illinois, not Paris, Texas).
//! A town of 50,000 people or more that the text sets as a place ("in
//! Harrogate") and whose other readings are towns a tenth its size clears
//! the floor alone, unless the document's names point to another country
//! (names that can only be small towns do not count: "St. Pat's" is no
//! Indian hamlet's story).
//! A county written with its division word ("Darke County") that is the
//! only reading of its name clears the floor alone.
//! A reading below the floor is dropped as a likely false positive.

mod gazetteer;
mod image;
mod kind;
mod names;
mod output;
mod resolve;
mod spot;

pub use gazetteer::Gazetteer;
pub use image::Place;
pub use kind::PlaceKind;
pub use names::normalise;

use crate::document::Span;
use spot::tokenize;

/// Towns below this many people are named in news mostly by local stories
/// that also name their region; alone, such a name is more often a surname.
pub(crate) const SMALL_TOWN_POPULATION: u64 = 15_000;

/// A toponym found in text and the place chosen for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte span in the text that was searched.
    pub span: Span,
    /// Index into the gazetteer (`Gazetteer::place`).
    pub place: usize,
}

/// What the rest of the document says about where it is: country codes
/// (ISO alpha-3) in order of weight, strongest first. Used to choose between
/// homonyms ("Alexandria", "Georgia").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceContext {
    pub countries: Vec<String>,
    /// Byte spans of people's names the NER found (two words or more): a
    /// name inside one is not a place ("Scott" in "Scott Moore").
    pub persons: Vec<Span>,
    /// Byte spans of one-word people's names the NER found ("Manchester
    /// said"): one that is also a word of a longer name in `persons`
    /// ("Tom Manchester") is that person, unless a locative preposition
    /// comes before it ("in Manchester"). In text order.
    pub person_words: Vec<Span>,
    /// Byte spans of the words the parse makes a clause's subject or a
    /// possessor: a given name of a person in `persons` ("Georgia Smith")
    /// used so alone is that person ("Georgia began skating", "Georgia's
    /// coach"). In text order.
    pub subjects: Vec<Span>,
    /// Byte spans of the names of businesses and media outlets the actor
    /// dictionary found ("Xinhua reported", "Toyota recalled"): a place
    /// name inside one is the firm's, unless a preposition that puts
    /// things in a place comes before it ("a plant in Toyota"). In text order.
    pub organisations: Vec<Span>,
    /// Byte spans of the names of political parties the actor dictionary
    /// found: a place inside one is part of the party's name ("United
    /// Russia"), unless "of" comes before it ("Communist Party of Vietnam"
    /// names the country it belongs to). In text order.
    pub parties: Vec<Span>,
    /// Countries (ISO alpha-3) whose people the text names by a demonym
    /// ("Somali elders", "Georgians"), in text order: each counts as one
    /// more of the document's names in that country ("Georgia" beside
    /// "Georgian troops" is the country).
    pub peoples: Vec<String>,
    /// The country whose forms of local government the story speaks of in
    /// its own currency ("the City Council approved a $765,000 package":
    /// the United States; `coder.rs`'s `american_local_news`), when it names
    /// no country: its towns that are not small gain a caller's weight
    /// there unless the story names a first-order region of another
    /// country ("Ontario"). `None` for most stories.
    pub local_country: Option<String>,
}

impl Gazetteer {
    /// Finds and resolves toponyms in `text` (the whole document text), one
    /// mention per toponym occurrence, in text order.
    pub fn find_places(&self, text: &str, ctx: &PlaceContext) -> Vec<PlaceMention> {
        let tokens = tokenize(text);
        let spotted = self.spot(text, &tokens, ctx);
        self.resolve(text, &spotted, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::names::{key_of, KeyHash};
    use super::*;

    const HEADER: &str =
        "# geonameid\tkind\tname\tlat\tlon\tcountry\tadmin1\tpopulation\talternates\n";

    fn small() -> Gazetteer {
        let rows = [
            "6255148\tcontinent\tEurope\t48.69\t9.14\t\t\t741000000\tEuropean|EU",
            "6252001\tcountry\tUnited States\t39.76\t-98.5\tUSA\t\t327167434\tU.S.|US|America|American",
            "357994\tcountry\tEgypt\t27.0\t30.0\tEGY\t\t98423595\tEgyptian",
            "614540\tcountry\tGeorgia\t42.0\t43.5\tGEO\t\t3731000\tGeorgian",
            "690791\tcountry\tUkraine\t49.0\t32.0\tUKR\t\t44622516\tUkrainian",
            "3017382\tcountry\tFrance\t46.0\t2.0\tFRA\t\t66987244\tFrench",
            "4197000\tregion\tGeorgia\t32.75\t-83.5\tUSA\tGA\t10000000\tGa.",
            "6254928\tregion\tVirginia\t37.5\t-78.8\tUSA\tVA\t8000000\tVa.",
            "4331987\tregion\tLouisiana\t31.0\t-92.0\tUSA\tLA\t4600000\tLa.",
            "4736286\tregion\tTexas\t31.25\t-99.25\tUSA\tTX\t28000000\tTex.",
            "361058\tcity\tAlexandria\t31.2\t29.9\tEGY\t06\t3811516\tAl Iskandariyah",
            "4744091\tcity\tAlexandria\t38.80\t-77.05\tUSA\tVA\t159428\t",
            "4314550\tcity\tAlexandria\t31.31\t-92.44\tUSA\tLA\t47723\t",
            "703448\tcapital\tKyiv\t50.45\t30.52\tUKR\t12\t2952301\tKiev",
            "2988507\tcapital\tParis\t48.85\t2.35\tFRA\t11\t2138551\t",
            "4717560\tcity\tParis\t33.66\t-95.56\tUSA\tTX\t24782\t",
            "5128581\tcity\tNew York City\t40.71\t-74.0\tUSA\tNY\t8804190\tNew York",
            "4407066\tcity\tSaint Louis\t38.63\t-90.2\tUSA\tMO\t315685\t",
            "4140963\tcapital\tWashington\t38.9\t-77.04\tUSA\tDC\t689545\t",
            "5780993\tcity\tWinston-Salem\t36.1\t-80.24\tUSA\tNC\t247945\t",
            "4543762\tcity\tMoore\t35.34\t-97.49\tUSA\tOK\t162793\t",
            "2950159\tcity\tBerlin\t52.52\t13.41\tDEU\t16\t3426354\t",
            "3996063\tcountry\tMexico\t23.0\t-102.0\tMEX\t\t126190788\tMexican",
            "3530597\tcapital\tMexico City\t19.43\t-99.13\tMEX\t09\t12294193\tMexico",
            "4407957\tcity\tDunlap\t40.86\t-89.68\tUSA\tIL\t1386\t",
            "4684888\tcity\tDallas\t32.78\t-96.81\tUSA\tTX\t1326087\t",
            "5843591\tregion\tWyoming\t43.0\t-107.5\tUSA\tWY\t578759\t",
            "5015688\tcity\tWyoming\t42.91\t-85.71\tUSA\tMI\t76501\t",
            "0\tregion\tKermanshah\t34.5\t47.0\tIRN\t13\t1952434\t",
            "128226\tcity\tKermanshah\t34.31\t47.07\tIRN\t13\t621100\t",
            "5001836\tregion\tMichigan\t44.57\t-86.3\tUSA\tMI\t9937802\tMich.",
            "5014227\tcity\tDetroit\t42.33\t-83.05\tUSA\tMI\t677116\t",
        ];
        let src = format!("{HEADER}{}\n", rows.join("\n"));
        Gazetteer::parse(&src, "test.tsv")
            .expect("test gazetteer parses")
            .with_place_words(repo_place_words())
    }

    /// The repo's lists of the words the spotter reads around a name
    /// (titles, street and office words), as `Lexicon::load` gives them.
    fn repo_place_words() -> crate::lexicon::word_list::PlaceWords {
        use crate::lexicon::word_list::{LineShape, WordList};
        let list = |name: &str| {
            let entry = crate::lexicon::DATA_FILES
                .iter()
                .find(|e| e.path == name)
                .expect("a registered list");
            let text = entry.embedded.text().expect("built in as text");
            WordList::parse(text, entry.name, LineShape::Word).expect("the repo's list")
        };
        crate::lexicon::word_list::PlaceWords {
            street_nouns: list("lexicon/street_nouns.txt"),
            avenue_nouns: list("lexicon/avenue_nouns.txt"),
            place_kind_nouns: list("lexicon/place_kind_nouns.txt"),
            offices: list("lexicon/offices.txt"),
            titles: list("lexicon/titles.txt"),
            dotted_titles: list("lexicon/dotted_titles.txt"),
        }
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String, String)> {
        g.find_places(text, &PlaceContext::default())
            .into_iter()
            .map(|m| {
                let p = g.place(m.place);
                (
                    m.span.of(text).to_string(),
                    p.name.to_string(),
                    p.country.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn parse_errors_name_the_line() {
        let src =
            format!("{HEADER}1\tcity\tA\t1\t2\tUSA\tX\t5\t\n\n2\tcity\tB\t91\t2\tUSA\tX\t5\t\n");
        let e = Gazetteer::parse(&src, "g.tsv").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("g.tsv", 4));
        assert!(e.reason.contains("latitude"), "{e}");
        let e = Gazetteer::parse("1\ttown\tA\t1\t2\tUSA\tX\t5\t\n", "g.tsv").unwrap_err();
        assert!(e.reason.contains("kind") && e.line == 1);
        let e = Gazetteer::parse("1\tcity\tA\t1\t2\tUS\tX\t5\t\n", "g.tsv").unwrap_err();
        assert!(e.reason.contains("alpha-3"));
        let e = Gazetteer::parse("1\tcity\tA\t1\t2\tUSA\n", "g.tsv").unwrap_err();
        assert!(e.reason.contains("9 tab-separated"));
        let e = Gazetteer::parse("x\tcity\tA\t1\t2\tUSA\tX\t5\t\n", "g.tsv").unwrap_err();
        assert!(e.reason.contains("geonameid"));
    }

    #[test]
    fn ascii_fast_key_matches_normalised_key() {
        for name in [
            "St. Louis",
            "Winston-Salem",
            "  New  York ",
            "O`Fallon",
            "MT. Hood",
            "Ste Foy",
        ] {
            let n = normalise(name);
            let mut h = KeyHash::new();
            n.bytes().for_each(|b| h.push(b));
            assert_eq!(key_of(name), Some(h.finish()), "{name} / {n}");
        }
        assert_eq!(key_of(" - "), None);
    }

    #[test]
    fn country_lookup_is_by_alpha3() {
        let g = small();
        assert_eq!(g.country("EGY").map(|p| p.name), Some("Egypt"));
        assert!(g.country("XXX").is_none());
    }

    #[test]
    fn homonyms_by_population_and_context() {
        let g = small();
        // Alone, the big one.
        assert_eq!(found(&g, "Protests in Alexandria grew.")[0].2, "EGY");
        // With a comma-named state.
        let r = found(&g, "He lives in Alexandria, Va., and works there.");
        assert_eq!(r[0].2, "USA");
        assert_eq!(r[0].0, "Alexandria");
        assert_eq!(r[1].1, "Virginia");
        // By the document's region.
        let r = found(&g, "Louisiana police said a man in Alexandria was hurt.");
        assert_eq!(
            r[1],
            ("Alexandria".into(), "Alexandria".into(), "USA".into())
        );
        assert_eq!(
            g.place(g.find_places("Alexandria", &PlaceContext::default())[0].place)
                .lat,
            31.2
        );
        // Paris, Texas vs Paris, France.
        assert_eq!(found(&g, "They met in Paris on Monday.")[0].2, "FRA");
        assert_eq!(
            found(&g, "They met in Paris, Texas, on Monday.")[0].2,
            "USA"
        );
        // Georgia: the country by default, the state in a US document.
        assert_eq!(found(&g, "Troops entered Georgia.")[0].2, "GEO");
        let ctx = PlaceContext {
            countries: vec!["USA".into()],
            ..PlaceContext::default()
        };
        let m = g.find_places("Storms hit Georgia.", &ctx);
        assert_eq!(g.place(m[0].place).kind, PlaceKind::Region);
        // Unless the text names the country's people ("Georgian troops").
        let ctx = PlaceContext {
            peoples: vec!["GEO".into()],
            ..ctx
        };
        let m = g.find_places("Storms hit Georgia.", &ctx);
        assert_eq!(g.place(m[0].place).kind, PlaceKind::Country);
    }

    #[test]
    fn possessives_multiword_and_abbreviations() {
        let g = small();
        let r = found(
            &g,
            "Kyiv's mayor and Kiev’s residents; the U.S. and New York City. St. Louis too.",
        );
        let names: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            ["Kyiv", "Kiev", "U.S.", "New York City", "St. Louis"]
        );
        let r = found(&g, "Russian-backed, French-led and Winston-Salem.");
        assert_eq!(
            r.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["France", "Winston-Salem"]
        );
        assert_eq!(found(&g, "US troops left the EU.").len(), 2);
        // A bare "Va." is not a place (the parse makes it the subject);
        // "us" is a pronoun. Before a noun it is a modifier: "a Va. jail".
        let subject = PlaceContext {
            subjects: vec![Span::new(0, 3)],
            ..PlaceContext::default()
        };
        assert!(g.find_places("Va. told us.", &subject).is_empty());
        assert_eq!(found(&g, "He sat in a Va. jail.").len(), 1);
    }

    #[test]
    fn person_names_are_not_places() {
        let g = small();
        assert!(found(&g, "Mr. Washington said so.").is_empty());
        assert!(found(&g, "It was George Washington who crossed.").is_empty());
        // Once a person, the name is a person throughout the document.
        assert!(found(&g, "Coach Moore said Moore would stay in Moore.").is_empty());
        assert_eq!(found(&g, "A tornado hit Moore on Monday.").len(), 1);
        // A county the gazetteer lacks is placed at the document's region.
        let r = found(&g, "Louisiana deputies searched Alexandria County.");
        assert_eq!(
            r[1],
            ("Alexandria County".into(), "Louisiana".into(), "USA".into())
        );
        assert_eq!(found(&g, "In Washington, talks began.").len(), 1);
    }

    #[test]
    fn hyphenated_modifiers_end_the_name() {
        let g = small();
        let r = found(&g, "A New York-based charity and a Kyiv-led group met.");
        let names: Vec<(&str, &str)> = r.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(names, [("New York", "New York City"), ("Kyiv", "Kyiv")]);
    }

    #[test]
    fn a_region_is_not_its_smaller_namesake_town_elsewhere() {
        let g = small();
        let kind = |text: &str| {
            let m = g.find_places(text, &PlaceContext::default());
            let p = g.place(m[0].place);
            (p.kind, p.admin1.to_string())
        };
        // Wyoming the state, not Wyoming, Michigan.
        assert_eq!(
            kind("Ranchers in Wyoming sold cattle."),
            (PlaceKind::Region, "WY".into())
        );
        // The town, when its own region speaks for it or a qualifier says so.
        assert_eq!(
            kind("Wyoming police and Detroit police met.").0,
            PlaceKind::City
        );
        let r = found(&g, "A man from Wyoming, Mich., was hurt.");
        assert_eq!(r[0].1, "Wyoming");
        assert_eq!(
            kind("A man from Wyoming, Mich., was hurt.").0,
            PlaceKind::City
        );
    }

    #[test]
    fn the_word_for_a_province_makes_a_region() {
        let g = small();
        let kind = |text: &str| {
            let m = g.find_places(text, &PlaceContext::default());
            g.place(m[0].place).kind
        };
        assert_eq!(kind("Talks began in Kermanshah."), PlaceKind::City);
        assert_eq!(
            kind("Quakes hit the province of Kermanshah."),
            PlaceKind::Region
        );
        assert_eq!(kind("Quakes hit Kermanshah province."), PlaceKind::Region);
        assert_eq!(
            kind("Quakes hit the state of Kermanshah."),
            PlaceKind::Region
        );
        // "State of" capitalised is a formal name; a country stays a country.
        assert_eq!(kind("The State of Kermanshah sued."), PlaceKind::City);
        assert_eq!(kind("Floods hit Georgia province."), PlaceKind::Country);
    }

    #[test]
    fn country_named_exactly_beats_a_short_form() {
        let g = small();
        let r = found(&g, "Mexico agreed to the plan.");
        assert_eq!(r[0].1, "Mexico");
        assert_eq!(found(&g, "Mexico City was calm.")[0].1, "Mexico City");
    }

    #[test]
    fn nearby_places_pull_a_homonym_home() {
        let g = small();
        // The Paris near Dallas, not the French capital.
        let r = found(&g, "A man from Paris died in a Dallas hospital.");
        assert_eq!(r[0].2, "USA");
        // The caller reading "Paris" itself as France is only an echo.
        let text = "A man from Paris died in a Dallas hospital.";
        let ctx = PlaceContext {
            countries: vec!["FRA".into(), "USA".into()],
            ..PlaceContext::default()
        };
        let m = g.find_places(text, &ctx);
        assert_eq!(g.place(m[0].place).country, "USA");
        assert!(super::resolve::distance_km(&g.place(0), &g.place(0)) < 1e-9);
        let by_id = |id: u32| (0..g.len()).map(|i| g.place(i)).find(|p| p.geonameid == id);
        let (Some(paris_tx), Some(dallas)) = (by_id(4717560), by_id(4684888)) else {
            panic!("test rows missing");
        };
        let km = super::resolve::distance_km(&paris_tx, &dallas);
        assert!((100.0..200.0).contains(&km), "{km}");
    }

    #[test]
    fn names_inside_a_person_name_are_not_places() {
        let g = small();
        let text = "Bob Dunlap said Dunlap would stay. Paris Hilton visited Paris.";
        let ctx = PlaceContext {
            persons: vec![Span::new(0, 10), Span::new(35, 47)],
            ..PlaceContext::default()
        };
        let got: Vec<&str> = g
            .find_places(text, &ctx)
            .iter()
            .map(|m| m.span.of(text))
            .collect();
        // "Dunlap" (only a small town) is the person's throughout; "Paris"
        // only inside the name.
        assert_eq!(got, ["Paris"]);
        assert_eq!(&text[35..47], "Paris Hilton");
    }

    #[test]
    fn random_text_gives_char_boundary_spans() {
        let g = small();
        let pieces = [
            "Paris",
            "Kyiv",
            "'s",
            "’s",
            "-",
            "‐",
            ". ",
            ", ",
            " ",
            "St.",
            "U.S.",
            "Va.",
            "é",
            "Ü",
            "日本",
            "\u{0301}",
            "\n",
            "Mr.",
            "County",
            "new",
            "York",
            "City",
            "Alexandria",
            "Georgia",
            "?",
            "EU",
            "'",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for m in g.find_places(&text, &PlaceContext::default()) {
                assert!(
                    m.span.start < m.span.end && m.span.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                assert!(m.place < g.len());
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let g = small();
        for text in [
            "",
            " ",
            "'",
            "-",
            "Kyiv'",
            "Kyiv's",
            "U.S",
            "É",
            "Paris,",
            ", Va.",
            "Alexandria,\u{a0}Va.",
            "ÜÜÜ Paris-",
            "St.",
            "New York City City City City City City City",
            "\u{feff}Paris\u{0301}",
            "日本 Paris 東京",
        ] {
            let _ = g.find_places(text, &PlaceContext::default());
        }
        let _ = Gazetteer::parse("\u{feff}\t\t\t", "x");
        let _ = Gazetteer::parse("1\tcity\tA\tNaN\t2\tUSA\tX\t5\t", "x");
    }
}
