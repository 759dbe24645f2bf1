//! The web UI's files, compiled into the binary (`include_bytes!`): the
//! page under `web/` and the vendored libraries under `web/vendor/`. No
//! file is read from disk at run time and no request leaves the machine.

/// (URL path, content type, bytes).
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../../../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../web/app.css"),
    ),
    (
        "/vendor/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/vendor/leaflet.js"),
    ),
    (
        "/vendor/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../web/vendor/leaflet.css"),
    ),
    (
        "/vendor/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/vendor/topojson-client.min.js"),
    ),
    (
        "/vendor/countries-50m.json",
        "application/json",
        include_bytes!("../../../web/vendor/countries-50m.json"),
    ),
    (
        "/vendor/uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/vendor/uPlot.iife.min.js"),
    ),
    (
        "/vendor/uPlot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../web/vendor/uPlot.min.css"),
    ),
    (
        "/vendor/LICENSE.leaflet",
        "text/plain; charset=utf-8",
        include_bytes!("../../../web/vendor/LICENSE.leaflet"),
    ),
    (
        "/vendor/LICENSE.topojson-client",
        "text/plain; charset=utf-8",
        include_bytes!("../../../web/vendor/LICENSE.topojson-client"),
    ),
    (
        "/vendor/LICENSE.world-atlas",
        "text/plain; charset=utf-8",
        include_bytes!("../../../web/vendor/LICENSE.world-atlas"),
    ),
    (
        "/vendor/LICENSE.uplot",
        "text/plain; charset=utf-8",
        include_bytes!("../../../web/vendor/LICENSE.uplot"),
    ),
];

/// The asset served at `path`, if any.
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    let path = if path == "/index.html" { "/" } else { path };
    ASSETS
        .iter()
        .find(|(p, ..)| *p == path)
        .map(|(_, t, b)| (*t, *b))
}
