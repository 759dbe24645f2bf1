//! sitrep-ingest: turns files (article text, JSONL, HTML, folders, stdin)
//! into `sitrep_coder::Document`s. (Implementation in progress.)
