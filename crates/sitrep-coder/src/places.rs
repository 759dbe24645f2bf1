//! Places: the GeoNames-derived gazetteer, toponym spotting in text, and
//! disambiguation by the document's countries and by population.
//!
//! Spotting: capitalised token runs (up to six tokens, lower-case connectors
//! such as "of"/"de" allowed inside, "St. Louis" and "Winston-Salem" joined)
//! are looked up, longest first, in an index of normalised names (case and
//! Latin diacritics folded, hyphens as spaces, "St." read as "Saint").
//! Possessives ("Kyiv's") and hyphenated modifiers ("Russian-backed") fall
//! back to the bare name. Skipped: common capitalised words, runs after a
//! title ("Mr. Washington", "President Jordan") or inside a longer proper
//! name ("George Washington"); a small town's name once read as a person's
//! is a person's throughout the document ("Mike Moore ... Moore said").
//! "X County" / "X Parish" (counties are not in the gazetteer) is placed at
//! the region the document mentions most.
//!
//! Disambiguation, per distinct name (one sense per document), by score:
//! 1. a "Town, Region" / "Town, Country" comma pattern ("Alexandria, Va.",
//!    "Paris, Texas") outweighs everything else;
//! 2. the caller's countries (`PlaceContext::countries`, strongest first) and
//!    the countries and regions of the document's other mentions — first of
//!    the unambiguous names, then, in a second pass, of everything the first
//!    pass resolved (towns in a mentioned region, regions of mentioned towns);
//! 3. the kind of place: continents and countries before national capitals,
//!    regions and other cities (regions and cities then by population);
//! 4. the place's own name (or its leading part, "New York" for "New York
//!    City") before an alternate name;
//! 5. population (log scale).
//!
//! A reading that scores below `MIN_SCORE` — in practice a town under about
//! 100,000 people that nothing else in the document supports — is dropped as
//! a likely false positive (surnames, organisations).

use std::collections::HashMap;

use crate::document::Span;
use crate::lexicon::{tsv_lines, LexiconError};

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A continent or a group of countries such as the European Union
    /// (`Place::country` is empty).
    Continent,
    Country,
    /// First-order administrative region (state, province, oblast).
    Region,
    /// Populated place.
    City,
}

impl PlaceKind {
    /// The feature name used in output records (`country`, `region`, `city`, `continent`).
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "continent",
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id; 0 when the source gives none (most regions).
    pub geonameid: u32,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-3 of the country the place lies in (empty for continents).
    pub country: String,
    pub kind: PlaceKind,
    pub population: u64,
}

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
}

/// How one name in the index points at one place.
#[derive(Debug, Clone, Copy)]
struct Entry {
    place: u32,
    /// The place's own name rather than an alternate.
    main: bool,
    /// An all-capitals form ("US", "UK"): must appear in capitals in the text.
    caps: bool,
    /// A dotted abbreviation ("Va.", "Calif."): only read after "Town, ".
    after_comma: bool,
}

/// Facts about a place that the public `Place` does not carry.
#[derive(Debug, Clone, Default)]
struct Extra {
    admin1: String,
    capital: bool,
}

/// The gazetteer, loaded from `data/gazetteer/*.tsv`.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    extra: Vec<Extra>,
    /// Name index: hashed normalised names (`key_of`), sorted, with the entry
    /// at the same position. A sorted vector builds faster than a hash map
    /// (sequential memory) and a lookup is a binary search.
    keys: Vec<u64>,
    entries: Vec<Entry>,
    countries: HashMap<String, usize>,
    /// (alpha-3, admin1 code) → region entry.
    regions: HashMap<(String, String), usize>,
}

impl Gazetteer {
    /// Parses the gazetteer file; `origin` names it in errors.
    /// Format: `data/gazetteer/FORMAT.md`.
    pub fn parse(src: &str, origin: &str) -> Result<Gazetteer, LexiconError> {
        let mut g = Gazetteer::default();
        let rows = src.bytes().filter(|&b| b == b'\n').count() + 1;
        g.places.reserve(rows);
        g.extra.reserve(rows);
        g.keys.reserve(rows * 3);
        g.entries.reserve(rows * 3);
        for (line_no, fields) in tsv_lines(src) {
            let err = |reason: String| LexiconError::new(origin, line_no, reason);
            if fields.len() != 9 {
                return Err(err(format!(
                    "expected 9 tab-separated fields, found {}",
                    fields.len()
                )));
            }
            let geonameid: u32 = fields[0]
                .parse()
                .map_err(|_| err(format!("bad geonameid `{}`", fields[0])))?;
            let (kind, capital) = match fields[1] {
                "continent" => (PlaceKind::Continent, false),
                "country" => (PlaceKind::Country, false),
                "region" => (PlaceKind::Region, false),
                "city" => (PlaceKind::City, false),
                "capital" => (PlaceKind::City, true),
                other => return Err(err(format!("unknown kind `{other}`"))),
            };
            let name = fields[2];
            if name.is_empty() {
                return Err(err("empty name".to_string()));
            }
            let lat: f64 = fields[3]
                .parse()
                .ok()
                .filter(|v: &f64| (-90.0..=90.0).contains(v))
                .ok_or_else(|| err(format!("bad latitude `{}`", fields[3])))?;
            let lon: f64 = fields[4]
                .parse()
                .ok()
                .filter(|v: &f64| (-180.0..=180.0).contains(v))
                .ok_or_else(|| err(format!("bad longitude `{}`", fields[4])))?;
            let country = fields[5];
            let valid_country =
                country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase());
            if kind == PlaceKind::Continent {
                if !country.is_empty() {
                    return Err(err("a continent has no country code".to_string()));
                }
            } else if !valid_country {
                return Err(err(format!("bad ISO alpha-3 country code `{country}`")));
            }
            let population: u64 = fields[7]
                .parse()
                .map_err(|_| err(format!("bad population `{}`", fields[7])))?;
            let idx = g.places.len();
            let Ok(idx32) = u32::try_from(idx) else {
                return Err(err("too many places".to_string()));
            };
            match kind {
                PlaceKind::Country if g.countries.insert(country.to_string(), idx).is_some() => {
                    return Err(err(format!("second entry for country `{country}`")));
                }
                PlaceKind::Region => {
                    g.regions
                        .insert((country.to_string(), fields[6].to_string()), idx);
                }
                _ => {}
            }
            g.places.push(Place {
                geonameid,
                name: name.to_string(),
                lat,
                lon,
                country: country.to_string(),
                kind,
                population,
            });
            g.extra.push(Extra {
                admin1: fields[6].to_string(),
                capital,
            });
            g.add_name(name, idx32, true);
            for alt in fields[8]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                // "New York" for "New York City" is as good as the name itself.
                let short_form = name.starts_with(alt) && !alt.ends_with('.');
                g.add_name(alt, idx32, short_form);
            }
        }
        g.sort_index();
        Ok(g)
    }

    fn add_name(&mut self, name: &str, place: u32, main: bool) {
        let Some(key) = key_of(name) else {
            return;
        };
        let mut letters = 0;
        let mut caps = true;
        for c in name.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            caps &= c.is_uppercase();
        }
        let caps = caps && letters > 0;
        let after_comma = !main && name.ends_with('.') && letters <= 5 && !caps;
        self.keys.push(key);
        self.entries.push(Entry {
            place,
            main,
            caps,
            after_comma,
        });
    }

    /// Sorts the index by key and merges repeated (key, place) pairs.
    fn sort_index(&mut self) {
        let mut pairs: Vec<(u64, Entry)> =
            self.keys.drain(..).zip(self.entries.drain(..)).collect();
        pairs.sort_unstable_by_key(|(k, e)| (*k, e.place, !e.main));
        pairs.dedup_by(|later, kept| {
            let same = later.0 == kept.0 && later.1.place == kept.1.place;
            if same {
                kept.1.main |= later.1.main;
            }
            same
        });
        self.keys = pairs.iter().map(|p| p.0).collect();
        self.entries = pairs.into_iter().map(|p| p.1).collect();
    }

    /// The index entries of a name.
    fn entries_of(&self, key: u64) -> &[Entry] {
        let start = self.keys.partition_point(|&k| k < key);
        let end = start + self.keys[start..].partition_point(|&k| k == key);
        &self.entries[start..end]
    }

    pub fn place(&self, index: usize) -> &Place {
        &self.places[index]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The country entry for an ISO alpha-3 code (its centroid, for events
    /// placed only at country level).
    pub fn country(&self, alpha3: &str) -> Option<&Place> {
        self.countries.get(alpha3).map(|&i| &self.places[i])
    }

    /// Finds and resolves toponyms in `text` (the whole document text), one
    /// mention per toponym occurrence, in text order.
    pub fn find_places(&self, text: &str, ctx: &PlaceContext) -> Vec<PlaceMention> {
        let tokens = tokenize(text);
        let spotted = self.spot(text, &tokens);
        self.resolve(text, &spotted, ctx)
    }

    /// Pass 0: candidate toponym runs with their index entries.
    fn spot(&self, text: &str, tokens: &[Token]) -> Vec<Spotted> {
        let mut out: Vec<Spotted> = Vec::new();
        // Names read as a person's somewhere in the document ("Mr. Moore",
        // "Mike Moore"): then "Moore" alone is the person too.
        let mut persons: Vec<u64> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.match_at(text, tokens, i) {
                Some(mut s) => {
                    i = s.next_token;
                    match self.verdict(text, tokens, &s) {
                        Verdict::Keep => out.push(s),
                        Verdict::Drop => {}
                        Verdict::Person => persons.push(s.key),
                        Verdict::County(end) => {
                            s.span.end = end;
                            s.county = true;
                            i += 1;
                            out.push(s);
                        }
                    }
                }
                None => i += 1,
            }
        }
        out.retain(|s| !persons.contains(&s.key));
        // "Town, Region": mark the containers.
        for k in 1..out.len() {
            let (a, b) = (&out[k - 1], &out[k]);
            let between = text.get(a.span.end..b.span.start).unwrap_or("");
            if between.trim() == "," {
                out[k - 1].container = Some(k);
            }
        }
        // Abbreviations such as "Va." stand only after a comma.
        let keep: Vec<bool> = (0..out.len())
            .map(|k| {
                let after_comma = k > 0 && out[k - 1].container == Some(k);
                after_comma || out[k].entries.iter().any(|e| !e.after_comma)
            })
            .collect();
        let mut kept = Vec::new();
        let mut new_pos = vec![usize::MAX; out.len()];
        for (k, s) in out.into_iter().enumerate() {
            if keep[k] {
                new_pos[k] = kept.len();
                kept.push(s);
            }
        }
        for s in &mut kept {
            s.container = s
                .container
                .and_then(|c| new_pos.get(c).copied())
                .filter(|&c| c != usize::MAX);
        }
        kept
    }

    /// The longest index match starting at token `i`.
    fn match_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<Spotted> {
        let first = &tokens[i];
        if !first.cap {
            return None;
        }
        let mut ends = vec![i];
        for j in i + 1..tokens.len().min(i + 6) {
            let gap = text.get(tokens[j - 1].end..tokens[j].start).unwrap_or("");
            // "St. Louis", "Ft. Worth": a short abbreviation's dot may sit inside a name.
            let abbrev_dot = gap == ". " && tokens[j - 1].end - tokens[j - 1].start <= 3;
            let hyphen = gap == "-" || gap == "‐";
            if gap != " " && !abbrev_dot && !hyphen {
                break;
            }
            let t = &tokens[j];
            if t.cap {
                ends.push(j);
            } else if !CONNECTORS.contains(&lower(t.of(text)).as_str()) {
                break;
            }
        }
        for &j in ends.iter().rev() {
            let start = first.start;
            let end = tokens[j].end;
            let mut tries: Vec<usize> = Vec::with_capacity(3);
            if tokens[j].dot_after {
                tries.push(end + 1);
            }
            tries.push(end);
            let word = tokens[j].of(text);
            if let Some(stem) = strip_possessive(word) {
                tries.push(tokens[j].start + stem.len());
            }
            for e in tries {
                let Some(surface) = text.get(start..e) else {
                    continue;
                };
                if let Some(entries) = self.lookup(surface) {
                    return Some(Spotted {
                        span: Span::new(start, e),
                        key: key_of(surface)?,
                        entries,
                        first_token: i,
                        next_token: j + 1,
                        container: None,
                        county: false,
                    });
                }
            }
        }
        // "Russian-backed", "U.S.-led", "Paris-Henry County": the part before a hyphen.
        let word = first.of(text);
        if let Some(pos) = word.find('-') {
            let rest = word.get(pos + 1..).unwrap_or("");
            if rest.chars().next().is_some_and(char::is_alphabetic) {
                let surface = word.get(..pos).unwrap_or("");
                if let Some(entries) = self.lookup(surface) {
                    return Some(Spotted {
                        span: Span::new(first.start, first.start + pos),
                        key: key_of(surface)?,
                        entries,
                        first_token: i,
                        next_token: i + 1,
                        container: None,
                        county: false,
                    });
                }
            }
        }
        None
    }

    /// Index entries whose case rules the surface form satisfies.
    fn lookup(&self, surface: &str) -> Option<Vec<Entry>> {
        let entries = self.entries_of(key_of(surface)?);
        if entries.is_empty() {
            return None;
        }
        let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        let ok: Vec<Entry> = entries
            .iter()
            .copied()
            .filter(|e| {
                if e.caps {
                    all_caps
                } else {
                    // Short all-capital words are acronyms, not shouted names.
                    !(all_caps && letters.len() <= 3)
                }
            })
            .collect();
        (!ok.is_empty()).then_some(ok)
    }

    /// Context rules that say a run is not a place here.
    fn verdict(&self, text: &str, tokens: &[Token], s: &Spotted) -> Verdict {
        let i = s.first_token;
        let single = s.next_token == i + 1;
        let surface = s.span.of(text);
        let lowered = lower(surface);
        if (single || STOP_PHRASES.contains(&lowered.as_str()))
            && STOPWORDS.iter().chain(STOP_PHRASES).any(|w| *w == lowered)
        {
            return Verdict::Drop;
        }
        // "Laurel County": a county the gazetteer does not hold, not the town.
        if let Some(next) = tokens.get(s.next_token) {
            let gap = text.get(s.span.end..next.start).unwrap_or("");
            let whole_token = s.span.end == tokens[s.next_token - 1].end;
            if gap == " " && whole_token && ADMIN2_NOUNS.contains(&lower(next.of(text)).as_str()) {
                return Verdict::County(next.end);
            }
        }
        let only_cities = s
            .entries
            .iter()
            .all(|e| self.places[e.place as usize].kind == PlaceKind::City);
        if i > 0 {
            let prev = &tokens[i - 1];
            let gap = text.get(prev.end..tokens[i].start).unwrap_or("");
            let prev_word = lower(prev.of(text));
            let titled = (gap == " " && TITLES.contains(&prev_word.as_str()))
                || (gap == ". " && DOTTED_TITLES.contains(&prev_word.as_str()));
            if titled {
                return if single && only_cities {
                    Verdict::Person
                } else {
                    Verdict::Drop
                };
            }
            // Inside a longer proper name ("George Washington", "Michael Jordan").
            if gap == " "
                && prev.cap
                && !prev.sentence_start
                && !FUNCTION_WORDS.contains(&prev_word.as_str())
                && !prev.all_caps
                && strip_possessive(prev.of(text)).is_none()
                && only_cities
                && self.lookup(prev.of(text)).is_none()
            {
                // Only small towns' names are taken for a person's throughout
                // ("Mike Moore"); "Metro Atlanta" must not silence "Atlanta".
                let small = s
                    .entries
                    .iter()
                    .all(|e| self.places[e.place as usize].population < 100_000);
                return if single && small {
                    Verdict::Person
                } else {
                    Verdict::Drop
                };
            }
        }
        if single && tokens[i].sentence_start && only_cities {
            // A sentence-initial word also used in lower case in the text is a common word.
            let needle = format!(" {lowered} ");
            if lowered != surface && text.contains(&needle) {
                return Verdict::Drop;
            }
        }
        Verdict::Keep
    }

    /// Passes 1-3: choose a place per distinct name using the document's evidence.
    fn resolve(&self, text: &str, spotted: &[Spotted], ctx: &PlaceContext) -> Vec<PlaceMention> {
        let _ = text;
        // Group mentions by normalised name: one sense per document.
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of: HashMap<u64, usize> = HashMap::new();
        let mut mention_group = Vec::with_capacity(spotted.len());
        for s in spotted {
            if s.county {
                // Not the town of that name: a group of its own, placed below.
                groups.push(Group::default());
                mention_group.push(groups.len() - 1);
                continue;
            }
            let g = *group_of.entry(s.key).or_insert_with(|| {
                groups.push(Group::default());
                groups.len() - 1
            });
            let grp = &mut groups[g];
            for e in &s.entries {
                if !grp.entries.iter().any(|x| x.place == e.place) {
                    grp.entries.push(*e);
                } else if let Some(x) = grp.entries.iter_mut().find(|x| x.place == e.place) {
                    x.main |= e.main;
                }
            }
            mention_group.push(g);
        }
        for (k, s) in spotted.iter().enumerate() {
            if let Some(c) = s.container {
                let cg = mention_group[c];
                let g = mention_group[k];
                if cg != g {
                    groups[g].containers.push(cg);
                    groups[cg].contained.push(g);
                }
            }
        }

        // Evidence from unambiguous names: every candidate in one country / region.
        // "X County" / "X Parish" is how US news names its counties.
        let county_groups: Vec<usize> = spotted
            .iter()
            .zip(&mention_group)
            .filter(|(s, _)| s.county)
            .map(|(_, &g)| g)
            .collect();
        let add_counties = |ev: &mut Evidence| {
            for &g in &county_groups {
                ev.add_country("USA", g);
            }
        };
        let mut ev = Evidence::default();
        add_counties(&mut ev);
        for (g, grp) in groups.iter().enumerate() {
            let places: Vec<&Place> = grp
                .entries
                .iter()
                .map(|e| &self.places[e.place as usize])
                .collect();
            if let Some(first) = places.first() {
                if !first.country.is_empty() && places.iter().all(|p| p.country == first.country) {
                    ev.add_country(&first.country, g);
                }
            }
            if let [only] = grp.entries.as_slice() {
                let p = &self.places[only.place as usize];
                if p.kind != PlaceKind::Country && p.kind != PlaceKind::Continent {
                    ev.add_region(&p.country, &self.extra[only.place as usize].admin1, g);
                }
            }
        }
        let mut chosen: Vec<Option<(u32, f64)>> = vec![None; groups.len()];
        for pass in 0..2 {
            for g in 0..groups.len() {
                chosen[g] = self.best(&groups, g, &ev, ctx, &chosen);
            }
            if pass == 0 {
                ev = Evidence::default();
                add_counties(&mut ev);
                for (g, c) in chosen.iter().enumerate() {
                    if let Some((p, _)) = c {
                        let place = &self.places[*p as usize];
                        if !place.country.is_empty() {
                            ev.add_country(&place.country, g);
                        }
                        if place.kind == PlaceKind::Region || place.kind == PlaceKind::City {
                            ev.add_region(&place.country, &self.extra[*p as usize].admin1, g);
                        }
                    }
                }
            }
        }

        // A county lies in the region the document talks about most.
        let top_country = ev
            .countries
            .iter()
            .max_by_key(|(c, groups)| (groups.len(), std::cmp::Reverse(c.as_str())))
            .map(|(c, _)| c.as_str());
        let county_region = ev
            .regions
            .iter()
            .filter(|(key, _)| Some(key.0.as_str()) == top_country)
            .filter_map(|(key, groups)| self.regions.get(key).map(|&r| (groups.len(), r)))
            .max_by_key(|&(n, r)| (n, std::cmp::Reverse(r)))
            .map(|(_, r)| r);
        let mut out = Vec::new();
        for (k, s) in spotted.iter().enumerate() {
            if s.county {
                if let Some(r) = county_region {
                    out.push(PlaceMention {
                        span: s.span,
                        place: r,
                    });
                }
                continue;
            }
            if let Some((p, score)) = chosen[mention_group[k]] {
                // A first-order region is rarely a false positive: it needs
                // less support than a town ("exercises in Alaska").
                let floor = if self.places[p as usize].kind == PlaceKind::Region {
                    MIN_SCORE - REGION_FLOOR_DISCOUNT
                } else {
                    MIN_SCORE
                };
                if score >= floor {
                    out.push(PlaceMention {
                        span: s.span,
                        place: p as usize,
                    });
                }
            }
        }
        out
    }

    fn best(
        &self,
        groups: &[Group],
        g: usize,
        ev: &Evidence,
        ctx: &PlaceContext,
        chosen: &[Option<(u32, f64)>],
    ) -> Option<(u32, f64)> {
        let grp = &groups[g];
        let mut best: Option<(u32, f64)> = None;
        for e in &grp.entries {
            let p = &self.places[e.place as usize];
            let x = &self.extra[e.place as usize];
            let mut s = prior(p, x.capital);
            if e.main {
                s += 1.0;
            }
            // Caller's countries, strongest first.
            if let Some(pos) = ctx.countries.iter().position(|c| *c == p.country) {
                s += if pos == 0 { 3.0 } else { 2.0 };
            }
            s += COUNTRY_WEIGHT * (1.0 + ev.countries_other(&p.country, g) as f64).ln();
            // Towns are supported by other mentions in their region, and a
            // region by mentions of its towns.
            if matches!(p.kind, PlaceKind::City | PlaceKind::Region) {
                s += REGION_WEIGHT * (ev.regions_other(&p.country, &x.admin1, g) as f64).min(2.0);
            }
            // "Town, Region": the town lies in the container; the container holds the town.
            for &cg in &grp.containers {
                if groups[cg]
                    .entries
                    .iter()
                    .any(|c| self.contains(c.place, e.place))
                {
                    s += 10.0;
                }
            }
            for &tg in &grp.contained {
                let town = chosen[tg].map(|(t, _)| t);
                let holds = match town {
                    Some(t) => self.contains(e.place, t),
                    None => groups[tg]
                        .entries
                        .iter()
                        .any(|t| self.contains(e.place, t.place)),
                };
                if holds {
                    s += 5.0;
                }
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((e.place, s));
            }
        }
        best
    }

    /// Whether place `outer` (a country or region) contains place `inner`.
    fn contains(&self, outer: u32, inner: u32) -> bool {
        let (o, i) = (&self.places[outer as usize], &self.places[inner as usize]);
        if outer == inner || o.country != i.country || o.country.is_empty() {
            return false;
        }
        match o.kind {
            PlaceKind::Country => i.kind != PlaceKind::Country,
            PlaceKind::Region => {
                i.kind == PlaceKind::City
                    && self.extra[outer as usize].admin1 == self.extra[inner as usize].admin1
            }
            _ => false,
        }
    }
}

/// Weight of the document's other mentions in a candidate's country (times ln(1 + n)).
const COUNTRY_WEIGHT: f64 = 2.0;

/// Weight of each other mention in a candidate town's region (at most two count).
const REGION_WEIGHT: f64 = 2.0;

/// Below this a reading is too weak to report (a small town by an alternate name, no support).
const MIN_SCORE: f64 = 6.0;

/// How much lower the floor is for first-order regions (about 300,000 people
/// or more pass without support).
const REGION_FLOOR_DISCOUNT: f64 = 1.5;

/// Score of a place before any context: kind, then population.
fn prior(p: &Place, capital: bool) -> f64 {
    let pop = (p.population as f64 + 1.0).log10();
    match p.kind {
        PlaceKind::Continent => 9.0,
        PlaceKind::Country => pop.max(5.0) + 2.0,
        PlaceKind::Region => pop - 1.0,
        PlaceKind::City => pop + if capital { 1.5 } else { 0.0 },
    }
}

#[derive(Debug, Default)]
struct Group {
    entries: Vec<Entry>,
    /// Groups named right after this one's mentions ("Town, Region").
    containers: Vec<usize>,
    contained: Vec<usize>,
}

/// Which groups point at which countries and regions.
#[derive(Debug, Default)]
struct Evidence {
    countries: HashMap<String, Vec<usize>>,
    regions: HashMap<(String, String), Vec<usize>>,
}

impl Evidence {
    fn add_country(&mut self, c: &str, g: usize) {
        let v = self.countries.entry(c.to_string()).or_default();
        if !v.contains(&g) {
            v.push(g);
        }
    }
    fn add_region(&mut self, c: &str, a: &str, g: usize) {
        if a.is_empty() {
            return;
        }
        let v = self
            .regions
            .entry((c.to_string(), a.to_string()))
            .or_default();
        if !v.contains(&g) {
            v.push(g);
        }
    }
    fn countries_other(&self, c: &str, g: usize) -> usize {
        self.countries
            .get(c)
            .map_or(0, |v| v.iter().filter(|&&x| x != g).count())
    }
    fn regions_other(&self, c: &str, a: &str, g: usize) -> usize {
        self.regions
            .get(&(c.to_string(), a.to_string()))
            .map_or(0, |v| v.iter().filter(|&&x| x != g).count())
    }
}

/// A spotted toponym run before resolution.
#[derive(Debug, Clone)]
struct Spotted {
    span: Span,
    key: u64,
    entries: Vec<Entry>,
    first_token: usize,
    next_token: usize,
    /// The spotted run that follows after a comma ("Alexandria, Va.").
    container: Option<usize>,
    /// "X County": a second-order division, placed at its region.
    county: bool,
}

/// What the context rules make of a spotted run.
enum Verdict {
    Keep,
    Drop,
    /// A person's name: drop every run with this name in the document.
    Person,
    /// Followed by "County" (ending at this byte): keep as a county.
    County(usize),
}

/// A word of the text.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// Starts with an upper-case letter (or a digit-free capital form).
    cap: bool,
    all_caps: bool,
    /// A '.' follows right after the word.
    dot_after: bool,
    sentence_start: bool,
}

impl Token {
    fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '.' | '-' | '‐')
}

/// Words: runs of letters and digits, with apostrophes, dots and hyphens inside
/// ("O'Fallon", "U.S", "Winston-Salem").
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut k = 0;
    let mut sentence_start = true;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') {
                sentence_start = true;
            }
            k += 1;
            continue;
        }
        let start = pos;
        let mut m = k + 1;
        while m < chars.len() {
            let ch = chars[m].1;
            if ch.is_alphanumeric() {
                m += 1;
            } else if is_joiner(ch)
                && chars.get(m + 1).is_some_and(|n| n.1.is_alphanumeric())
                // "Egyptian-US", "Winston-Salem": capitalised parts are words of their own.
                && !(matches!(ch, '-' | '‐') && chars.get(m + 1).is_some_and(|n| n.1.is_uppercase()))
            {
                m += 2;
            } else {
                break;
            }
        }
        let end = chars.get(m).map_or(text.len(), |x| x.0);
        let word = text.get(start..end).unwrap_or("");
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let cap = c.is_uppercase();
        let all_caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        let dot_after = chars.get(m).is_some_and(|x| x.1 == '.');
        tokens.push(Token {
            start,
            end,
            cap,
            all_caps,
            dot_after,
            sentence_start,
        });
        // A dot after an abbreviation-like word ("St.", "Mr.", "U.S.") does not end a sentence here
        // for the purpose of the following word's capitalisation test being informative.
        sentence_start = false;
        k = m;
    }
    tokens
}

fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("s'"))
        .filter(|s| !s.is_empty())
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The index key of a name or a surface form: lower case, Latin diacritics
/// folded, curly apostrophes straightened, hyphens as spaces, "st."/"ft."/"mt."
/// spelt out.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'\'')
        && !s.is_empty()
    {
        // One plain word, the common case.
        out.push_str(s);
        out.make_ascii_lowercase();
        return spell_out(out);
    }
    for c in s.chars() {
        for l in c.to_lowercase() {
            match l {
                '-' | '‐' | '–' | '—' | '\t' | '\n' | '\u{a0}' | ' ' => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                '’' | '‘' | '`' | 'ʼ' => out.push('\''),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                _ => out.push(fold_char(l)),
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    spell_out(out)
}

/// "st." → "saint" and the like, word by word.
fn spell_out(out: String) -> String {
    if !out.split(' ').any(|w| spelt_out(w).is_some()) {
        return out;
    }
    let words: Vec<&str> = out.split(' ').map(|w| spelt_out(w).unwrap_or(w)).collect();
    words.join(" ")
}

/// The index key of a name: a 64-bit hash of its normalised form. Storing
/// hashes instead of strings keeps start-up fast; with ~10^5 keys a
/// collision is vanishingly unlikely (about 10^-9).
fn key_of(s: &str) -> Option<u64> {
    let mut h = KeyHash::new();
    if s.is_ascii() {
        // Same result as hashing `normalise(s)`, without allocating: most
        // names are plain ASCII.
        let mut any = false;
        for word in s.split([' ', '-', '\t', '\n']).filter(|w| !w.is_empty()) {
            if any {
                h.push(b' ');
            }
            any = true;
            let lowered = word.as_bytes().iter().map(|b| match b {
                b'`' => b'\'',
                _ => b.to_ascii_lowercase(),
            });
            match spelt_out(word) {
                Some(full) => full.bytes().for_each(|b| h.push(b)),
                None => lowered.for_each(|b| h.push(b)),
            }
        }
        return any.then(|| h.finish());
    }
    let n = normalise(s);
    if n.is_empty() {
        return None;
    }
    n.bytes().for_each(|b| h.push(b));
    Some(h.finish())
}

/// FNV-1a with a SplitMix64 finaliser to spread the bits.
struct KeyHash(u64);

impl KeyHash {
    fn new() -> Self {
        KeyHash(0xcbf2_9ce4_8422_2325)
    }
    fn push(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 30;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 27;
        h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }
}

/// The spelt-out form of an abbreviated name word ("St." → "saint").
fn spelt_out(word: &str) -> Option<&'static str> {
    let w = word.as_bytes();
    let is = |abbr: &str| w.eq_ignore_ascii_case(abbr.as_bytes());
    if is("st.") || is("st") {
        Some("saint")
    } else if is("ste.") || is("ste") {
        Some("sainte")
    } else if is("ft.") {
        Some("fort")
    } else if is("mt.") {
        Some("mount")
    } else {
        None
    }
}

/// Folds a lower-case Latin letter with a diacritic to its base letter.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăąǎ", 'a'),
        ("çćĉċč", 'c'),
        ("ďđð", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħ", 'h'),
        ("ìíîïĩīĭįıǐ", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏőǒ", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťŧț", 't'),
        ("ùúûüũūŭůűųǔ", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    TABLE
        .iter()
        .find(|(set, _)| set.contains(c))
        .map_or(c, |&(_, base)| base)
}

/// Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al",
    "upon", "on", "en", "du", "di", "am", "an", "im", "sur", "y", "i",
];

/// Capitalised words that precede a person's name, not a place.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lady",
    "lord",
    "president",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "representative",
    "judge",
    "justice",
    "officer",
    "sgt",
    "sergeant",
    "lt",
    "lieutenant",
    "capt",
    "captain",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "major",
    "rev",
    "reverend",
    "father",
    "coach",
    "minister",
    "secretary",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "saint",
    "st",
    "mayor",
    "chief",
    "deputy",
    "detective",
    "prof",
    "professor",
    "pastor",
    "bishop",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "chairman",
    "director",
    "attorney",
    "trooper",
    "agent",
    "pvt",
    "cpl",
    "spc",
    "adm",
    "admiral",
    "commissioner",
    "councilman",
    "councilwoman",
    "superintendent",
    "principal",
    "sheriff",
    "inspector",
    "constable",
];

/// Titles written abbreviated with a dot ("Gov. Perry"); a full word before ". "
/// ends a sentence instead ("...the judge. Columbus...").
const DOTTED_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "sgt", "lt", "capt", "gen", "col", "maj", "rev",
    "prof", "pvt", "cpl", "spc", "adm", "det", "insp", "supt", "cmdr", "atty",
];

/// Capitalised function words: not a first name before a place ("In Paris").
const FUNCTION_WORDS: &[&str] = &[
    "in", "at", "of", "from", "to", "the", "and", "for", "on", "by", "with", "near", "into", "a",
    "an", "but", "or", "as", "after", "before", "since", "over", "across", "outside", "inside",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "greater", "downtown", "via", "between", "around", "about", "toward", "towards", "while",
    "when", "where", "that", "this", "than", "both", "said", "says", "visit", "visited", "left",
];

/// Words after a name that make it a second-order division (not in the gazetteer).
const ADMIN2_NOUNS: &[&str] = &["county", "parish", "township"];

/// Multi-word names that are nearly always something else in news.
const STOP_PHRASES: &[&str] = &["white house", "oval office", "capitol hill"];

/// Capitalised words that name some place in GeoNames but are nearly always
/// something else in news text.
const STOPWORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "but",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "his",
    "her",
    "its",
    "our",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "when",
    "where",
    "what",
    "who",
    "why",
    "how",
    "police",
    "mobile",
    "reading",
    "nice",
    "split",
    "bath",
    "male",
    "university",
    "college",
    "school",
    "church",
    "hospital",
    "center",
    "centre",
    "union",
    "independence",
    "liberty",
    "progress",
    "hope",
    "enterprise",
    "commerce",
    "industry",
    "opportunity",
    "friendship",
    "justice",
    "victoria",
    "god",
    "christ",
    "jesus",
    "allah",
    "mass",
    "sale",
    "best",
    "most",
    "deal",
    "police",
    "federal",
    "national",
    "republic",
    "republican",
    "democrat",
    "democratic",
    "governor",
    "president",
    "mayor",
    "senate",
    "congress",
    "court",
    "city",
    "state",
    "county",
    "north",
    "south",
    "east",
    "west",
    "new",
    "old",
    "great",
    "grand",
    "mount",
    "lake",
    "river",
    "island",
    "bay",
    "beach",
    "park",
    "valley",
    "sun",
    "moon",
    "earth",
    "world",
    "international",
    "ministry",
    "army",
    "navy",
    "marine",
    "marines",
    "home",
    "house",
    "white",
    "black",
    "green",
    "brown",
    "young",
    "long",
    "little",
    "big",
    "man",
    "woman",
    "people",
    "media",
    "online",
    "post",
    "times",
    "news",
    "day",
    "week",
    "year",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "all",
    "no",
    "yes",
    "not",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "first",
    "second",
    "third",
    "last",
    "next",
    "other",
    "another",
    "some",
    "many",
    "more",
    "if",
    "so",
    "then",
    "after",
    "before",
    "also",
    "still",
    "just",
    "only",
    "even",
    "however",
    "meanwhile",
    "although",
    "because",
    "while",
    "as",
    "for",
    "with",
    "from",
    "by",
    "about",
    "into",
    "over",
    "under",
    "up",
    "down",
    "out",
    "off",
    "again",
    "once",
    "sports",
    "weather",
    "health",
    "business",
    "opinion",
    "page",
    "photo",
    "video",
    "update",
    "breaking",
    "read",
    "according",
    "officials",
    "authorities",
    "government",
    "department",
    "office",
    "central",
    "western",
    "eastern",
    "northern",
    "southern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "gulf",
    "metro",
    "since",
    "olympic",
    "free",
    "bank",
    "time",
    "alliance",
    "mission",
    "division",
    "camp",
    "fort",
    "port",
    "station",
    "airport",
    "museum",
    "ocean",
    "sea",
    "coast",
    "area",
    "human",
    "drug",
    "officer",
    "paul",
    "mary",
    "george",
    "john",
    "james",
    "david",
    "robert",
    "michael",
    "peter",
    "joseph",
    "maria",
    "jose",
    "juan",
    "linda",
    "keith",
    "barry",
    "sam",
    "ben",
    "adam",
    "martin",
    "elizabeth",
    "obama",
    "bush",
    "mandela",
    "allah",
    "hamas",
    "islam",
    "muslim",
    "christian",
    "catholic",
    "jewish",
    "arab",
    "kurds",
];

#[cfg(test)]
mod tests {
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
        ];
        let src = format!("{HEADER}{}\n", rows.join("\n"));
        Gazetteer::parse(&src, "test.tsv").expect("test gazetteer parses")
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String, String)> {
        g.find_places(text, &PlaceContext::default())
            .into_iter()
            .map(|m| {
                let p = g.place(m.place);
                (
                    m.span.of(text).to_string(),
                    p.name.clone(),
                    p.country.clone(),
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
        assert_eq!(g.country("EGY").map(|p| p.name.as_str()), Some("Egypt"));
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
        };
        let m = g.find_places("Storms hit Georgia.", &ctx);
        assert_eq!(g.place(m[0].place).kind, PlaceKind::Region);
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
        // A bare "Va." is not a place; "us" is a pronoun.
        assert!(found(&g, "Va. told us.").is_empty());
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
