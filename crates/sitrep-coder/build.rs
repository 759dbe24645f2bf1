//! Writes the built-in gazetteer's binary image into `OUT_DIR`
//! (`gazetteer.bin` and `gazetteer-strings.txt`, embedded by
//! `src/places/gazetteer.rs`), so that start-up reads it in place instead of
//! parsing 12 MB of text.
//!
//! `data/gazetteer/places.tsv` is validated by the same row parser the
//! binary uses for a `--data` gazetteer (`src/lexicon/gazetteer.rs`, compiled
//! here as a module of this script with the files it needs): a bad line
//! fails the build with its file, line and reason.

use std::path::PathBuf;
use std::process::ExitCode;

#[allow(dead_code)]
#[path = "src/lexicon/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/lexicon/gazetteer.rs"]
mod gazetteer_rows;
#[allow(dead_code)]
#[path = "src/places/image.rs"]
mod image;
#[allow(dead_code)]
#[path = "src/places/kind.rs"]
mod kind;
#[allow(dead_code)]
#[path = "src/places/names.rs"]
mod names;

/// The paths the shared files name, as in the crate.
mod lexicon {
    pub(crate) use crate::error::LexiconError;
    pub(crate) use crate::gazetteer_rows as gazetteer;
}
mod places {
    pub(crate) use crate::kind::PlaceKind;
    pub(crate) use crate::names;
}

/// The gazetteer, relative to this crate, and its name in errors.
const SOURCE: &str = "../../data/gazetteer/places.tsv";
const NAME: &str = "data/gazetteer/places.tsv";

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed={SOURCE}");
    for shared in [
        "src/lexicon/error.rs",
        "src/lexicon/gazetteer.rs",
        "src/places/image.rs",
        "src/places/kind.rs",
        "src/places/names.rs",
    ] {
        println!("cargo::rerun-if-changed={shared}");
    }
    match write_image() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Cargo prints a failed build script's stderr.
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_image() -> Result<(), String> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let text =
        std::fs::read_to_string(SOURCE).map_err(|e| format!("{NAME}: cannot read it: {e}"))?;
    let parts = image::image_of_file(&text, NAME).map_err(|e| e.to_string())?;
    for (file, bytes) in [
        ("gazetteer.bin", parts.fixed.as_slice()),
        ("gazetteer-strings.txt", parts.strings.as_bytes()),
    ] {
        let path = out.join(file);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
