//! Loading the data files: built in, or from a folder given with `--data`.

use std::path::Path;

use anyhow::{Context, Result};
use sitrep_coder::lexicon::{DataFile, DataSources};
use sitrep_coder::Lexicon;
use sitrep_stories::alerts::catalogue::{EMBEDDED_SIGNALS, EMBEDDED_SIGNALS_NAME};
use sitrep_stories::{AlertParams, SignalCatalogue};

/// Loads and validates the lexicon; a bad line is reported as file:line: reason.
pub fn load_lexicon(dir: Option<&Path>) -> Result<Lexicon> {
    let Some(dir) = dir else {
        return Lexicon::embedded().context("built-in data files are invalid");
    };
    let embedded = DataSources::embedded();
    let names = [
        embedded.countries.name,
        embedded.organisations.name,
        embedded.people.name,
        embedded.agents.name,
        embedded.name_stopwords.name,
        embedded.irregular_verbs.name,
        embedded.occurrence_verbs.name,
        embedded.patterns.name,
        embedded.cameo.name,
        embedded.gazetteer.name,
        embedded.generated_verbs.name,
    ];
    let mut texts = Vec::with_capacity(names.len());
    let mut paths = Vec::with_capacity(names.len());
    for name in names {
        let rel = name.strip_prefix("data/").unwrap_or(name);
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading data file {}", path.display()))?;
        texts.push(text);
        paths.push(path.display().to_string());
    }
    let f = |i: usize| DataFile {
        name: &paths[i],
        text: &texts[i],
    };
    let src = DataSources {
        countries: f(0),
        organisations: f(1),
        people: f(2),
        agents: f(3),
        name_stopwords: f(4),
        irregular_verbs: f(5),
        occurrence_verbs: f(6),
        patterns: f(7),
        cameo: f(8),
        gazetteer: f(9),
        generated_verbs: f(10),
    };
    Lexicon::load(&src).context("invalid data file")
}

/// The alert parameters with the signals catalogue: `DIR/alerts/signals.tsv`
/// with `--data DIR`, else the built-in file; a bad line is file:line: reason.
pub fn load_alert_params(dir: Option<&Path>) -> Result<AlertParams> {
    let signals = match dir {
        None => SignalCatalogue::parse(EMBEDDED_SIGNALS_NAME, EMBEDDED_SIGNALS)
            .context("built-in alert signals are invalid")?,
        Some(dir) => {
            let path = dir.join("alerts/signals.tsv");
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading data file {}", path.display()))?;
            SignalCatalogue::parse(&path.display().to_string(), &text)
                .context("invalid data file")?
        }
    };
    Ok(AlertParams {
        signals: std::sync::Arc::new(signals),
        ..AlertParams::default()
    })
}
