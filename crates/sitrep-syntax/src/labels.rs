//! Closed vocabularies of the model: Penn tags, universal POS, dependency
//! labels and entity labels. Each enum converts to and from the exact string
//! spaCy uses, so the converter can map the model's label lists by name.

macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string spaCy uses for this value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value spaCy writes as `text`, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

label_enum! {
    /// Fine-grained Penn Treebank tags of `en_core_web_sm` (spaCy's `tag_`).
    Tag {
        Dollar = "$", CloseQuote = "''", Comma = ",", LeftBracket = "-LRB-", RightBracket = "-RRB-",
        Period = ".", Colon = ":", Add = "ADD", Afx = "AFX", Cc = "CC", Cd = "CD", Dt = "DT",
        Ex = "EX", Fw = "FW", Hyph = "HYPH", In = "IN", Jj = "JJ", Jjr = "JJR", Jjs = "JJS",
        Ls = "LS", Md = "MD", Nfp = "NFP", Nn = "NN", Nnp = "NNP", Nnps = "NNPS", Nns = "NNS",
        Pdt = "PDT", Pos = "POS", Prp = "PRP", PrpPoss = "PRP$", Rb = "RB", Rbr = "RBR",
        Rbs = "RBS", Rp = "RP", Sym = "SYM", To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD",
        Vbg = "VBG", Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT", Wp = "WP",
        WpPoss = "WP$", Wrb = "WRB", Xx = "XX", Space = "_SP", OpenQuote = "``",
    }
}

label_enum! {
    /// Universal POS tags as spaCy sets them (spaCy adds SPACE).
    Pos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET",
        Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON", Propn = "PROPN",
        Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM", Verb = "VERB", X = "X", Space = "SPACE",
    }
}

label_enum! {
    /// Dependency labels of spaCy's English parser (ClearNLP style).
    Dep {
        Root = "ROOT", Acl = "acl", Acomp = "acomp", Advcl = "advcl", Advmod = "advmod",
        Agent = "agent", Amod = "amod", Appos = "appos", Attr = "attr", Aux = "aux",
        Auxpass = "auxpass", Case = "case", Cc = "cc", Ccomp = "ccomp", Compound = "compound",
        Conj = "conj", Csubj = "csubj", Csubjpass = "csubjpass", Dative = "dative", Dep = "dep",
        Det = "det", Dobj = "dobj", Expl = "expl", Intj = "intj", Mark = "mark", Meta = "meta",
        Neg = "neg", Nmod = "nmod", Npadvmod = "npadvmod", Nsubj = "nsubj",
        Nsubjpass = "nsubjpass", Nummod = "nummod", Oprd = "oprd", Parataxis = "parataxis",
        Pcomp = "pcomp", Pobj = "pobj", Poss = "poss", Preconj = "preconj", Predet = "predet",
        Prep = "prep", Prt = "prt", Punct = "punct", Quantmod = "quantmod", Relcl = "relcl",
        Xcomp = "xcomp",
    }
}

label_enum! {
    /// OntoNotes entity labels of the NER.
    EntityLabel {
        Person = "PERSON", Norp = "NORP", Fac = "FAC", Org = "ORG", Gpe = "GPE", Loc = "LOC",
        Product = "PRODUCT", Event = "EVENT", WorkOfArt = "WORK_OF_ART", Law = "LAW",
        Language = "LANGUAGE", Date = "DATE", Time = "TIME", Percent = "PERCENT",
        Money = "MONEY", Quantity = "QUANTITY", Ordinal = "ORDINAL", Cardinal = "CARDINAL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_round_trips_through_its_string() {
        for t in Tag::ALL {
            assert_eq!(Tag::parse(t.as_str()), Some(*t));
        }
        for p in Pos::ALL {
            assert_eq!(Pos::parse(p.as_str()), Some(*p));
        }
        for d in Dep::ALL {
            assert_eq!(Dep::parse(d.as_str()), Some(*d));
        }
        for e in EntityLabel::ALL {
            assert_eq!(EntityLabel::parse(e.as_str()), Some(*e));
        }
        assert_eq!(
            (
                Tag::ALL.len(),
                Pos::ALL.len(),
                Dep::ALL.len(),
                EntityLabel::ALL.len()
            ),
            (50, 18, 45, 18)
        );
    }
}
