//! The closed vocabularies of the output contract: PLOVER event types,
//! actor sectors and how an actor was found. Each serialises to the same
//! text it always had (`"ASSAULT"`, `"GOV"`, `"dict:data/actors/x.tsv:3"`),
//! so the JSON lines and the stored records do not change.
//!
//! This file is the one list of PLOVER types for the Rust code; the scripts
//! read it from `data/events/categories.tsv`, which start-up checks against
//! [`Category::ALL`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A word that is not in a closed vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{word}` is not a {vocabulary}")]
pub struct UnknownWord {
    pub vocabulary: &'static str,
    pub word: String,
}

/// Declares a closed vocabulary of upper-case words: the enum, its list in
/// declaration order, and the conversions to and from its text.
macro_rules! closed_vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in the order of the list.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value's position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }

            /// The value's text, as it appears in data files and output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownWord {
                        vocabulary: $what,
                        word: s.to_string(),
                    }),
                }
            }
        }

        // Ordered by text, as the strings the enum replaced were: sorted
        // output (alerts, merged events) keeps its order.
        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

closed_vocabulary!(
    /// The 16 PLOVER event types.
    Category, "PLOVER event type", {
        Agree = "AGREE",
        Consult = "CONSULT",
        Support = "SUPPORT",
        Concede = "CONCEDE",
        Cooperate = "COOPERATE",
        Aid = "AID",
        Retreat = "RETREAT",
        Request = "REQUEST",
        Accuse = "ACCUSE",
        Reject = "REJECT",
        Threaten = "THREATEN",
        Protest = "PROTEST",
        Sanction = "SANCTION",
        Mobilize = "MOBILIZE",
        Coerce = "COERCE",
        Assault = "ASSAULT",
    }
);

closed_vocabulary!(
    /// The actor sectors the data files may give (PLOVER's agent types).
    Sector, "sector", {
        Gov = "GOV",
        Mil = "MIL",
        Cop = "COP",
        Jud = "JUD",
        Leg = "LEG",
        Opp = "OPP",
        Cvl = "CVL",
        Reb = "REB",
        Bus = "BUS",
        Med = "MED",
        Igo = "IGO",
        Ngo = "NGO",
        Rel = "REL",
        Edu = "EDU",
        Hlh = "HLH",
        Lab = "LAB",
        Agr = "AGR",
        Crm = "CRM",
        Ref = "REF",
        Eli = "ELI",
        Spy = "SPY",
        Pty = "PTY",
        Uaf = "UAF",
    }
);

/// How an actor's code was found; serialised as one string
/// (`dict:FILE:LINE`, `coref:he`, `default:country`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ActorHow {
    /// Not known yet while a phrase is being resolved; also what the alert
    /// views send, which drop provenance to stay small. Serialises as `""`.
    #[default]
    Unstated,
    /// A dictionary entry, by its `file:line`.
    Dict(String),
    /// A pronoun ("he", "its") taken back to the actor last named.
    CorefPronoun(String),
    /// A surname or name given in full earlier in the document.
    CorefName,
    /// A head noun ("the ministry") seen earlier with a code.
    CorefHead,
    /// "Both sides", "the two governments": the last party named before
    /// that is not already in the sentence.
    CorefPair,
    /// A definite description ("the country", "the alliance"): the last
    /// actor of its kind named.
    CorefDescription,
    /// The doer of an act the text told before, named by a definite event
    /// noun ("condemned the crackdown").
    CorefEvent,
    /// The name after a titled phrase ("the minister, Ivan Petrov").
    Apposition,
    /// A place after the trigger in another country.
    Place,
    /// An agent placed by the place after it ("police in Lagos").
    PlaceQualifier,
    /// A defaulted actor of a sentence set in such a place.
    PlaceSentence,
    /// The sentence's only country.
    DefaultSentence,
    /// The document's main country.
    DefaultDocument,
    /// No actor named: the sentence's or the document's country.
    DefaultCountry,
    /// The other party the text was talking about.
    DefaultOtherParty,
    /// No target named: the event stays in the source's country.
    DefaultDomestic,
    /// A value this coder does not emit: records stored by an older one,
    /// and test fixtures. Kept as read so that it is written back unchanged.
    Other(String),
}

impl ActorHow {
    /// Whether the code came from an earlier mention (`coref:*`).
    pub fn is_coref(&self) -> bool {
        matches!(
            self,
            ActorHow::CorefPronoun(_)
                | ActorHow::CorefName
                | ActorHow::CorefHead
                | ActorHow::CorefPair
                | ActorHow::CorefDescription
                | ActorHow::CorefEvent
        )
    }

    /// Whether the code is a fallback, not read from the phrase (`default:*`).
    pub fn is_default(&self) -> bool {
        matches!(
            self,
            ActorHow::DefaultSentence
                | ActorHow::DefaultDocument
                | ActorHow::DefaultCountry
                | ActorHow::DefaultOtherParty
                | ActorHow::DefaultDomestic
        )
    }

    /// Reads the text form back; never fails (unknown text is `Other`).
    pub fn parse(s: &str) -> ActorHow {
        match s {
            "" => ActorHow::Unstated,
            "coref:name" => ActorHow::CorefName,
            "coref:head" => ActorHow::CorefHead,
            "coref:pair" => ActorHow::CorefPair,
            "coref:description" => ActorHow::CorefDescription,
            "coref:event" => ActorHow::CorefEvent,
            "apposition" => ActorHow::Apposition,
            "place" => ActorHow::Place,
            "place:qualifier" => ActorHow::PlaceQualifier,
            "place:sentence" => ActorHow::PlaceSentence,
            "default:sentence" => ActorHow::DefaultSentence,
            "default:document" => ActorHow::DefaultDocument,
            "default:country" => ActorHow::DefaultCountry,
            "default:other-party" => ActorHow::DefaultOtherParty,
            "default:domestic" => ActorHow::DefaultDomestic,
            _ => {
                if let Some(origin) = s.strip_prefix("dict:") {
                    ActorHow::Dict(origin.to_string())
                } else if let Some(word) = s.strip_prefix("coref:") {
                    ActorHow::CorefPronoun(word.to_string())
                } else {
                    ActorHow::Other(s.to_string())
                }
            }
        }
    }
}

impl fmt::Display for ActorHow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActorHow::Unstated => Ok(()),
            ActorHow::Dict(origin) => write!(f, "dict:{origin}"),
            ActorHow::CorefPronoun(word) => write!(f, "coref:{word}"),
            ActorHow::CorefName => f.write_str("coref:name"),
            ActorHow::CorefHead => f.write_str("coref:head"),
            ActorHow::CorefPair => f.write_str("coref:pair"),
            ActorHow::CorefDescription => f.write_str("coref:description"),
            ActorHow::CorefEvent => f.write_str("coref:event"),
            ActorHow::Apposition => f.write_str("apposition"),
            ActorHow::Place => f.write_str("place"),
            ActorHow::PlaceQualifier => f.write_str("place:qualifier"),
            ActorHow::PlaceSentence => f.write_str("place:sentence"),
            ActorHow::DefaultSentence => f.write_str("default:sentence"),
            ActorHow::DefaultDocument => f.write_str("default:document"),
            ActorHow::DefaultCountry => f.write_str("default:country"),
            ActorHow::DefaultOtherParty => f.write_str("default:other-party"),
            ActorHow::DefaultDomestic => f.write_str("default:domestic"),
            ActorHow::Other(s) => f.write_str(s),
        }
    }
}

impl Serialize for ActorHow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ActorHow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(ActorHow::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_through_their_text() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(*c));
            assert_eq!(serde_json::to_string(c).unwrap(), format!("\"{c}\""));
        }
        for s in Sector::ALL {
            assert_eq!(s.as_str().parse::<Sector>(), Ok(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{s}\""));
        }
        assert_eq!(Category::ALL.len(), 16);
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
        }
        let e = "FIGHT".parse::<Category>().unwrap_err();
        assert_eq!(e.to_string(), "`FIGHT` is not a PLOVER event type");
        assert!("gov".parse::<Sector>().is_err());
        assert!(Category::Accuse < Category::Agree, "ordered by text");
    }

    #[test]
    fn actor_how_keeps_its_text() {
        for text in [
            "",
            "dict:data/actors/countries.tsv:12",
            "coref:he",
            "coref:its",
            "coref:name",
            "coref:head",
            "coref:event",
            "apposition",
            "place",
            "default:sentence",
            "default:document",
            "default:country",
            "default:other-party",
            "default:domestic",
            "synthetic",
        ] {
            let how = ActorHow::parse(text);
            assert_eq!(how.to_string(), text);
            let json = serde_json::to_string(&how).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<ActorHow>(&json).unwrap(), how);
        }
        assert_eq!(ActorHow::parse("coref:name"), ActorHow::CorefName);
        assert_eq!(
            ActorHow::parse("synthetic"),
            ActorHow::Other("synthetic".into())
        );
        assert!(ActorHow::parse("coref:she").is_coref());
        assert!(ActorHow::DefaultDomestic.is_default());
    }
}
