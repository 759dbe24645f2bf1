#!/usr/bin/env bash
# Re-vendors the web UI's front-end libraries from npm into web/vendor/,
# with their licence files. Run at development time only: the cargo build
# embeds the committed files and never needs npm or the network.
#
#   leaflet 1.9.4 (BSD-2-Clause), topojson-client 3.1.0 (ISC),
#   world-atlas 2.0.2 (ISC; Natural Earth data, public domain),
#   uplot 1.6.32 (MIT)
set -euo pipefail
cd "$(dirname "$0")/.."
out=web/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
pack() { # name@version -> unpacked dir
  local spec=$1 dir="$tmp/${1//[@\/]/_}"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
  echo "$dir/package"
}
p=$(pack leaflet@1.9.4)
cp "$p/dist/leaflet.js" "$p/dist/leaflet.css" "$out/"
cp "$p/LICENSE" "$out/LICENSE.leaflet"
p=$(pack topojson-client@3.1.0)
cp "$p/dist/topojson-client.min.js" "$out/"
cp "$p/LICENSE" "$out/LICENSE.topojson-client"
p=$(pack world-atlas@2.0.2)
cp "$p/countries-50m.json" "$out/"
cp "$p/LICENSE" "$out/LICENSE.world-atlas"
p=$(pack uplot@1.6.32)
cp "$p/dist/uPlot.iife.min.js" "$p/dist/uPlot.min.css" "$out/"
cp "$p/LICENSE" "$out/LICENSE.uplot"
cat > "$out/README.md" <<'MD'
# Vendored front-end libraries

Copied from npm by `scripts/vendor-web.sh` (`npm pack`); embedded into the
`sitrep` binary by `sitrep-server`. Licences are next to the files.

| File | Package | Licence |
|---|---|---|
| leaflet.js, leaflet.css | leaflet 1.9.4 | BSD-2-Clause (LICENSE.leaflet) |
| topojson-client.min.js | topojson-client 3.1.0 | ISC (LICENSE.topojson-client) |
| countries-50m.json | world-atlas 2.0.2 | ISC (LICENSE.world-atlas); data: Natural Earth, public domain |
| uPlot.iife.min.js, uPlot.min.css | uplot 1.6.32 | MIT (LICENSE.uplot) |
MD
ls -la "$out"
