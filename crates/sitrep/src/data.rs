//! Loading the data files: built in, or from a folder given with `--data`.

use std::path::Path;

use anyhow::{Context, Result};
use sitrep_coder::lexicon::{DataFile, DataSources, DATA_FILES};
use sitrep_coder::Lexicon;
use sitrep_stories::alerts::catalogue::{EMBEDDED_SIGNALS, EMBEDDED_SIGNALS_NAME};
use sitrep_stories::{AlertParams, SignalCatalogue};

/// Loads and validates the lexicon; a bad line is reported as file:line: reason.
/// With `--data DIR`, every file of the coder's registry
/// (`sitrep_coder::lexicon::DATA_FILES`) is read from its path under `DIR`.
pub fn load_lexicon(dir: Option<&Path>) -> Result<Lexicon> {
    let Some(dir) = dir else {
        return Lexicon::embedded().context("built-in data files are invalid");
    };
    let mut read = Vec::with_capacity(DATA_FILES.len());
    for entry in DATA_FILES {
        let path = dir.join(entry.path);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading data file {}", path.display()))?;
        read.push((path.display().to_string(), text));
    }
    let mut files = read.iter();
    let src = DataSources::from_fn(|_| {
        files
            .next()
            .map(|(name, text)| DataFile { name, text })
            .context("data files read and registry out of step")
    })?;
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
