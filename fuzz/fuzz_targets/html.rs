//! HTML extraction (`sitrep_ingest::extract_html`) and byte decoding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let declared = sitrep_ingest::html_declared_charset(data);
    let text = sitrep_ingest::decode(data, declared);
    let page = sitrep_ingest::extract_html(&text);
    // The extracted text is coded next: it must be a document.
    let _ = sitrep_coder::Document::from_parts(sitrep_coder::DocumentParts {
        id: "fuzz".to_string(),
        text: page.text,
        title: page.title,
        published: page
            .published
            .as_deref()
            .and_then(|p| sitrep_coder::published::find_published(p))
            .map(|(p, _)| p),
        url: page.url,
        ..sitrep_coder::DocumentParts::default()
    });
});
