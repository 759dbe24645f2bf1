//! HTML extraction (`sitrep_ingest::extract_html`) and byte decoding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let declared = sitrep_ingest::html_declared_charset(data);
    let text = sitrep_ingest::decode(data, declared);
    let page = sitrep_ingest::extract_html(&text);
    // The extracted text is coded next: it must be a document.
    let _ = sitrep_coder::Document::from_parts(
        "fuzz",
        page.text,
        page.title,
        page.published.as_deref(),
        None,
        page.url,
    );
});
