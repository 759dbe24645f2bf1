//! The syntax crate's integration tests against spaCy's own analyses
//! (`tests/data/`): one test binary, one module per part of the pipeline.

mod agreement;
mod lexical;
mod tokenizer;
