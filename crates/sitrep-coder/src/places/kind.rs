//! The kinds of place. A file of its own: the build script (`build.rs`)
//! compiles it with the gazetteer's row parser and image writer.

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A continent or a group of countries such as the European Union
    /// (`Place::country` is empty).
    Continent,
    Country,
    /// First-order administrative region (state, province, oblast).
    Region,
    /// Second-order administrative division (county, district).
    District,
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
            PlaceKind::District => "district",
            PlaceKind::City => "city",
        }
    }
}
