//! HTML pages to text. The main text comes from `dom_smoothie` (a port of
//! Mozilla Readability); pages that would make it slow (very deep nesting,
//! huge element counts) or that it cannot read go through a small built-in
//! extractor instead. A light tag scanner also reads `<title>` and the
//! publication-time meta tags, and measures the page before parsing.
//!
//! The output keeps paragraphs apart with blank lines so sentence
//! splitting can rely on them.

use dom_smoothie::{Config, Readability, TextMode};

/// Above this nesting depth Readability's scoring gets quadratic (10,000
/// nested `<div>`s take most of a minute); real news pages stay far below.
const MAX_READABILITY_DEPTH: usize = 256;
/// Above this many tags the built-in extractor is used as well.
const MAX_READABILITY_TAGS: usize = 40_000;

/// What a page yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    pub title: Option<String>,
    /// Main text, paragraphs separated by blank lines.
    pub text: String,
    /// Publication time as written in the page (`article:published_time`
    /// or similar), read by `sitrep_coder::published::find_published`:
    /// loosely, as pages write dates many ways.
    pub published: Option<String>,
    /// Canonical URL when the page gives one.
    pub url: Option<String>,
}

/// Extracts title, main text and publication time from a page.
pub fn extract(html: &str) -> HtmlText {
    let meta = scan_meta(html);
    let mut out = HtmlText {
        title: meta.title.clone(),
        published: meta.published.clone(),
        url: meta.canonical.clone(),
        // `<title>` is used only when neither og:title nor Readability
        // (which trims site names) gives a title; see below.
        text: String::new(),
    };
    if meta.max_depth <= MAX_READABILITY_DEPTH && meta.tags <= MAX_READABILITY_TAGS {
        if let Some(article) = readability(html) {
            if out.title.is_none() && !article.title.trim().is_empty() {
                out.title = Some(article.title.trim().to_string());
            }
            if out.published.is_none() {
                out.published = article.published_time;
            }
            if out.url.is_none() {
                out.url = article.url;
            }
            out.text = tidy_paragraphs(&article.text_content);
        }
    }
    if out.text.is_empty() {
        out.text = fallback_text(html);
    }
    if out.title.is_none() {
        out.title = meta.page_title;
    }
    out
}

fn readability(html: &str) -> Option<dom_smoothie::Article> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).ok()?;
    r.parse().ok()
}

/// Normalises white space: a paragraph (lines up to a blank line) becomes
/// one line with single spaces, and paragraphs are joined by one blank
/// line. Line breaks from the HTML source layout are thus not mistaken for
/// sentence ends.
fn tidy_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut para_open = false;
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            para_open = false;
            continue;
        }
        for w in words {
            if para_open {
                out.push(' ');
            } else if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(w);
            para_open = true;
        }
    }
    out
}

/// One tag as seen by the scanner.
#[derive(Debug)]
struct Tag<'a> {
    /// Lower-cased name.
    name: String,
    end: bool,
    attrs: &'a str,
}

/// What the scanner reports.
enum Event<'t, 'a> {
    Tag(&'t Tag<'a>),
    Text(&'a str),
}

/// Walks the page, reporting text between tags and tags, in order.
/// Comments, doctypes and the content of `<script>`/`<style>` are skipped.
/// A stray `<` is text. Linear in the input length.
fn scan<'a>(html: &'a str, mut on: impl FnMut(Event<'_, 'a>)) {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    let mut text_start = 0;
    while i < len {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let is_tag = next == b'!' || next == b'?' || next == b'/' || next.is_ascii_alphabetic();
        if !is_tag {
            i += 1;
            continue;
        }
        if text_start < i {
            on(Event::Text(html.get(text_start..i).unwrap_or("")));
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(len, |p| i + 4 + p + 3);
            text_start = i;
            continue;
        }
        if next == b'!' || next == b'?' {
            i = html[i..].find('>').map_or(len, |p| i + p + 1);
            text_start = i;
            continue;
        }
        let end = next == b'/';
        let name_start = if end { i + 2 } else { i + 1 };
        let mut j = name_start;
        while j < len && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b':')
        {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        // Find the closing '>' outside quoted attribute values.
        let mut k = j;
        let mut quote = 0u8;
        while k < len {
            let b = bytes[k];
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
            } else if b == b'"' || b == b'\'' {
                quote = b;
            } else if b == b'>' {
                break;
            }
            k += 1;
        }
        let attrs = html.get(j..k).unwrap_or("");
        let tag = Tag { name, end, attrs };
        on(Event::Tag(&tag));
        i = (k + 1).min(len);
        text_start = i;
        if !end && matches!(tag.name.as_str(), "script" | "style" | "textarea" | "title") {
            // Raw text: runs to the matching end tag. `<title>` text is
            // reported as text so the title can be read.
            let close = format!("</{}", tag.name);
            let rest_end = find_ci(&html[i..], &close).map_or(len, |p| i + p);
            if tag.name == "title" {
                on(Event::Text(&html[i..rest_end]));
            }
            i = rest_end;
            text_start = i;
        }
    }
    if text_start < len {
        on(Event::Text(html.get(text_start..).unwrap_or("")));
    }
}

/// Case-insensitive ASCII search.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// Attribute value by (lower-case) name from a tag's attribute text.
fn attr(attrs: &str, want: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &attrs[ns..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if let Some(&q) = b.get(i).filter(|&&q| q == b'"' || q == b'\'') {
                let vs = i + 1;
                let ve = attrs[vs..].find(q as char).map_or(b.len(), |p| vs + p);
                value = &attrs[vs..ve];
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vs..i];
            }
        }
        if name.eq_ignore_ascii_case(want) {
            return Some(decode_entities(value));
        }
        if ns == i {
            i += 1; // no progress: skip a stray byte
        }
    }
    None
}

/// Facts read from the tags of a page.
#[derive(Debug, Default)]
struct Meta {
    /// `og:title`: the headline without the site name.
    title: Option<String>,
    /// `<title>`, often with the site name appended.
    page_title: Option<String>,
    published: Option<String>,
    canonical: Option<String>,
    tags: usize,
    max_depth: usize,
}

/// Meta names and properties that give a publication time, best first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
];

/// Elements without content, which do not deepen nesting.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn scan_meta(html: &str) -> Meta {
    let mut meta = Meta::default();
    let mut og_title = None;
    let mut published: Option<(usize, String)> = None;
    let mut depth = 0usize;
    let mut in_title = false;
    let mut title_text = String::new();
    scan(html, |event| match event {
        Event::Tag(tag) => {
            meta.tags += 1;
            if tag.end {
                depth = depth.saturating_sub(1);
                in_title = false;
                return;
            }
            if !is_void(&tag.name) && !tag.attrs.trim_end().ends_with('/') {
                depth += 1;
                meta.max_depth = meta.max_depth.max(depth);
            }
            in_title = tag.name == "title";
            match tag.name.as_str() {
                "meta" => {
                    let key = attr(tag.attrs, "property")
                        .or_else(|| attr(tag.attrs, "name"))
                        .or_else(|| attr(tag.attrs, "itemprop"))
                        .map(|k| k.to_ascii_lowercase());
                    let Some(key) = key else { return };
                    let Some(content) = attr(tag.attrs, "content") else {
                        return;
                    };
                    if key == "og:title" && og_title.is_none() {
                        og_title = Some(content);
                    } else if let Some(rank) = PUBLISHED_KEYS.iter().position(|k| *k == key) {
                        if published.as_ref().is_none_or(|(r, _)| rank < *r) {
                            published = Some((rank, content));
                        }
                    }
                }
                "link" => {
                    let rel = attr(tag.attrs, "rel").map(|r| r.to_ascii_lowercase());
                    if rel.as_deref() == Some("canonical") && meta.canonical.is_none() {
                        meta.canonical = attr(tag.attrs, "href");
                    }
                }
                _ => {}
            }
        }
        Event::Text(text) => {
            if in_title && title_text.is_empty() {
                title_text = collapse_ws(&decode_entities(text));
            }
        }
    });
    meta.title = og_title.map(|t| collapse_ws(&t)).filter(|t| !t.is_empty());
    meta.page_title = (!title_text.is_empty()).then_some(title_text);
    meta.published = published
        .map(|(_, p)| p.trim().to_string())
        .filter(|p| !p.is_empty());
    meta
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements whose content is page furniture, not article text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "svg"
            | "iframe"
            | "noscript"
            | "template"
            | "figcaption"
            | "menu"
    )
}

/// Elements that break paragraphs.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "article"
            | "section"
            | "blockquote"
            | "tr"
            | "table"
            | "main"
            | "body"
            | "pre"
            | "dd"
            | "dt"
            | "figure"
            | "hr"
    )
}

/// The built-in extractor: visible text outside navigation, headers and
/// footers, with block elements as paragraph breaks.
fn fallback_text(html: &str) -> String {
    let mut raw = String::new();
    let mut skip = 0usize;
    let mut in_body_text = true;
    scan(html, |event| match event {
        Event::Tag(tag) => {
            in_body_text = tag.name != "title" || tag.end;
            if is_skipped(&tag.name) {
                skip = if tag.end {
                    skip.saturating_sub(1)
                } else {
                    skip + 1
                };
            } else if is_block(&tag.name) || tag.name == "br" {
                raw.push_str("\n\n");
            }
        }
        Event::Text(text) => {
            if skip == 0 && in_body_text {
                raw.push_str(&decode_entities(text));
            }
        }
    });
    tidy_paragraphs(&raw)
}

/// Decodes character references: numeric ones and the named ones common in
/// news text. Unknown names are left as written. Linear; no expansion
/// beyond one char per reference.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.get(..after.len().min(12)).and_then(|h| h.find(';'));
        let decoded = semi.and_then(|p| {
            let name = &after[..p];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse::<u32>().ok()
                };
                Some(code.and_then(char::from_u32).unwrap_or('\u{FFFD}'))
            } else {
                named_entity(name)
            };
            c.map(|c| (c, p))
        });
        match decoded {
            Some((c, p)) => {
                out.push(c);
                rest = &after[p + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "iacute" => 'í',
        "ntilde" => 'ñ',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Rebels seize airport | Example News</title>
<meta property="article:published_time" content="2022-07-14T10:05:00+05:30">
<link rel="canonical" href="https://example.org/a/1">
<script>var s = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rebels seize airport</h1>
<p>COLOMBO, Sri Lanka (AP) &mdash; Rebels seized the airport on Sunday, officials said. The army withdrew &amp; regrouped.</p>
<p>Flights were suspended until further notice, the aviation authority said in a statement on Monday, adding that talks were under way.</p>
<p>&ldquo;We will not retreat,&rdquo; the commander said. Protesters gathered outside the terminal for most of the afternoon.</p>
</article><footer>Copyright 2022 Example News</footer></body></html>"#;

    #[test]
    fn article_page() {
        let got = extract(PAGE);
        assert_eq!(
            got.title.as_deref(),
            Some("Rebels seize airport | Example News")
        );
        assert_eq!(got.published.as_deref(), Some("2022-07-14T10:05:00+05:30"));
        assert_eq!(got.url.as_deref(), Some("https://example.org/a/1"));
        assert!(
            got.text.contains("Rebels seized the airport on Sunday"),
            "{}",
            got.text
        );
        assert!(got.text.contains("withdrew & regrouped"), "{}", got.text);
        assert!(got.text.contains("\n\n"), "paragraphs kept: {}", got.text);
        for junk in ["not text", "color", "Home", "Copyright"] {
            assert!(!got.text.contains(junk), "{junk} leaked: {}", got.text);
        }
    }

    #[test]
    fn fallback_extractor() {
        let text = fallback_text(PAGE);
        assert!(
            text.contains("“We will not retreat,” the commander said."),
            "{text}"
        );
        assert!(text.contains("COLOMBO, Sri Lanka (AP) — Rebels"), "{text}");
        assert!(
            !text.contains("Home") && !text.contains("not text") && !text.contains("Copyright")
        );
        let paras: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paras[0], "Rebels seize airport");
        assert_eq!(paras.len(), 4, "{text}");
    }

    #[test]
    fn deep_nesting() {
        let html = format!(
            "<html><body>{}<p>Deep text here. More text.</p>{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let got = extract(&html);
        assert_eq!(got.text, "Deep text here. More text.");
    }

    #[test]
    fn huge_line_and_many_entities() {
        let html = format!(
            "<html><body><p>{}</p></body></html>",
            "word &amp; &lol; &#x1F600;&#99999999; ".repeat(30_000)
        );
        assert!(html.len() > 1_000_000);
        let got = extract(&html);
        assert!(
            got.text.starts_with("word & &lol; 😀\u{FFFD} word"),
            "{}",
            &got.text[..60]
        );
    }

    #[test]
    fn odd_markup_does_not_panic() {
        for html in [
            "",
            "<",
            "<<<>>>",
            "<p",
            "<!--",
            "<script>",
            "<a href='x>",
            "&#",
            "&#x;",
            "é<é>é",
            "<title>T</title>",
        ] {
            let _ = extract(html);
        }
    }

    /// Pseudo-random tag soup: neither extractor may panic.
    #[test]
    fn random_tag_soup() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<",
            ">",
            "&amp;",
            "&#",
            "&#x1F600;",
            ";",
            "\"",
            "'",
            "=",
            "<meta content='",
            "<title>",
            "</title>",
            "é",
            "Text. ",
            "<nav>",
            "</nav>",
            "<br>",
            "<a href=x>",
        ];
        let mut seed: u64 = 0x1234_5678_9abc_def1;
        for _ in 0..300 {
            let mut html = String::new();
            for _ in 0..60 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let _ = extract(&html);
            let _ = fallback_text(&html);
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#65;&#x42; &unknown; & c"),
            "a & b AB &unknown; & c"
        );
        assert_eq!(decode_entities("&#xD800;"), "\u{FFFD}");
    }

    #[test]
    fn attributes() {
        let a = r#" property="og:title" content='It&apos;s "quoted"' data-x=bare"#;
        assert_eq!(attr(a, "property").as_deref(), Some("og:title"));
        assert_eq!(attr(a, "content").as_deref(), Some("It's \"quoted\""));
        assert_eq!(attr(a, "data-x").as_deref(), Some("bare"));
        assert_eq!(attr(a, "missing"), None);
    }
}
