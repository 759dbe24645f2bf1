//! Disambiguation: one place per distinct name of a document, chosen by the
//! document's own evidence (qualifiers, countries and regions mentioned,
//! the caller's countries), then by kind and population.

use std::collections::HashMap;

use super::gazetteer::{Entry, Gazetteer};
use super::names::key_of;
use super::spot::{ends_in_division_word, Spotted};
use super::{Place, PlaceContext, PlaceKind, PlaceMention, SMALL_TOWN_POPULATION};
use crate::document::Span;

impl Gazetteer {
    /// Passes 1-3: choose a place per distinct name using the document's evidence.
    pub(super) fn resolve(
        &self,
        text: &str,
        spotted: &[Spotted],
        ctx: &PlaceContext,
    ) -> Vec<PlaceMention> {
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
            grp.written.get_or_insert(s.span);
            grp.mentions += 1;
            grp.region_said |= s.region_said;
            grp.placed |= after_placing_preposition(text, s.span.start);
            grp.placed_alone |= after_placing_preposition(text, s.span.start)
                && !before_capitalised_word(text, s.span.end);
            grp.part_said |= after_compass_word(text, s.span.start);
            grp.division_named |= ends_in_division_word(text, s);
            for e in &s.entries {
                if !grp.entries.iter().any(|x| x.place == e.place) {
                    grp.entries.push(*e);
                } else if let Some(x) = grp.entries.iter_mut().find(|x| x.place == e.place) {
                    x.short = (x.short || !x.main) && (e.short || !e.main);
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
        // "California or Washington", "Missouri, Ohio and New York": names
        // joined in a list are mostly of one kind. A bare comma joins a list
        // only when the list goes on ("Ohio, New York and Texas"), not in
        // "Town, Region".
        let mut listed_next = vec![false; spotted.len()];
        for k in (1..spotted.len()).rev() {
            let between = text
                .get(spotted[k - 1].span.end..spotted[k].span.start)
                .unwrap_or("");
            let goes_on = listed_next.get(k + 1).copied().unwrap_or(false);
            listed_next[k] = is_list_joint(between) || (between.trim() == "," && goes_on);
        }
        // Every name of one list is listed with every other: in "Washington,
        // Pennsylvania and California" the first is listed with the last too.
        for (start, end) in list_runs(&listed_next) {
            for i in start..end {
                // A list longer than `LIST_PAIR_SPAN` (a table of towns, or
                // hostile input) joins each name to its next few only, so the
                // work stays linear in the list's length.
                for j in i + 1..=end.min(i + LIST_PAIR_SPAN) {
                    let (a, b) = (mention_group[i], mention_group[j]);
                    if a != b && !groups[a].listed_with.contains(&b) {
                        groups[a].listed_with.push(b);
                        groups[b].listed_with.push(a);
                    }
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
            let places: Vec<Place> = grp
                .entries
                .iter()
                .map(|e| self.place(e.place as usize))
                .collect();
            if let Some(first) = places.first() {
                if !first.country.is_empty() && places.iter().all(|p| p.country == first.country) {
                    ev.add_country(first.country, g);
                }
            }
            if let [only] = grp.entries.as_slice() {
                let p = &self.place(only.place as usize);
                if p.kind != PlaceKind::Country && p.kind != PlaceKind::Continent {
                    ev.add_region(p.country, self.place(only.place as usize).admin1, g);
                }
                if p.kind == PlaceKind::Region {
                    ev.name_region(p.country, self.place(only.place as usize).admin1);
                }
                if p.kind == PlaceKind::Country {
                    ev.name_country(p.country);
                }
            }
        }
        let co = self.candidate_regions(&groups);
        let pairs = self.close_pairs(&groups);
        let in_country = self.candidate_countries(&groups);
        let mut chosen: Vec<Option<(u32, f64)>> = vec![None; groups.len()];
        let mut home = None;
        let local = self.local_country(&groups, ctx);
        for pass in 0..2 {
            for g in 0..groups.len() {
                let docs = DocEvidence {
                    ev: &ev,
                    co: &co,
                    pairs: &pairs,
                    in_country: &in_country,
                    ctx,
                    home,
                    local,
                };
                chosen[g] = self.best(&groups, g, &docs, &chosen);
            }
            if pass == 0 {
                ev = self.evidence_of(&chosen, &county_groups);
                home = self.home_region(&groups, &chosen);
                self.add_home_counties(text, &mut groups, &chosen, home);
            }
        }
        let ev_second = self.evidence_of(&chosen, &county_groups);
        let docs = DocEvidence {
            ev: &ev_second,
            co: &co,
            pairs: &pairs,
            in_country: &in_country,
            ctx,
            home,
            local,
        };
        self.lift_weak(&groups, &docs, &mut chosen);
        self.follow_named_counties(text, &groups, &mut chosen);

        // A county lies in the region the document talks about most.
        let top_country = ev
            .countries
            .iter()
            .max_by_key(|(c, groups)| (groups.len(), std::cmp::Reverse(c.as_str())))
            .map(|(c, _)| c.as_str());
        let county_region = top_country
            .and_then(|c| ev.regions.get(c).map(|by_admin1| (c, by_admin1)))
            .into_iter()
            .flat_map(|(c, by_admin1)| by_admin1.iter().map(move |(a, groups)| (c, a, groups)))
            .filter_map(|(c, a, groups)| self.region(c, a).map(|r| (groups.len(), r)))
            .max_by_key(|&(n, r)| (n, std::cmp::Reverse(r)))
            .map(|(_, r)| r);
        let mut out = Vec::new();
        for (k, s) in spotted.iter().enumerate() {
            if s.county {
                let place = self
                    .district_of_county_name(s, county_region)
                    .or(county_region);
                if let Some(r) = place {
                    out.push(PlaceMention {
                        span: s.span,
                        place: r,
                    });
                }
                continue;
            }
            if let Some((p, score)) = chosen[mention_group[k]] {
                if score >= floor(&self.place(p as usize)) && !s.silent {
                    let g = mention_group[k];
                    let qualifier = s
                        .container
                        .and_then(|c| mention_group.get(c).copied())
                        .filter(|cg| !groups[g].listed_with.contains(cg))
                        .and_then(|cg| chosen[cg])
                        .map(|(q, _)| q);
                    let place = self.qualified_reading(s, p, qualifier);
                    let place = self
                        .town_written_with_city(text, s, &groups, &group_of, &chosen)
                        .unwrap_or(place);
                    out.push(PlaceMention {
                        span: s.span,
                        place: place as usize,
                    });
                }
            }
        }
        out
    }

    /// "Lancashire County", which the gazetteer does not hold as a whole, is
    /// the second-order division of its bare name ("Lancashire") in `region`
    /// (the first-order region the document talks about most), when the
    /// gazetteer holds one there: British news writes "Lancashire County
    /// Council" for the county it lists as "Lancashire". `None` leaves the
    /// county at `region`.
    fn district_of_county_name(&self, s: &Spotted, region: Option<usize>) -> Option<usize> {
        let region = self.place(region?);
        s.entries.iter().map(|e| e.place as usize).find(|&d| {
            let p = self.place(d);
            p.kind == PlaceKind::District
                && p.country == region.country
                && p.admin1 == region.admin1
        })
    }

    /// The reading of one mention written with its qualifier, "Town,
    /// Region": one sense per document yields to the qualifier written
    /// beside the mention. "Washington, D.C." is the capital even in a story
    /// whose other "Washington"s are the state; a mention whose qualifier
    /// holds the document's reading, or none of the mention's readings,
    /// keeps the document's reading, and so do a country named exactly and
    /// a name in a list, "Washington, Pennsylvania and Ohio", "Niger,
    /// Nigeria and Chad", where the comma joins names, not a town to its
    /// region.
    fn qualified_reading(&self, s: &Spotted, chosen: u32, qualifier: Option<u32>) -> u32 {
        let Some(q) = qualifier else { return chosen };
        if self.contains(q, chosen) || self.place(chosen as usize).kind == PlaceKind::Country {
            return chosen;
        }
        s.entries
            .iter()
            .filter(|e| self.contains(q, e.place))
            .max_by_key(|e| self.place(e.place as usize).population)
            .map_or(chosen, |e| e.place)
    }

    /// "Dublin City Council" in a story whose "Dublin" is Dublin, Ohio: a
    /// name written "X City" whose X the document also names and reads as
    /// a town is that town when every reading of "X City" lies within
    /// `ECHO_KM` of a town reading of X: the gazetteer's "Dublin City" is
    /// Ireland's Dublin under a longer name, not a place of its own, so it
    /// follows the document's Dublin. "Kansas City" beside the state
    /// "Kansas", "Mexico City" beside the country and "Carson City" beside
    /// Carson, California keep their own reading.
    fn town_written_with_city(
        &self,
        text: &str,
        s: &Spotted,
        groups: &[Group],
        group_of: &HashMap<u64, usize>,
        chosen: &[Option<(u32, f64)>],
    ) -> Option<u32> {
        let written = text.get(s.span.start..s.span.end)?;
        let (town, last) = written.rsplit_once(' ')?;
        if !last.eq_ignore_ascii_case("city") {
            return None;
        }
        let h = *group_of.get(&key_of(town)?)?;
        let (t, score) = (*chosen.get(h)?)?;
        let read = self.place(t as usize);
        if read.kind != PlaceKind::City || score < floor(&read) {
            return None;
        }
        let towns: Vec<Place> = groups[h]
            .entries
            .iter()
            .map(|e| self.place(e.place as usize))
            .filter(|q| q.kind == PlaceKind::City)
            .collect();
        let same_city = !s.entries.is_empty()
            && s.entries.iter().all(|e| {
                let q = self.place(e.place as usize);
                towns.iter().any(|r| distance_km(&q, r) <= ECHO_KM)
            });
        same_city.then_some(t)
    }

    /// A name still too weak to report may be lifted by what the second
    /// pass chose: "Paris" reads as Paris, Tennessee only then, and "Henry
    /// County" beside it gets its region from it. A reported reading stays
    /// as it is, so that the readings do not chase each other.
    fn lift_weak(
        &self,
        groups: &[Group],
        docs: &DocEvidence<'_>,
        chosen: &mut [Option<(u32, f64)>],
    ) {
        let lifted: Vec<Option<(u32, f64)>> = (0..groups.len())
            .map(|g| self.best(groups, g, docs, chosen))
            .collect();
        for (c, l) in chosen.iter_mut().zip(lifted) {
            let weak = c.is_none_or(|(p, s)| s < floor(&self.place(p as usize)));
            if weak && l.is_some_and(|(p, s)| s >= floor(&self.place(p as usize))) {
                *c = l;
            }
        }
    }

    /// A bare name read as a town outside the county that the document
    /// names by the same name with its division word is that county, one
    /// sense per document: "Suffolk" beside "Suffolk County" (New York) is
    /// the county, not Suffolk, Virginia ("the Suffolk Times", "Suffolk
    /// police"). A town inside the county's own region is left alone (the
    /// county seat of its name, "Butler" in Butler County), and so are a
    /// capital ("Washington" beside "Washington County") and a city of
    /// `MAJOR_CITY_POPULATION`, news on its own ("Houston" beside Georgia's
    /// Houston County is still the Texan city). Only readings strong enough
    /// to be reported count, on both sides.
    fn follow_named_counties(
        &self,
        text: &str,
        groups: &[Group],
        chosen: &mut [Option<(u32, f64)>],
    ) {
        // (bare name in lower case, county, its score) of each name written
        // with its division word and read as a county.
        let counties: Vec<(String, u32, f64)> = groups
            .iter()
            .zip(chosen.iter())
            .filter(|(grp, _)| grp.division_named)
            .filter_map(|(grp, c)| {
                let (p, score) = (*c)?;
                let county = self.place(p as usize);
                if county.kind != PlaceKind::District || score < floor(&county) {
                    return None;
                }
                let written = grp.written?.of(text);
                let (bare, _division) = written.rsplit_once(' ')?;
                Some((bare.to_lowercase(), p, score))
            })
            .collect();
        if counties.is_empty() {
            return;
        }
        for (grp, c) in groups.iter().zip(chosen.iter_mut()) {
            let Some((p, score)) = *c else { continue };
            let town = self.place(p as usize);
            if town.kind != PlaceKind::City
                || town.capital
                || town.population >= MAJOR_CITY_POPULATION
                || score < floor(&town)
            {
                continue;
            }
            let Some(name) = grp.written.map(|w| w.of(text).to_lowercase()) else {
                continue;
            };
            let same_name = counties.iter().find(|(bare, _, _)| *bare == name);
            if let Some(&(_, county, county_score)) = same_name {
                let q = self.place(county as usize);
                if q.country != town.country || q.admin1 != town.admin1 {
                    *c = Some((county, county_score));
                }
            }
        }
    }

    /// The document's home region: the first-order region read as such
    /// ("Indiana" itself) by at least `HOME_REGION_MENTIONS` mentions, more
    /// than any other region is. A local story names its own state again
    /// and again ("Indiana's unemployment rate", "Indiana residents") and
    /// its neighbours once each ("Illinois reported the largest
    /// increase"); one mention of each does not tell which is home.
    fn home_region(&self, groups: &[Group], chosen: &[Option<(u32, f64)>]) -> Option<(&str, &str)> {
        let mut named: Vec<(usize, &str, &str)> = Vec::new();
        for (grp, c) in groups.iter().zip(chosen) {
            let Some((p, score)) = *c else { continue };
            let place = self.place(p as usize);
            if place.kind != PlaceKind::Region || score < floor(&place) || place.admin1.is_empty() {
                continue;
            }
            match named
                .iter_mut()
                .find(|(_, c, a)| *c == place.country && *a == place.admin1)
            {
                Some(x) => x.0 += grp.mentions,
                None => named.push((grp.mentions, place.country, place.admin1)),
            }
        }
        named.sort_by_key(|x| std::cmp::Reverse(x.0));
        match named.as_slice() {
            [(n, c, a), rest @ ..]
                if *n >= HOME_REGION_MENTIONS && rest.first().is_none_or(|r| r.0 < *n) =>
            {
                Some((c, a))
            }
            _ => None,
        }
    }

    /// "Oxford" in a story of Ontario whose "Oxford" is no Ontario town: a
    /// name written bare whose readings are all towns and counties outside
    /// the document's home region (`home_region`) may be the home region's
    /// county of that name, "Oxford County", which local news names without
    /// its division word ("Oxford MPP", "Oxford's council"). That county is
    /// added to the name's readings, to be weighed with the others, when the
    /// first pass has read the name as a place somewhere.
    fn add_home_counties(
        &self,
        text: &str,
        groups: &mut [Group],
        chosen: &[Option<(u32, f64)>],
        home: Option<(&str, &str)>,
    ) {
        let Some((country, admin1)) = home else {
            return;
        };
        for (grp, c) in groups.iter_mut().zip(chosen) {
            // Only a name already read as a place: a surname that no town
            // reading carried over the floor ("Johnson") stays a person's.
            if !c.is_some_and(|(p, s)| s >= floor(&self.place(p as usize))) {
                continue;
            }
            let Some(span) = grp.written else { continue };
            let at_home = grp.entries.iter().any(|e| {
                let q = self.place(e.place as usize);
                q.country == country && q.admin1 == admin1
            });
            if grp.division_named
                || at_home
                || grp.entries.is_empty()
                || !self.local_namesakes_only(grp)
            {
                continue;
            }
            let Some(name) = text.get(span.start..span.end) else {
                continue;
            };
            let counties = self.lookup(&format!("{name} County")).unwrap_or_default();
            for e in counties {
                let q = self.place(e.place as usize);
                if e.main
                    && q.kind == PlaceKind::District
                    && q.country == country
                    && q.admin1 == admin1
                {
                    grp.entries.push(e);
                }
            }
        }
    }

    /// Whether every reading of the name is a town or county that is no
    /// capital: only then does the home region order them. A name with a
    /// region's or a capital's reading ("New York", "Quebec", "Washington")
    /// is left to its own evidence, and so is the home region's own name.
    fn local_namesakes_only(&self, grp: &Group) -> bool {
        grp.entries.iter().all(|e| {
            let q = self.place(e.place as usize);
            matches!(q.kind, PlaceKind::City | PlaceKind::District) && !q.capital
        })
    }

    /// What the readings chosen so far say: their countries and regions.
    fn evidence_of(&self, chosen: &[Option<(u32, f64)>], county_groups: &[usize]) -> Evidence {
        let mut ev = Evidence::default();
        for &g in county_groups {
            ev.add_country("USA", g);
        }
        for (g, c) in chosen.iter().enumerate() {
            if let Some((p, _)) = c {
                let place = self.place(*p as usize);
                if !place.country.is_empty() {
                    ev.add_country(place.country, g);
                }
                if matches!(
                    place.kind,
                    PlaceKind::Region | PlaceKind::District | PlaceKind::City
                ) {
                    ev.add_region(place.country, place.admin1, g);
                }
                if place.kind == PlaceKind::Region {
                    ev.name_region(place.country, place.admin1);
                }
                if place.kind == PlaceKind::Country {
                    ev.name_country(place.country);
                }
            }
        }
        ev
    }

    fn best(
        &self,
        groups: &[Group],
        g: usize,
        docs: &DocEvidence<'_>,
        chosen: &[Option<(u32, f64)>],
    ) -> Option<(u32, f64)> {
        let DocEvidence {
            ev,
            co,
            pairs,
            in_country,
            ctx,
            home,
            local,
        } = *docs;
        let grp = &groups[g];
        if let Some(region) = self.unlisted_town_region(groups, g, chosen) {
            return Some(region);
        }
        // (place, score, rank): the score decides whether the reading is
        // strong enough to report, the rank which reading wins.
        let mut best: Option<(u32, f64, f64)> = None;
        // A country named exactly is not the city whose name starts with
        // it ("Mexico" is not Mexico City, "Kuwait" not Kuwait City).
        let country_named = grp
            .entries
            .iter()
            .any(|e| e.main && !e.short && self.place(e.place as usize).kind == PlaceKind::Country);
        let continent_named = grp.entries.iter().any(|e| {
            e.main && !e.short && self.place(e.place as usize).kind == PlaceKind::Continent
        });
        let local_namesakes = self.local_namesakes_only(grp);
        for e in &grp.entries {
            let p = &self.place(e.place as usize);
            let x = p;
            let mut s = prior(p, x.capital) + self.dominant_town(e, groups, g, ev);
            if e.main && e.short && country_named {
                continue;
            }
            if e.main {
                s += 1.0;
            }
            // A continent or large region named exactly is not a town of
            // that name ("the Middle East", not Middle East, Maryland),
            // unless a qualifier says so.
            if continent_named && p.kind == PlaceKind::City && grp.containers.is_empty() {
                continue;
            }
            if self.town_under_namesake_region(grp, g, e.place, ev, ctx, co)
                || self.town_abroad_under_named_capital(grp, e.place, ev)
                || self.town_named_like_a_country(grp, g, e.place, ev)
            {
                continue;
            }
            // Caller's countries, strongest first. A small town needs more
            // than its country to be reported: its region or a qualifier;
            // but among namesake towns of one country the country decides
            // nothing, so there it only orders the readings (`weighs_as_town`).
            let mut country_support = 0.0;
            let pos = ctx.countries.iter().position(|c| *c == p.country);
            if let Some(pos) = pos.filter(|_| {
                !self.echo(groups, g, p.country, in_country)
                    && !self.nationality_only(grp, g, p, &ctx.peoples, in_country)
            }) {
                country_support += if pos == 0 { 3.0 } else { 2.0 };
            }
            country_support +=
                COUNTRY_WEIGHT * (1.0 + self.country_names_for(groups, g, p, ev) as f64).ln();
            let mut rank_only = 0.0;
            if !is_small_town(p) || self.town_placed_in_named_country(grp, e, p, ev) {
                s += country_support;
            } else if self.weighs_as_town(grp, g, e.place, ev)
                || self.namesake_in_named_region(grp, g, e.place, ev)
            {
                rank_only = country_support;
            }
            // Towns are supported by other mentions in their region, and a
            // region by mentions of its towns.
            if matches!(
                p.kind,
                PlaceKind::City | PlaceKind::Region | PlaceKind::District
            ) && !short_form_village_abroad(e, p, ev, &ctx.countries, local)
            {
                s += REGION_WEIGHT * (ev.regions_other(p.country, x.admin1, g) as f64).min(2.0);
            }
            s += in_home_region(p, home, local_namesakes);
            // A small town gains it in rank only, so that it keeps its order
            // among its namesakes of the local country and no village is
            // reported on the country alone.
            if is_small_town(p) {
                rank_only += in_local_country(p, local);
            } else {
                s += in_local_country(p, local);
            }
            s += capital_of_named_country(p, x.capital, ev);
            s += only_county_of_its_name(grp, p);
            s += self.city_in_named_region(grp, e.main, p, ev);
            s += self.country_of_named_people(grp, p, &ctx.peoples);
            // "New York state", "New York Gov.": the region, as surely as a qualifier.
            if grp.region_said && p.kind == PlaceKind::Region {
                s += QUALIFIER_WEIGHT;
            }
            s += self.area_with_parts(grp, e.place);
            // "Town, Region": the town lies in the container; the container holds the town.
            for &cg in &grp.containers {
                if groups[cg].entries.iter().any(|c| {
                    self.contains(c.place, e.place)
                        && !self.countries_in_a_row(country_named, c.place)
                }) {
                    s += QUALIFIER_WEIGHT;
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
            // A region listed with other regions of its country ("states
            // such as California or Washington").
            if p.kind == PlaceKind::Region {
                let regions_listed = grp
                    .listed_with
                    .iter()
                    .filter(|&&h| {
                        chosen[h].is_some_and(|(q, _)| {
                            let q = &self.place(q as usize);
                            q.kind == PlaceKind::Region && q.country == p.country
                        })
                    })
                    .count();
                s += LIST_KIND_WEIGHT * (regions_listed as f64).min(2.0)
                    + listed_among_regions(regions_listed);
            }
            let close = pairs.get(&(g, e.place)).copied().unwrap_or(0);
            let rank = s
                + rank_only
                + coherence(co, p, x.admin1, g)
                + PAIR_WEIGHT * close as f64
                + self.proximity(e.place, g, chosen);
            if best.is_none_or(|(_, _, b)| rank > b) {
                best = Some((e.place, s, rank));
            }
        }
        best.map(|(p, s, _)| (p, s))
    }

    /// The caller's local country (`PlaceContext::local_country`: a story of
    /// American local government), unless a name of the story is exactly a
    /// first-order region of another country: "Woodstock city council" beside
    /// "Ontario" is a Canadian story that writes dollars too; nor where the
    /// story names another country's people: "Athens city council" beside
    /// "Greek officials" is Greece's.
    fn local_country<'c>(&self, groups: &[Group], ctx: &'c PlaceContext) -> Option<&'c str> {
        let local = ctx.local_country.as_deref()?;
        if ctx.peoples.iter().any(|c| c != local) {
            return None;
        }
        let foreign_region = groups.iter().any(|grp| {
            grp.entries.iter().any(|e| {
                let p = self.place(e.place as usize);
                e.main && !e.short && p.kind == PlaceKind::Region && p.country != local
            })
        });
        (!foreign_region).then_some(local)
    }

    /// "Belgrade, Minn.": a name qualified by a first-order region that holds
    /// none of its readings is a town the gazetteer lacks (too small for it),
    /// not the larger namesake elsewhere; it is placed at the region, which puts it in the
    /// right country and near enough. Only towns (a region or country of the
    /// name is left to the other evidence: "Ohio, New York"), and not in a
    /// list ("Tokyo, California and Texas" names three places).
    fn unlisted_town_region(
        &self,
        groups: &[Group],
        g: usize,
        chosen: &[Option<(u32, f64)>],
    ) -> Option<(u32, f64)> {
        let grp = &groups[g];
        // Only where a reading large enough to be reported on its own stands
        // against the qualifier (the namesake abroad); a name with small towns
        // only is left unreported as before.
        if self.only_small_towns(grp) {
            return None;
        }
        grp.containers.iter().find_map(|&cg| {
            let qualifier = &groups[cg];
            // Regions with a code: one without ("Darfur") cannot say what it holds.
            let regions_only = !qualifier.entries.is_empty()
                && qualifier.entries.iter().all(|r| {
                    let r = self.place(r.place as usize);
                    r.kind == PlaceKind::Region && !r.admin1.is_empty()
                });
            let holds_none = qualifier
                .entries
                .iter()
                .all(|r| grp.entries.iter().all(|e| !self.contains(r.place, e.place)));
            // The name read as a town abroad or a division abroad ("Belgrade" is
            // Serbia's capital and its region) or a town at home, never as a
            // country or as a division of the qualifier's country.
            let town_like = grp.entries.iter().all(|e| {
                let p = self.place(e.place as usize);
                match p.kind {
                    PlaceKind::City => true,
                    PlaceKind::Region | PlaceKind::District => qualifier
                        .entries
                        .iter()
                        .all(|r| self.place(r.place as usize).country != p.country),
                    PlaceKind::Country | PlaceKind::Continent => false,
                }
            });
            if !regions_only || !holds_none || !town_like || grp.listed_with.contains(&cg) {
                return None;
            }
            let region = chosen[cg].map(|(r, _)| r).or_else(|| {
                qualifier
                    .entries
                    .iter()
                    .max_by_key(|r| self.place(r.place as usize).population)
                    .map(|r| r.place)
            })?;
            Some((region, QUALIFIER_WEIGHT))
        })
    }

    /// Whether `town` is a town named like a first-order region that lies
    /// elsewhere ("Wyoming" is the state, not Wyoming, Michigan; "Ontario"
    /// the province, not Ontario, California; "Delaware" the state, not
    /// Delaware, Ohio): the region is named exactly, is larger than the
    /// town and does not hold it, and nothing in the document speaks for
    /// the town: no qualifier ("Wyoming, Mich."), no other name read in the
    /// town's own region, and the region lies in the town's country or in
    /// one the caller puts before the town's. A national capital ("Washington") is left to
    /// the other evidence.
    fn town_under_namesake_region(
        &self,
        grp: &Group,
        g: usize,
        town: u32,
        ev: &Evidence,
        ctx: &PlaceContext,
        co: &HashMap<(&str, &str), Vec<usize>>,
    ) -> bool {
        let t = self.place(town as usize);
        if t.kind != PlaceKind::City || t.capital || !grp.containers.is_empty() {
            return false;
        }
        if ev.regions_other(t.country, t.admin1, g) > 0 {
            return false;
        }
        let rank = |c: &str| ctx.countries.iter().position(|x| x == c);
        grp.entries.iter().any(|r| {
            let region = self.place(r.place as usize);
            let region_preferred = region.country == t.country
                || rank(region.country).is_some_and(|a| rank(t.country).is_none_or(|b| a < b))
                || (region.population >= t.population.saturating_mul(REGION_ABROAD_RATIO).max(1)
                    && region_country_evidenced(&region, g, ev, ctx, co));
            r.main
                && !r.short
                && region.kind == PlaceKind::Region
                && region.population > t.population
                && !self.contains(r.place, town)
                && region_preferred
        })
    }

    /// Whether `town` is a town under `CITY_POPULATION` abroad named like
    /// a national capital whose country the document names as a place,
    /// with no qualifier of its own: "Washington" beside "U.S." is the
    /// capital, not Washington in England, however many English places
    /// the story names ("London", "England" support the town's region).
    /// A namesake town in the capital's own country is left to the other
    /// evidence ("Washington" in a Kentucky story).
    fn town_abroad_under_named_capital(&self, grp: &Group, town: u32, ev: &Evidence) -> bool {
        let t = self.place(town as usize);
        if t.kind != PlaceKind::City || t.capital || t.population >= CITY_POPULATION {
            return false;
        }
        grp.containers.is_empty()
            && grp.entries.iter().any(|c| {
                let capital = self.place(c.place as usize);
                c.main
                    && capital.capital
                    && capital.country != t.country
                    && ev.country_named(capital.country)
            })
    }

    /// Whether `town` is a town abroad named exactly like a country ("Lebanon",
    /// Pennsylvania; "Egypt", Arizona) that nothing in the document places:
    /// no qualifier and no other name read in the town's region. A country
    /// named exactly is the country, however many of the story's other names
    /// lie in the town's country ("the US sold Saudi Arabia ... Lebanon"); a
    /// local story that names other places of the town's region keeps the
    /// town (Lebanon, Indiana, beside other Indiana towns).
    fn town_named_like_a_country(&self, grp: &Group, g: usize, town: u32, ev: &Evidence) -> bool {
        let t = self.place(town as usize);
        if t.kind != PlaceKind::City || t.capital || !grp.containers.is_empty() {
            return false;
        }
        let country_elsewhere = grp.entries.iter().any(|c| {
            let q = self.place(c.place as usize);
            c.main && !c.short && q.kind == PlaceKind::Country && q.country != t.country
        });
        country_elsewhere && ev.regions_other(t.country, t.admin1, g) == 0
    }

    /// `NAMED_REGION_CITY_WEIGHT` for a city of at least `CITY_POPULATION`
    /// in a first-order region the document names as such by another name:
    /// "Cambridge" in a story that names "England" is the English city even
    /// when American names fill the rest of it, and "Birmingham" beside
    /// "Alabama" is the Alabama city. Only the place's own name, and only a
    /// city large enough to be news on its own: a small namesake in the
    /// named region is left to the other evidence (`weighs_as_town`). A
    /// name that can itself be a region anywhere ("Washington", "Ontario",
    /// "New York") is left to the other evidence too: its region reading
    /// competes with the city's.
    fn city_in_named_region(&self, grp: &Group, main: bool, p: &Place, ev: &Evidence) -> f64 {
        let a_region = || {
            grp.entries
                .iter()
                .any(|e| self.place(e.place as usize).kind == PlaceKind::Region)
        };
        if main
            && p.kind == PlaceKind::City
            && p.population >= CITY_POPULATION
            && ev.region_named(p.country, p.admin1)
            && !a_region()
        {
            NAMED_REGION_CITY_WEIGHT
        } else {
            0.0
        }
    }

    /// `NAMED_PEOPLE_WEIGHT` for a reading in a country whose people the
    /// text names ("Georgian troops", "French officials";
    /// `PlaceContext::peoples`), when the name can be that country or its
    /// capital ("Georgia" is the country, not the US state; "Paris" the
    /// French capital). Every reading of the name in that country earns
    /// it, so that the people choose between countries, not between a
    /// country's places ("Gaza" beside "Palestinians" is still the city).
    /// A name that is neither the country nor its capital gets nothing: a
    /// namesake town abroad ("Washington" in England beside "British
    /// diplomats") stays unlikely, and "New York" beside "American" is
    /// still the state as much as the city.
    fn country_of_named_people(&self, grp: &Group, p: &Place, peoples: &[String]) -> f64 {
        let named = !p.country.is_empty() && peoples.iter().any(|c| c == p.country);
        let country_or_capital = || {
            grp.entries.iter().any(|e| {
                let q = self.place(e.place as usize);
                q.country == p.country && (q.kind == PlaceKind::Country || q.capital)
            })
        };
        if named && country_or_capital() {
            NAMED_PEOPLE_WEIGHT
        } else {
            0.0
        }
    }

    /// `DOMINANT_TOWN_WEIGHT` for a town of at least `DOMINANT_TOWN_POPULATION`,
    /// named by its own name and set as a place at least once ("in Rock
    /// Hill"), when every other reading of that name is a town at most a
    /// tenth its size and no other country has more of the document's
    /// names than the town's own. A region, district or country of that
    /// name, a namesake city, or a story set abroad leaves it to the other
    /// evidence. Names abroad that can only be small towns do not set the
    /// story abroad (`only_small_towns`): "St. Pat's festival in Rock Hill"
    /// is not an Indian story for a hamlet called Pat.
    fn dominant_town(&self, town: &Entry, groups: &[Group], g: usize, ev: &Evidence) -> f64 {
        let grp = &groups[g];
        let p = self.place(town.place as usize);
        let own_country = ev.countries_other(p.country, g);
        let dominant = town.main
            && grp.placed
            && p.kind == PlaceKind::City
            && p.population >= DOMINANT_TOWN_POPULATION
            && ev.countries.iter().all(|(c, v)| {
                c == p.country
                    || v.iter()
                        .filter(|&&h| h != g && !self.only_small_towns(&groups[h]))
                        .count()
                        <= own_country
            })
            && grp
                .entries
                .iter()
                .filter(|o| o.place != town.place)
                .all(|o| {
                    let q = self.place(o.place as usize);
                    q.kind == PlaceKind::City
                        && q.population.saturating_mul(DOMINANT_TOWN_RATIO) <= p.population
                });
        dominant_town_weight(dominant)
    }

    /// Whether small town `p`, read by its own name, is where the story
    /// itself is set: the text sets the name alone as a place ("in Samos",
    /// not "at Licking Memorial") and writes it at least
    /// `PLACED_TOWN_MENTIONS` times, the story names the
    /// town's country itself and at least `PLACED_TOWN_COUNTRY_NAMES` names
    /// read there, and no other reading of the name lies in a country the
    /// story names, but for a village of the town's own country that has
    /// the name only as an alternate ("Samos" of Sámi). Then the country speaks for the town as for a larger
    /// one: a village named once, or named beside a namesake of another
    /// named country, is still left to its region or a qualifier.
    fn town_placed_in_named_country(
        &self,
        grp: &Group,
        town: &Entry,
        p: &Place,
        ev: &Evidence,
    ) -> bool {
        town.main
            && grp.placed_alone
            && grp.mentions >= PLACED_TOWN_MENTIONS
            && ev.country_named(p.country)
            && ev.countries.get(p.country).map_or(0, Vec::len) >= PLACED_TOWN_COUNTRY_NAMES
            && grp.entries.iter().all(|o| {
                o.place == town.place || {
                    let q = self.place(o.place as usize);
                    let abroad_unnamed = q.country.is_empty() || !ev.country_named(q.country);
                    let lesser_namesake = q.country == p.country && !o.main && is_small_town(&q);
                    abroad_unnamed || lesser_namesake
                }
            })
    }

    /// Whether every reading of a name is a small town (`is_small_town`):
    /// alone such a name is too weak to say where the story is set.
    fn only_small_towns(&self, grp: &Group) -> bool {
        grp.entries
            .iter()
            .all(|e| is_small_town(&self.place(e.place as usize)))
    }

    /// Whether small town `town` of group `g` is ranked like any town of
    /// its country: its region is named elsewhere in the document, and
    /// every other reading of the name is a town, a small one or one of
    /// the same country under `CITY_POPULATION`. Then the country says
    /// nothing between the readings and the region decides ("Madison"
    /// beside Georgia's counties is Madison, Georgia, not Madison,
    /// Mississippi), while a country, a state, a town abroad or a city
    /// ("Mexico", "Illinois", "Toronto", "Louisville") keeps its lead over
    /// a namesake hamlet. A region the text names itself, with at least
    /// `LOCAL_STORY_NAMES` other names read in it, makes a local story of
    /// that region, whatever the size of the other towns ("Montgomery"
    /// beside Minnesota and a dozen of its towns is Montgomery, Minnesota).
    fn weighs_as_town(&self, grp: &Group, g: usize, town: u32, ev: &Evidence) -> bool {
        let t = &self.place(town as usize);
        let admin1 = &self.place(town as usize).admin1;
        let in_region = ev.regions_other(t.country, admin1, g);
        let local_story = in_region >= LOCAL_STORY_NAMES && ev.region_named(t.country, admin1);
        in_region > 0
            && grp.entries.iter().all(|o| {
                let q = &self.place(o.place as usize);
                q.kind == PlaceKind::City
                    && (local_story
                        || is_small_town(q)
                        || (q.country == t.country && q.population < CITY_POPULATION))
            })
    }

    /// Whether small town `town` of group `g` lies in a region the document
    /// names and that other names support, while a larger namesake town of the
    /// same country (under `CITY_POPULATION`) lies in a region the document
    /// says nothing of, and the name has no other reading in that country
    /// but towns. The country then says nothing between the two towns:
    /// the small town is ranked with the country's support like the larger
    /// one, and its region decides ("the Paris library" in a story about
    /// Illinois agencies is Paris, Illinois, not Paris, Texas, however many
    /// actors make it an American story). Readings abroad do not matter
    /// here: against them the small town keeps its own evidence.
    fn namesake_in_named_region(&self, grp: &Group, g: usize, town: u32, ev: &Evidence) -> bool {
        let t = &self.place(town as usize);
        let in_named_region =
            ev.region_named(t.country, t.admin1) && ev.regions_other(t.country, t.admin1, g) > 0;
        let others = || grp.entries.iter().filter(|o| o.place != town);
        // Every other reading of the town's own country is a town under
        // `CITY_POPULATION` that is no capital: a state, a county or a city
        // of the name keeps its lead ("Washington", "Delaware",
        // "Louisville"). Readings abroad are left to their own evidence.
        let only_towns = others().all(|o| {
            let q = &self.place(o.place as usize);
            q.country != t.country
                || (q.kind == PlaceKind::City && !q.capital && q.population < CITY_POPULATION)
        });
        in_named_region
            && only_towns
            && others().any(|o| {
                let q = &self.place(o.place as usize);
                q.country == t.country
                    && !is_small_town(q)
                    && ev.regions_other(q.country, q.admin1, g) == 0
            })
    }

    /// For every (country, admin1) pair, the groups with a candidate reading
    /// in it: readings of different names that fall in one region support
    /// each other ("Paris" and "Henry County" both in Tennessee).
    fn candidate_regions<'a>(
        &'a self,
        groups: &[Group],
    ) -> HashMap<(&'a str, &'a str), Vec<usize>> {
        let mut out: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (g, grp) in groups.iter().enumerate() {
            for e in &grp.entries {
                let p = &self.place(e.place as usize);
                let admin1 = self.place(e.place as usize).admin1;
                if admin1.is_empty() || matches!(p.kind, PlaceKind::Country | PlaceKind::Continent)
                {
                    continue;
                }
                let v = out.entry((p.country, admin1)).or_default();
                if v.last() != Some(&g) {
                    v.push(g);
                }
            }
        }
        out
    }

    /// For every town or district reading, how many other names (at most
    /// two) have a town or district reading within `PAIR_KM` of it: two
    /// names of one local story that can be read a few kilometres apart
    /// ("Paris" and "Henry County", both in Tennessee) are most likely
    /// that pair. A grid of half-degree cells keeps it linear.
    fn close_pairs(&self, groups: &[Group]) -> HashMap<(usize, u32), usize> {
        let local = |place: u32| {
            let p = self.place(place as usize);
            matches!(p.kind, PlaceKind::City | PlaceKind::District).then_some(p)
        };
        let cell = |p: &Place| {
            (
                (p.lat / GRID_DEG).floor() as i32,
                (p.lon / GRID_DEG).floor() as i32,
            )
        };
        let mut grid: HashMap<(i32, i32), Vec<(usize, u32)>> = HashMap::new();
        for (g, grp) in groups.iter().enumerate() {
            for e in &grp.entries {
                if let Some(p) = local(e.place) {
                    grid.entry(cell(&p)).or_default().push((g, e.place));
                }
            }
        }
        let mut out = HashMap::new();
        for (g, grp) in groups.iter().enumerate() {
            for e in &grp.entries {
                let Some(p) = local(e.place) else { continue };
                let (la, lo) = cell(&p);
                let mut others: Vec<usize> = Vec::new();
                for dla in -1..=1 {
                    for dlo in -1..=1 {
                        let Some(v) = grid.get(&(la + dla, lo + dlo)) else {
                            continue;
                        };
                        for &(h, q) in v {
                            if h != g
                                && q != e.place
                                && !others.contains(&h)
                                && distance_km(&p, &self.place(q as usize)) <= PAIR_KM
                            {
                                others.push(h);
                            }
                        }
                    }
                }
                if !others.is_empty() {
                    out.insert((g, e.place), others.len().min(2));
                }
            }
        }
        out
    }

    /// Whether the caller's country `c` may be no more than an echo of this
    /// very name: the name is also the capital of `c` (the caller reads
    /// "Paris" as France) and no other name of the document reads in `c`
    /// apart from that capital (`reads_apart_from_capital`). A story about
    /// Paris, Texas must not be pulled to France by its own "Paris", nor a
    /// story about Dublin, Ohio to Ireland by its "Dublin City Council".
    /// (A country's name is left alone: the caller's evidence for it is
    /// mostly its people, "Georgian officials".)
    fn echo(
        &self,
        groups: &[Group],
        g: usize,
        c: &str,
        in_country: &HashMap<&str, Vec<usize>>,
    ) -> bool {
        let capital = groups[g]
            .entries
            .iter()
            .map(|e| self.place(e.place as usize))
            .find(|q| q.country == c && q.capital);
        let Some(capital) = capital else {
            return false;
        };
        !in_country.get(c).is_some_and(|v| {
            v.iter()
                .any(|&h| h != g && self.reads_apart_from_capital(&groups[h], &capital))
        })
    }

    /// `QUALIFIER_WEIGHT` for a first-order region or a country whose name
    /// comes after a word for a part of it ("central Ontario's cottage
    /// country", "southern Lebanon"): an area large enough to have parts, not
    /// a namesake town elsewhere ("Ontario", California; "Lebanon",
    /// Pennsylvania). A country and a region of one name both earn it
    /// ("northern Georgia"), so the other evidence still decides between
    /// them; a name one of whose areas holds a city of the name is left
    /// alone ("eastern Aleppo" is the city's east, not the governorate's;
    /// "southern Mexico" the country, not the State of Mexico).
    fn area_with_parts(&self, grp: &Group, area: u32) -> f64 {
        let p = self.place(area as usize);
        // Any area reading of the name that holds a city of the name ("Aleppo",
        // "Mexico" with Mexico City's short form) leaves the name alone.
        let holds_namesake = || {
            grp.entries.iter().any(|a| {
                grp.entries.iter().any(|e| {
                    self.place(e.place as usize).kind == PlaceKind::City
                        && self.contains(a.place, e.place)
                })
            })
        };
        if grp.part_said
            && matches!(p.kind, PlaceKind::Region | PlaceKind::Country)
            && !holds_namesake()
        {
            QUALIFIER_WEIGHT
        } else {
            0.0
        }
    }

    /// How many other names the document reads in the country of reading
    /// `p`. For a national capital only names that read there apart from
    /// it count (`reads_apart_from_capital`): the capital's own suburbs
    /// echo its name ("Richmond Street" in a story of London, Ontario does
    /// not make London the British capital), and an "X County" the
    /// gazetteer lacks always counts.
    fn country_names_for(&self, groups: &[Group], g: usize, p: &Place, ev: &Evidence) -> usize {
        if !p.capital {
            return ev.countries_other(p.country, g);
        }
        ev.countries.get(p.country).map_or(0, |v| {
            v.iter()
                .filter(|&&h| {
                    // An "X County" the gazetteer lacks has no readings: a US
                    // county, never a capital's suburb.
                    h != g
                        && (groups[h].entries.is_empty()
                            || self.reads_apart_from_capital(&groups[h], p))
                })
                .count()
        })
    }

    /// Whether a name has a reading in the capital's country that speaks
    /// for that country on its own: a region or the country itself, or a
    /// town or district of at least `SMALL_TOWN_POPULATION` more than
    /// `ECHO_KM` from the capital. The capital's own districts and suburbs
    /// ("Dublin City", "Richmond" in London) only echo the capital's name,
    /// and a hamlet abroad that shares a common word's name ("Talla") says
    /// nothing of where the story is.
    fn reads_apart_from_capital(&self, grp: &Group, capital: &Place) -> bool {
        grp.entries.iter().any(|e| {
            let q = self.place(e.place as usize);
            q.country == capital.country
                && match q.kind {
                    PlaceKind::Country | PlaceKind::Continent | PlaceKind::Region => true,
                    PlaceKind::City | PlaceKind::District => {
                        !is_small_town(&q) && distance_km(&q, capital) > ECHO_KM
                    }
                }
        })
    }

    /// Whether the caller's support for the reading's country is no more
    /// than a nationality: the text names that country's people
    /// (`PlaceContext::peoples`), no other name of the document can be
    /// read in it, and the name has a reading abroad at least
    /// `NATIONALITY_NAMESAKE_RATIO` times larger. "Russian rockets hit
    /// Donetsk" is the Ukrainian city, not Russia's small namesake: an
    /// attacker's country is not where the attack happened.
    fn nationality_only(
        &self,
        grp: &Group,
        g: usize,
        p: &Place,
        peoples: &[String],
        in_country: &HashMap<&str, Vec<usize>>,
    ) -> bool {
        let people_named = peoples.iter().any(|c| c == p.country);
        let named_elsewhere = in_country
            .get(p.country)
            .is_some_and(|v| v.iter().any(|&h| h != g));
        let larger_abroad = grp.entries.iter().any(|e| {
            let q = self.place(e.place as usize);
            q.country != p.country
                && !q.country.is_empty()
                && q.population
                    >= p.population
                        .saturating_mul(NATIONALITY_NAMESAKE_RATIO)
                        .max(1)
        });
        people_named && !named_elsewhere && larger_abroad
    }

    /// For every country, the groups with a candidate reading in it.
    fn candidate_countries<'a>(&'a self, groups: &[Group]) -> HashMap<&'a str, Vec<usize>> {
        let mut out: HashMap<&str, Vec<usize>> = HashMap::new();
        for (g, grp) in groups.iter().enumerate() {
            for e in &grp.entries {
                let c = self.place(e.place as usize).country;
                if c.is_empty() {
                    continue;
                }
                let v = out.entry(c).or_default();
                if v.last() != Some(&g) {
                    v.push(g);
                }
            }
        }
        out
    }

    /// Spatial coherence by distance: the other names' current readings
    /// (towns, districts, regions) that lie near this reading. A local story
    /// names places close together ("Paris" beside "Dallas" is Paris, Texas).
    /// A region is near whatever lies in it, however far from its centre
    /// ("Quebec" beside "Montreal" is the province as much as the city).
    fn proximity(&self, place: u32, g: usize, chosen: &[Option<(u32, f64)>]) -> f64 {
        let p = &self.place(place as usize);
        if matches!(p.kind, PlaceKind::Country | PlaceKind::Continent) {
            return 0.0;
        }
        let mut near = 0.0;
        for (h, c) in chosen.iter().enumerate() {
            let Some((qi, score)) = c else { continue };
            let q = &self.place(*qi as usize);
            // Only readings strong enough to be reported: the weak readings
            // of common words would pull each other together.
            if h == g
                || *score < floor(q)
                || matches!(q.kind, PlaceKind::Country | PlaceKind::Continent)
            {
                continue;
            }
            near += if self.contains(place, *qi) {
                1.0
            } else {
                closeness(distance_km(p, q))
            };
        }
        PROXIMITY_WEIGHT * near.min(PROXIMITY_CAP)
    }

    /// Whether a name that is a country named exactly, followed by a
    /// country, names two countries in a row ("Mexico, China, Japan and
    /// Brazil"), not a town of the second ("China", a Japanese village):
    /// such a "Town, Country" qualifier gives the town nothing.
    fn countries_in_a_row(&self, country_named: bool, container: u32) -> bool {
        country_named && self.place(container as usize).kind == PlaceKind::Country
    }

    /// Whether place `outer` (a country or region) contains place `inner`.
    fn contains(&self, outer: u32, inner: u32) -> bool {
        let (o, i) = (&self.place(outer as usize), &self.place(inner as usize));
        if outer == inner || o.country != i.country || o.country.is_empty() {
            return false;
        }
        match o.kind {
            PlaceKind::Country => i.kind != PlaceKind::Country,
            PlaceKind::Region => {
                matches!(i.kind, PlaceKind::City | PlaceKind::District)
                    && self.place(outer as usize).admin1 == self.place(inner as usize).admin1
            }
            _ => false,
        }
    }
}

/// Weight of a qualifier: the region after "Town, " holds the town, or a
/// word after the name makes it a state ("New York state").
const QUALIFIER_WEIGHT: f64 = 10.0;

/// Weight of each other name listed beside a region reading that reads
/// as a region of the same country (at most two count).
const LIST_KIND_WEIGHT: f64 = 1.5;

/// Weight of a region reading listed between (or after) at least
/// `LISTED_REGIONS_MIN` names read as regions of its country.
const LISTED_REGIONS_WEIGHT: f64 = 5.0;

/// How many listed neighbours read as regions make a list of regions.
const LISTED_REGIONS_MIN: usize = 2;

/// A name listed among regions of its country is a region too: in
/// "Kansas, Oregon, New York and Utah" neither "Oregon" (a town in Ohio)
/// nor "New York" (the city) is a town, however well a namesake town is
/// supported by its region being named elsewhere in the list.
fn listed_among_regions(regions_listed: usize) -> f64 {
    if regions_listed >= LISTED_REGIONS_MIN {
        LISTED_REGIONS_WEIGHT
    } else {
        0.0
    }
}

/// Prepositions that set the name after them as a place ("in Hounslow",
/// "at Rock Hill"); narrower than the spotter's list, which also takes
/// "of", "to" and "from" (a person's or a firm's name follows those too).
const PLACING_PREPOSITIONS: &[&str] = &["in", "at", "near"];

/// Whether the word right before byte `start` of `text` is one of
/// `PLACING_PREPOSITIONS` (any case).
fn after_placing_preposition(text: &str, start: usize) -> bool {
    text.get(..start)
        .and_then(|before| before.split_whitespace().next_back())
        .is_some_and(|w| {
            PLACING_PREPOSITIONS
                .iter()
                .any(|p| p.eq_ignore_ascii_case(w))
        })
}

/// Whether the word right after byte `end` of `text`, past one space,
/// starts with a capital letter ("Licking Memorial": the name goes on).
fn before_capitalised_word(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|after| after.strip_prefix(' '))
        .and_then(|after| after.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Lower-case words that name a part of an area before its name
/// ("central Ontario", "southern Lebanon"). Not "north", "east" and the
/// like, which news writes before a city's parts too ("north London").
const COMPASS_WORDS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// Whether the word right before byte `start` of `text` is one of
/// `COMPASS_WORDS`, written in lower case (a capitalised one is part of a
/// name: "Northern Ireland", "Central Java").
fn after_compass_word(text: &str, start: usize) -> bool {
    text.get(..start)
        .and_then(|before| before.split_whitespace().next_back())
        .is_some_and(|w| COMPASS_WORDS.contains(&w))
}

/// How many following names of one list each name is listed with.
const LIST_PAIR_SPAN: usize = 16;

/// The lists of names as (first, last) mention indices: maximal runs in
/// which each mention is joined to the one before it (`listed_next[k]`:
/// mention k is listed after mention k - 1).
fn list_runs(listed_next: &[bool]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut k = 1;
    while k < listed_next.len() {
        if listed_next[k] {
            let start = k - 1;
            while k < listed_next.len() && listed_next[k] {
                k += 1;
            }
            runs.push((start, k - 1));
        } else {
            k += 1;
        }
    }
    runs
}

/// Whether the text between two names joins them in a list.
fn is_list_joint(between: &str) -> bool {
    matches!(between.trim(), "and" | "or" | ", and" | ", or" | "&")
}

/// Other names read in a named region that make the story a local one of
/// that region (`weighs_as_town`).
const LOCAL_STORY_NAMES: usize = 3;

/// A town this large is named in news on its own: a namesake hamlet in a
/// region the document names does not outrank it (`weighs_as_town`).
const CITY_POPULATION: u64 = 100_000;

/// A reading this close to a national capital is the capital's own district
/// or suburb: it does not tell that the story is set in the capital's
/// country (`Gazetteer::reads_apart_from_capital`).
const ECHO_KM: f64 = 30.0;

/// Two readings of different names this close are taken as one local story's pair.
const PAIR_KM: f64 = 30.0;

/// Grid cell of `close_pairs`, in degrees (wider than `PAIR_KM`).
const GRID_DEG: f64 = 0.5;

/// Weight of each other name with a reading within `PAIR_KM` (at most two count).
const PAIR_WEIGHT: f64 = 1.5;

/// Weight of the document's other mentions in a candidate's country (times ln(1 + n)).
const COUNTRY_WEIGHT: f64 = 2.0;

/// Weight of each other mention in a candidate town's region (at most two count).
const REGION_WEIGHT: f64 = 2.0;

/// Below this a reading is too weak to report (a small town by an alternate name, no support).
const MIN_SCORE: f64 = 6.0;

/// How much lower the floor is for first-order regions (about 300,000 people
/// or more pass without support).
const REGION_FLOOR_DISCOUNT: f64 = 1.5;

/// Weight of each other name with a candidate reading in the same region
/// (at most two count); it orders readings but does not lift one over the floor.
const COHERENCE_WEIGHT: f64 = 0.75;

/// The score a reading needs to be reported. A first-order region is
/// rarely a false positive: it needs less support than a town ("exercises
/// in Alaska").
fn floor(p: &Place) -> f64 {
    if matches!(p.kind, PlaceKind::Region | PlaceKind::District) {
        MIN_SCORE - REGION_FLOOR_DISCOUNT
    } else {
        MIN_SCORE
    }
}

/// Weight of a nearby reading of another name (see `closeness`).
const PROXIMITY_WEIGHT: f64 = 1.5;

/// At most this many nearby names count (so that a list of towns does not
/// swamp a qualifier).
const PROXIMITY_CAP: f64 = 2.0;

/// How close two places are, from 1 (within 200 km, a city's own
/// hinterland) down to 0 beyond 800 km.
fn closeness(km: f64) -> f64 {
    if km <= 200.0 {
        1.0
    } else if km <= 400.0 {
        0.5
    } else if km <= 800.0 {
        0.25
    } else {
        0.0
    }
}

/// Great-circle distance between two places (haversine, mean Earth radius).
pub(super) fn distance_km(a: &Place, b: &Place) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// A region named this often, more than any other, is the document's home
/// (`home_region`).
const HOME_REGION_MENTIONS: usize = 3;

/// Weight of a town's or county's reading in the document's home region:
/// it orders the namesake counties of a local story ("Boone County" beside
/// "Indiana" named five times and "Illinois" once).
const HOME_REGION_WEIGHT: f64 = 3.0;

/// `HOME_REGION_WEIGHT` for a reading in the document's home region
/// (`Gazetteer::home_region`) of a name whose readings are all towns and
/// counties (`Gazetteer::local_namesakes_only`), else nothing.
fn in_home_region(p: &Place, home: Option<(&str, &str)>, local_namesakes: bool) -> f64 {
    if local_namesakes && home == Some((p.country, p.admin1)) {
        HOME_REGION_WEIGHT
    } else {
        0.0
    }
}

/// Spatial coherence of a reading: other names that can be read in its region.
fn coherence(co: &HashMap<(&str, &str), Vec<usize>>, p: &Place, admin1: &str, g: usize) -> f64 {
    if admin1.is_empty() || matches!(p.kind, PlaceKind::Country | PlaceKind::Continent) {
        return 0.0;
    }
    let others = co
        .get(&(p.country, admin1))
        .map_or(0, |v| v.iter().filter(|&&x| x != g).count());
    COHERENCE_WEIGHT * (others.min(2) as f64)
}

/// Weight of a national capital (or a city of `MAJOR_CITY_POPULATION`) whose
/// country the document names as a place.
const NAMED_COUNTRY_CAPITAL_WEIGHT: f64 = 3.0;

/// A city this large is, like a capital, what its name means beside its country.
const MAJOR_CITY_POPULATION: u64 = 1_000_000;

/// What a town gains in the local country of a story of local government
/// (`Gazetteer::local_country`): more than a capital's edge over a town of a
/// tenth its size, so "Athens City Council" in a story of dollars is a US
/// Athens, not Greece's capital.
const LOCAL_COUNTRY_WEIGHT: f64 = 4.0;

/// `LOCAL_COUNTRY_WEIGHT` for a town, county or region in the story's local
/// country.
fn in_local_country(p: &Place, local: Option<&str>) -> f64 {
    let fits = matches!(
        p.kind,
        PlaceKind::City | PlaceKind::District | PlaceKind::Region
    );
    if fits && local == Some(p.country) {
        LOCAL_COUNTRY_WEIGHT
    } else {
        0.0
    }
}

/// A national capital or a major city whose country the document names as
/// a place is that city: "Moscow" beside "Russia" is not Moscow, Idaho,
/// however many common words ("Council", "Star") read as Idaho towns, and
/// "St. Petersburg" beside "Russia" is not the Florida city.
fn capital_of_named_country(p: &Place, capital: bool, ev: &Evidence) -> f64 {
    let major = capital || (p.kind == PlaceKind::City && p.population >= MAJOR_CITY_POPULATION);
    if major && ev.country_named(p.country) {
        NAMED_COUNTRY_CAPITAL_WEIGHT
    } else {
        0.0
    }
}

/// Weight of a county named with its division word that is the only
/// reading of its name: it clears the floor alone.
const ONLY_COUNTY_WEIGHT: f64 = MIN_SCORE;

/// `ONLY_COUNTY_WEIGHT` when the name is written with its division word
/// ("Darke County") and the gazetteer's one reading of it is that county:
/// the text says which county, however few people live there. A name
/// several counties share ("Clark County") is left to the other evidence.
fn only_county_of_its_name(grp: &Group, p: &Place) -> f64 {
    if grp.division_named && grp.entries.len() == 1 && p.kind == PlaceKind::District {
        ONLY_COUNTY_WEIGHT
    } else {
        0.0
    }
}

/// Weight of the readings in a country whose people the text names
/// (`Gazetteer::country_of_named_people`).
const NAMED_PEOPLE_WEIGHT: f64 = 1.5;

/// How many times larger than a town abroad a first-order region named
/// exactly must be to win without the caller's countries
/// (`town_under_namesake_region`): "Ontario", the province of 14 million,
/// is not Ontario, California, a city of 170,000, whatever countries the
/// actors name; "Victoria" the Australian state, twenty times the Canadian
/// city, is left to the other evidence. Only where the document speaks of
/// the region's country (`region_country_evidenced`): "Delta" alone (an
/// airline, a river's mouth) is not a Nigerian state.
const REGION_ABROAD_RATIO: u64 = 50;

/// Whether the document speaks of a large region's country apart from the
/// region's own name: another name read there, the caller's countries (the
/// actors', the dateline's) hold it at any rank, or at least
/// `REGION_CANDIDATE_NAMES` other names can be read in the region itself.
/// "The Canadian trade minister spoke in Ontario" in a story of Washington
/// and Texas is the province, though the caller ranks the United States
/// first; so is "Ontario" beside "London" and "Richmond", both namesakes of
/// Ontario towns, before the first pass has read either there.
fn region_country_evidenced(
    region: &Place,
    g: usize,
    ev: &Evidence,
    ctx: &PlaceContext,
    co: &HashMap<(&str, &str), Vec<usize>>,
) -> bool {
    let in_region = co
        .get(&(region.country, region.admin1))
        .map_or(0, |v| v.iter().filter(|&&h| h != g).count());
    ev.countries_other(region.country, g) > 0
        || ctx.countries.iter().any(|c| c == region.country)
        || in_region >= REGION_CANDIDATE_NAMES
}

/// How many other names that can be read in a large region speak for its
/// country (`region_country_evidenced`).
const REGION_CANDIDATE_NAMES: usize = 2;

/// Weight of a city of at least `CITY_POPULATION` in a first-order region
/// the document names (`city_in_named_region`): half a qualifier.
const NAMED_REGION_CITY_WEIGHT: f64 = 5.0;

/// How many times larger a namesake abroad must be before a nationality
/// alone no longer pulls a name to its own country (`nationality_only`).
const NATIONALITY_NAMESAKE_RATIO: u64 = 10;

/// A town this large whose name has no other reading of comparable size is
/// named in news on its own ("Rock Hill", "Hounslow"): `DOMINANT_TOWN_WEIGHT`
/// carries it over the floor without other support.
const DOMINANT_TOWN_POPULATION: u64 = 50_000;

/// How many times larger than every other reading of its name a dominant
/// town is.
const DOMINANT_TOWN_RATIO: u64 = 10;

/// Weight of a dominant town (`dominant_town`): a town of
/// `DOMINANT_TOWN_POPULATION` named by its own name just clears `MIN_SCORE`.
const DOMINANT_TOWN_WEIGHT: f64 = 0.4;

/// What a dominant town earns (`Gazetteer::dominant_town`).
fn dominant_town_weight(dominant: bool) -> f64 {
    if dominant {
        DOMINANT_TOWN_WEIGHT
    } else {
        0.0
    }
}

/// How many times a small town must be written, once set as a place, for
/// its named country to speak for it (`town_placed_in_named_country`).
const PLACED_TOWN_MENTIONS: usize = 2;

/// How many of the document's names must read in the small town's country,
/// the country's own name among them (`town_placed_in_named_country`).
const PLACED_TOWN_COUNTRY_NAMES: usize = 2;

/// Whether `e` reads a village by a leading part of its name only
/// ("Bains" for Bains-sur-Oust) in a country that neither the story nor
/// the caller names (`callers`, `local`), in a region the story does not
/// name: then the region's other names do not lift it, for two such
/// readings of unrelated words ("Bain", "Bains") would lift each other
/// over the floor in a story set elsewhere. At home a short form is the
/// town's usual name ("Avondale" for Avondale Estates) and keeps its lift.
fn short_form_village_abroad(
    e: &Entry,
    p: &Place,
    ev: &Evidence,
    callers: &[String],
    local: Option<&str>,
) -> bool {
    e.short
        && is_small_town(p)
        && !ev.region_named(p.country, p.admin1)
        && !ev.country_named(p.country)
        && !callers.iter().any(|c| c == p.country)
        && local != Some(p.country)
}

/// A populated place too small to be named without its region.
fn is_small_town(p: &Place) -> bool {
    p.kind == PlaceKind::City && p.population < SMALL_TOWN_POPULATION
}

/// Score of a place before any context: kind, then population.
fn prior(p: &Place, capital: bool) -> f64 {
    let pop = (p.population as f64 + 1.0).log10();
    match p.kind {
        PlaceKind::Continent => 9.0,
        PlaceKind::Country => pop.max(5.0) + 2.0,
        PlaceKind::Region | PlaceKind::District => pop - 1.0,
        PlaceKind::City => pop + if capital { 1.5 } else { 0.0 },
    }
}

/// What the whole document says, for `best`.
#[derive(Clone, Copy)]
struct DocEvidence<'a> {
    ev: &'a Evidence,
    co: &'a HashMap<(&'a str, &'a str), Vec<usize>>,
    pairs: &'a HashMap<(usize, u32), usize>,
    in_country: &'a HashMap<&'a str, Vec<usize>>,
    ctx: &'a PlaceContext,
    /// The document's home region once the first pass has read the names
    /// (`Gazetteer::home_region`).
    home: Option<(&'a str, &'a str)>,
    /// The caller's local country where no first-order region of another
    /// country is named (`Gazetteer::local_country`).
    local: Option<&'a str>,
}

#[derive(Debug, Default)]
struct Group {
    entries: Vec<Entry>,
    /// The name's first mention.
    written: Option<Span>,
    /// How many mentions the name has in the document.
    mentions: usize,
    /// Groups named right after this one's mentions ("Town, Region").
    containers: Vec<usize>,
    contained: Vec<usize>,
    /// Groups named next to this one in a list ("X and Y", "X, or Y").
    listed_with: Vec<usize>,
    /// A mention is followed by a word that makes it a state ("New York
    /// state"): one sense per document, so the whole name is the region.
    region_said: bool,
    /// A mention is written with its division word ("Darke County",
    /// "Rapides Parish"; `ends_in_division_word`).
    division_named: bool,
    /// A mention comes right after a preposition that sets it as a place
    /// ("in Hounslow"; `PLACING_PREPOSITIONS`).
    placed: bool,
    /// Such a mention is not followed by a capitalised word: the name
    /// stands alone, not as the start of a facility's ("at Licking
    /// Memorial Hospital").
    placed_alone: bool,
    /// A mention comes right after a lower-case word naming a part of an
    /// area ("central Ontario", "northern Georgia"; `COMPASS_WORDS`).
    part_said: bool,
}

/// Which groups point at which countries and regions.
#[derive(Debug, Default)]
struct Evidence {
    countries: HashMap<String, Vec<usize>>,
    /// country → admin1 → groups (nested, so that a lookup allocates nothing).
    regions: HashMap<String, HashMap<String, Vec<usize>>>,
    /// country → admin1 of the first-order regions read as such ("Ohio" itself).
    named_regions: HashMap<String, Vec<String>>,
    /// Countries read as such ("Russia" itself), by alpha-3 code.
    named_countries: Vec<String>,
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
            .entry(c.to_string())
            .or_default()
            .entry(a.to_string())
            .or_default();
        if !v.contains(&g) {
            v.push(g);
        }
    }
    fn name_region(&mut self, c: &str, a: &str) {
        let v = self.named_regions.entry(c.to_string()).or_default();
        if !a.is_empty() && !v.iter().any(|x| x == a) {
            v.push(a.to_string());
        }
    }
    fn name_country(&mut self, c: &str) {
        if !c.is_empty() && !self.named_countries.iter().any(|x| x == c) {
            self.named_countries.push(c.to_string());
        }
    }
    fn country_named(&self, c: &str) -> bool {
        self.named_countries.iter().any(|x| x == c)
    }
    fn region_named(&self, c: &str, a: &str) -> bool {
        self.named_regions
            .get(c)
            .is_some_and(|v| v.iter().any(|x| x == a))
    }
    fn countries_other(&self, c: &str, g: usize) -> usize {
        self.countries
            .get(c)
            .map_or(0, |v| v.iter().filter(|&&x| x != g).count())
    }
    fn regions_other(&self, c: &str, a: &str, g: usize) -> usize {
        self.regions
            .get(c)
            .and_then(|by_admin1| by_admin1.get(a))
            .map_or(0, |v| v.iter().filter(|&&x| x != g).count())
    }
}

#[cfg(test)]
mod tests {
    use super::list_runs;

    #[test]
    fn list_runs_join_every_name_of_one_list() {
        // "Ohio. Washington, Pennsylvania and California; Texas or Utah."
        let listed_next = [false, false, true, true, false, true];
        assert_eq!(list_runs(&listed_next), vec![(1, 3), (4, 5)]);
        assert!(list_runs(&[false]).is_empty());
        assert!(list_runs(&[]).is_empty());
    }
}
