// sitrep web UI: talks to the JSON API of the same server (no other
// network). Filters -> /api/stats (timeline) + /api/events (map, list);
// clicking an event loads /api/events/{id} and highlights the sentence.
"use strict";

// The 16 PLOVER types (scripts/check_data.py checks them against data/events/categories.tsv).
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const PAGE = 200;
const $ = (id) => document.getElementById(id);

const state = { next: null, events: [], selected: null, plot: null, loadSeq: 0 };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function status(text, isError) {
  const s = $("status");
  s.textContent = text || "";
  s.classList.toggle("error", !!isError);
  s.classList.toggle("spinner", !isError && /…$/.test(text || ""));
}

function filters() {
  const p = new URLSearchParams();
  const v = (id) => $(id).value.trim();
  if (v("f-category")) p.set("category", v("f-category"));
  if (v("f-country")) p.set("country", v("f-country").toUpperCase());
  if (v("f-from")) p.set("from", v("f-from"));
  if (v("f-to")) p.set("to", v("f-to"));
  if (v("f-q")) p.set("q", v("f-q"));
  return p;
}

// ---------------------------------------------------------------- access
// A server may keep its data private (`sitrep serve --private` or
// SITREP_READ_TOKEN): the API then answers 401 until the request carries a
// bearer token. The page asks for it once, keeps it for this tab only
// (sessionStorage: gone when the tab closes) and sends it with every API
// request; a refused token is dropped and asked for again.
const TOKEN_KEY = "sitrep.token";

function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (_) { return ""; }
}

function authHeaders(headers) {
  const h = Object.assign({}, headers);
  const t = storedToken();
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

let tokenPrompt = null;

// Shows the token form (once, however many requests are waiting) and
// resolves when the person has entered a token.
function askForToken(message) {
  if (tokenPrompt) return tokenPrompt;
  tokenPrompt = new Promise((resolve) => {
    const input = el("input", { id: "token-input", type: "password", autocomplete: "current-password",
      size: "32", "aria-label": "Access token", required: "" });
    const form = el("form", { id: "token-form",
      style: "margin:0.5em 0;padding:0.6em 0.8em;border:1px solid #c0392b;background:#fff6f4;color:#222;display:flex;gap:0.5em;align-items:center;flex-wrap:wrap" },
      el("strong", { id: "token-message", role: "alert" }, message),
      el("label", {}, "Token ", input),
      el("button", { type: "submit", id: "token-submit" }, "Open"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const t = input.value.trim();
      if (!t) return;
      try { sessionStorage.setItem(TOKEN_KEY, t); } catch (_) { /* private mode: sent this session only */ }
      form.remove();
      tokenPrompt = null;
      resolve();
    });
    document.querySelector("header").append(form);
    input.focus();
  });
  return tokenPrompt;
}

async function api(path) {
  for (;;) {
    const used = storedToken();
    const r = await fetch(path, { headers: authHeaders({ Accept: "application/json" }) });
    let body = null;
    try { body = await r.json(); } catch (_) { /* not JSON */ }
    if (r.status === 401) {
      // A token entered while this request was under way: try it.
      if (storedToken() !== used) continue;
      const refused = used !== "";
      try { sessionStorage.removeItem(TOKEN_KEY); } catch (_) { /* nothing stored */ }
      await askForToken(refused
        ? "That token was refused by the server (wrong or expired). Enter the access token again:"
        : "This server's events are private. Enter the access token to see them:");
      continue;
    }
    if (!r.ok) throw new Error((body && body.message) || `HTTP ${r.status}`);
    return body;
  }
}

// Plain links to the API (exports, JSON views) cannot send a header: when
// a token is in use they are fetched with it and saved from memory.
document.addEventListener("click", async (ev) => {
  const a = ev.target.closest && ev.target.closest("a[href^='/api/']");
  if (!a || !storedToken()) return;
  ev.preventDefault();
  try {
    const r = await fetch(a.getAttribute("href"), { headers: authHeaders({}) });
    if (r.status === 401) {
      try { sessionStorage.removeItem(TOKEN_KEY); } catch (_) { /* nothing stored */ }
      status("The access token was refused; reload the page to enter it again.", true);
      return;
    }
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const url = URL.createObjectURL(await r.blob());
    const name = (/filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") || "") || [])[1] || "sitrep.json";
    const save = el("a", { href: url, download: name });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) {
    status(`Download failed: ${err.message}`, true);
  }
});

// ---------------------------------------------------------------- map
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: false })
  .setView([25, 10], 2);
const markers = L.layerGroup().addTo(map);

async function loadCountries() {
  try {
    const r = await fetch("/vendor/countries-50m.json");
    const topo = await r.json();
    const shapes = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(shapes, {
      style: { color: "#8a99aa", weight: 0.6, fillColor: "#fbfbf8", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    markers.eachLayer((m) => m.bringToFront());
  } catch (e) {
    status(`Country shapes failed to load: ${e.message}`, true);
  }
}

function category_class(c) {
  if (["ASSAULT", "COERCE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "REJECT", "ACCUSE"].includes(c)) return "hostile";
  if (["COOPERATE", "AID", "AGREE", "SUPPORT", "CONCEDE", "RETREAT"].includes(c)) return "coop";
  return "";
}

function drawMarkers(events) {
  markers.clearLayers();
  const byPlace = new Map();
  for (const e of events) {
    const l = e.location;
    if (!l || l.lat == null || l.lon == null) continue;
    const key = `${l.lat.toFixed(3)},${l.lon.toFixed(3)}`;
    if (!byPlace.has(key)) byPlace.set(key, { lat: l.lat, lon: l.lon, place: l.place || l.code, events: [] });
    byPlace.get(key).events.push(e);
  }
  for (const g of byPlace.values()) {
    const n = g.events.length;
    const m = L.circleMarker([g.lat, g.lon], {
      radius: Math.min(6 + Math.sqrt(n) * 3, 30), color: "#b3261e", weight: 1,
      fillColor: "#e4572e", fillOpacity: 0.6, className: "event-marker",
    });
    m.bindTooltip(`${g.place}: ${n} event${n === 1 ? "" : "s"}`);
    m.on("click", () => showEvent(g.events[0].event_id));
    markers.addLayer(m);
  }
  return byPlace.size;
}

// ------------------------------------------------------------ timeline
function drawTimeline(stats) {
  const perDay = new Map();
  for (const r of stats.stats) {
    if (!r.day) continue;
    perDay.set(r.day, (perDay.get(r.day) || 0) + r.count);
  }
  const days = [...perDay.keys()].sort();
  const box = $("timeline");
  box.textContent = "";
  if (state.plot) { state.plot.destroy(); state.plot = null; }
  const summary = $("timeline-summary");
  summary.dataset.total = String(stats.total);
  summary.dataset.days = String(days.length);
  if (days.length === 0) {
    summary.textContent = "Timeline: no dated events.";
    return;
  }
  const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const ys = days.map((d) => perDay.get(d));
  const peak = Math.max(...ys);
  summary.textContent = `Timeline: ${stats.total} events on ${days.length} days (${days[0]} – ${days[days.length - 1]}), peak ${peak}/day`;
  const width = Math.max(box.clientWidth, 300);
  state.plot = new uPlot({
    width, height: 150,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(max, 1)] } },
    legend: { show: false },
    series: [{}, {
      label: "events", stroke: "#2e7bd1", fill: "rgba(46,123,209,0.35)",
      paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false },
    }],
    axes: [{}, { size: 40 }],
  }, [xs, ys], box);
}

// ---------------------------------------------------------------- list
function actorText(a) { return a ? `${a.text} (${a.code})` : "—"; }

function renderList(append) {
  const ol = $("events");
  if (!append) ol.textContent = "";
  const start = append ? ol.children.length : 0;
  for (const e of state.events.slice(start)) {
    const li = el("li", { "data-id": e.event_id, onclick: () => showEvent(e.event_id) },
      el("div", {}, el("span", { class: `cat ${category_class(e.category)}` }, e.category),
        `${actorText(e.source)} → ${actorText(e.target)}`),
      el("div", { class: "meta" }, `${e.date || "undated"} · ${(e.location && (e.location.place || e.location.code)) || "no place"} · ${e.doc_id}`));
    ol.append(li);
  }
  $("more").hidden = !state.next;
  $("empty").hidden = state.events.length > 0;
}

async function load() {
  const seq = ++state.loadSeq;
  const p = filters();
  for (const f of ["csv", "jsonl", "geojson"]) {
    const x = new URLSearchParams(p); x.set("format", f);
    $(`x-${f}`).href = `/api/export?${x}`;
  }
  status("Loading events…");
  $("empty").hidden = true;
  try {
    const ev = new URLSearchParams(p); ev.set("limit", String(PAGE));
    const [stats, page] = await Promise.all([api(`/api/stats?${p}`), api(`/api/events?${ev}`)]);
    if (seq !== state.loadSeq) return; // a newer load started
    state.events = page.events;
    state.next = page.next;
    $("count").textContent = `${page.total} event${page.total === 1 ? "" : "s"}` +
      (page.total > page.events.length ? ` (showing ${page.events.length})` : "");
    renderList(false);
    const places = drawMarkers(state.events);
    drawTimeline(stats);
    status(page.total === 0 ? "No events match these filters." : `${page.total} events, ${places} places on the map`);
  } catch (e) {
    if (seq !== state.loadSeq) return;
    status(`Could not load events: ${e.message}`, true);
  }
}

async function loadMore() {
  if (!state.next) return;
  const p = filters(); p.set("limit", String(PAGE)); p.set("cursor", state.next);
  status("Loading more…");
  try {
    const page = await api(`/api/events?${p}`);
    state.events = state.events.concat(page.events);
    state.next = page.next;
    renderList(true);
    drawMarkers(state.events);
    status(`${page.total} events`);
  } catch (e) {
    status(`Could not load more: ${e.message}`, true);
  }
}

// -------------------------------------------------------------- detail
// Splits `text` (code points from offset `base`) into runs marked with the
// highlight kinds covering them.
function highlighted(text, base, highlights) {
  const chars = Array.from(text);
  const kinds = chars.map(() => []);
  for (const h of highlights) {
    for (let i = Math.max(h.start - base, 0); i < Math.min(h.end - base, chars.length); i++) kinds[i].push(h.kind);
  }
  const frag = document.createDocumentFragment();
  let i = 0;
  while (i < chars.length) {
    const key = kinds[i].join(" ");
    let j = i;
    while (j < chars.length && kinds[j].join(" ") === key) j++;
    const s = chars.slice(i, j).join("");
    if (key) {
      const span = el("span", { class: kinds[i].map((k) => `hl-${k}`).join(" "), "data-kinds": key }, s);
      frag.append(span);
    } else frag.append(s);
    i = j;
  }
  return frag;
}

function openPanel(...content) {
  const body = $("detail-body");
  body.textContent = "";
  body.append(...content);
  $("detail").hidden = false;
}

async function showEvent(id) {
  state.selected = id;
  for (const li of $("events").children) li.classList.toggle("selected", li.dataset.id === id);
  openPanel(el("p", { class: "spinner" }, "Loading event…"));
  try {
    const d = await api(`/api/events/${encodeURIComponent(id)}`);
    if (state.selected !== id) return;
    const e = d.event;
    const row = (k, v) => el("tr", {}, el("th", {}, k), el("td", {}, v == null || v === "" ? "—" : String(v)));
    const loc = e.location;
    const story = el("section", { class: "story", id: "event-story" });
    openPanel(
      el("h2", {}, el("span", { class: `cat ${category_class(e.category)}` }, e.category), e.trigger.text),
      el("div", { class: "legend" },
        el("span", { class: "hl-source" }, "actor"), el("span", { class: "hl-target" }, "target"),
        el("span", { class: "hl-trigger" }, "trigger"), el("span", { class: "hl-date" }, "date"),
        el("span", { class: "hl-location" }, "place"), el("span", { class: "hl-sentence" }, "sentence")),
      el("div", { class: "excerpt", id: "excerpt" }, d.excerpt_start > 0 ? "…" : "",
        highlighted(d.excerpt, d.excerpt_start, d.highlights), "…"),
      el("table", { class: "fields" },
        row("Actor", actorText(e.source)), row("Target", actorText(e.target)),
        row("Date", e.date ? `${e.date}${e.date_end ? " – " + e.date_end : ""} (${e.date_precision})` : e.date_precision),
        row("Place", loc ? `${loc.place || ""} ${loc.code} (${loc.how})` : null),
        row("Mode", e.mode), row("Context", e.context.join(", ")), row("CAMEO", e.cameo),
        row("Intensity", e.intensity), row("Rule", e.rule), row("Event id", e.event_id)),
      el("p", {}, "Document: ",
        el("a", { href: `#doc=${encodeURIComponent(e.doc_id)}`, id: "doc-link",
          onclick: (ev) => { ev.preventDefault(); showDocument(e.doc_id, e); } },
          d.document.title || e.doc_id),
        d.document.published ? ` · ${d.document.published}` : "",
        d.document.url ? el("span", {}, " · ", el("a", { href: d.document.url, rel: "noreferrer noopener", target: "_blank" }, "source")) : ""),
      story,
    );
    loadStory(e, story);
  } catch (err) {
    openPanel(el("p", { class: "error" }, `Could not load the event: ${err.message}`));
  }
}

// The happening an event is one mention of: GET /api/stories (the
// cross-source merge) over the event's category and country, three days
// either side (the merge joins mentions a day or two apart). Shown only
// when other mentions were merged with it, each linking to its sentence.
const STORY_DAYS = 3;

async function loadStory(e, box) {
  const country = (e.location && e.location.code) || (e.source && e.source.code);
  if (!e.date || !country) return;
  const q = new URLSearchParams({ category: e.category, country,
    from: isoDaysBefore(e.date, STORY_DAYS), to: isoDaysBefore(e.date_end || e.date, -STORY_DAYS) });
  let r;
  try { r = await api(`/api/stories?${q}`); } catch (_) { return; } // the event view stands without it
  if (state.selected !== e.event_id) return;
  const s = r.stories.find((x) => x.members.includes(e.event_id));
  if (!s || s.mentions < 2) return;
  box.append(
    el("h3", {}, `One happening: ${s.mentions} mentions in ${s.sources.length} ${s.sources.length === 1 ? "report" : "reports"}`),
    el("ul", { class: "story-mentions" }, ...s.links.map((l) => el("li", { "data-id": l.event_id, "data-doc": l.doc_id },
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showEvent(l.event_id); } }, l.doc_id),
      l.event_id === e.event_id ? " (this mention)" : ""))),
    el("p", { class: "story-why" }, s.why.join(" ")));
}

async function showDocument(docId, event) {
  openPanel(el("p", { class: "spinner" }, "Loading document…"));
  try {
    const d = await api(`/api/documents/${encodeURIComponent(docId)}`);
    const hl = [];
    for (const e of d.events) hl.push({ kind: e.event_id === (event && event.event_id) ? "trigger" : "sentence", start: e.span[0], end: e.span[1] });
    openPanel(
      el("h2", {}, d.title || d.id),
      el("p", {}, `${d.published || "no date"} · ${d.source || ""} · version ${d.version} of ${d.versions.length} · ${d.events.length} events`),
      event ? el("p", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showEvent(event.event_id); } }, "← back to the event")) : "",
      el("div", { class: "doc-text" }, highlighted(d.text, 0, hl)),
      el("h3", {}, "Versions"),
      el("ol", {}, ...d.versions.map((v) => el("li", { title: v.why || "" },
        `v${v.version}${v.current ? " (current)" : ""}: ${v.published || "no date"} · as ${v.arrived_as || d.id} · ${v.ingested_at} · ${v.event_count} events · ${v.content_hash.slice(0, 12)}`))),
      (d.duplicates || []).length ? el("h3", {}, "Near-duplicates") : "",
      (d.duplicates || []).length ? el("ul", { class: "duplicates" }, ...d.duplicates.map((x) => el("li", { title: x.reason },
        el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showDocument(x.id); } }, x.title || x.id),
        ` · ${x.source || "unknown source"} · ${Math.round(x.similarity * 100)}% of word 5-shingles shared`))) : "",
      el("p", {}, el("a", { href: `/api/documents/${encodeURIComponent(d.id)}` }, "JSON")),
    );
  } catch (err) {
    openPanel(el("p", { class: "error" }, `Could not load the document: ${err.message}`));
  }
}

// -------------------------------------------------------------- alerts
// The alerts panel: GET /api/alerts (computed over all stored events,
// independent of the filters). Clicking an alert narrows the map, timeline
// and list to its country, category and days, and opens the alert with its
// events in the side panel.
const ALERT_LIMIT = 100;
// Days before the alert's date that its events can lie in (surge windows
// reach 7 days, escalation chains 14).
const ALERT_SPAN_DAYS = { "surge": 6, "first-of-kind": 0, "escalation": 13 };
const alertState = { alerts: [], selected: null };

function isoDaysBefore(day, n) {
  const t = Date.parse(`${day}T00:00:00Z`) - n * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

// First-of-kind signals come from data/alerts/signals.tsv (coup,
// state-of-emergency, curfew, foreign-troops, mass-arrests, mass-killings,
// expelled-diplomats, internet-shutdown...): shown as words.
function signalLabel(signal) {
  return signal ? signal.replace(/-/g, " ") : "";
}

function alertTitle(a) {
  const who = a.actors ? `${a.actors[0]} → ${a.actors[1]}` : a.country;
  return a.signal ? `${who} · ${signalLabel(a.signal)} (${a.category})` : `${who} · ${a.category}`;
}

function renderAlerts() {
  const ol = $("alerts");
  ol.textContent = "";
  for (const a of alertState.alerts) {
    const n = a.events.length;
    ol.append(el("li", { "data-id": a.id, "data-kind": a.kind, "data-signal": a.signal || "",
      class: a.id === alertState.selected ? "selected" : "",
      onclick: () => selectAlert(a) },
      el("div", {}, el("span", { class: `kind kind-${a.kind}` }, a.kind), alertTitle(a)),
      el("div", { class: "meta" }, `${a.date} · ${n} event${n === 1 ? "" : "s"} · score ${Number(a.score).toFixed(1)}`),
      el("div", { class: "reason" }, a.reason)));
  }
  $("alerts-empty").hidden = alertState.alerts.length > 0;
}

async function loadAlerts() {
  try {
    const r = await api(`/api/alerts?limit=${ALERT_LIMIT}`);
    alertState.alerts = r.alerts;
    $("alerts-count").textContent = `Alerts: ${r.total}` + (r.total > r.alerts.length ? ` (newest ${r.alerts.length})` : "");
    $("alerts-count").dataset.total = String(r.total);
    renderAlerts();
  } catch (e) {
    $("alerts-count").textContent = "Alerts";
    status(`Could not load alerts: ${e.message}`, true);
  }
}

function selectAlert(a) {
  alertState.selected = a.id;
  for (const li of $("alerts").children) li.classList.toggle("selected", li.dataset.id === a.id);
  $("f-country").value = a.country;
  $("f-from").value = isoDaysBefore(a.date, ALERT_SPAN_DAYS[a.kind] || 0);
  $("f-to").value = a.date;
  // An escalation spans several categories; the others are about one.
  $("f-category").value = a.kind === "escalation" ? "" : a.category;
  $("f-q").value = "";
  load();
  showAlert(a);
}

async function showAlert(a) {
  const list = el("ol", { class: "alert-events", id: "alert-events" });
  openPanel(
    el("h2", {}, el("span", { class: `kind kind-${a.kind}` }, a.kind), alertTitle(a)),
    el("p", {}, `${a.date} · score ${Number(a.score).toFixed(2)} · alert ${a.id}`),
    el("p", { class: "alert-reason" }, a.reason),
    el("h3", {}, `Events behind it (${a.events.length})`),
    list);
  // The first events with their sentences; the rest by id.
  const shown = a.events.slice(0, 20);
  const details = await Promise.all(shown.map((id) => api(`/api/events/${encodeURIComponent(id)}`).catch(() => null)));
  if (alertState.selected !== a.id) return;
  shown.forEach((id, i) => {
    const d = details[i];
    const text = d ? `${d.event.date || ""} ${d.event.category}: ${d.event.sentence}` : id;
    list.append(el("li", { "data-id": id, onclick: () => showEvent(id) }, text));
  });
  for (const id of a.events.slice(20)) list.append(el("li", { "data-id": id, onclick: () => showEvent(id) }, id));
}

// ---------------------------------------------------------- cooperation
// The cooperation indicator: cooperative events (agreements, talks,
// cooperation, aid, support) per country in the last 7 days of the record,
// against the country's daily mean over the 28 days before. Never an alert
// (ministers signing many agreements is not a warning); shown so an analyst
// sees both sides. From /api/stats, all events, independent of the filters.
const COOPERATION = ["AGREE", "CONSULT", "COOPERATE", "AID", "SUPPORT"];
const COOP_SHOWN = 8;

function cooperationRows(stats) {
  const days = stats.filter((r) => r.day && r.country).map((r) => r.day).sort();
  if (!days.length) return [];
  const last = days[days.length - 1];
  const recentFrom = isoDaysBefore(last, 6);
  const baseFrom = isoDaysBefore(last, 34);
  const by = new Map();
  for (const r of stats) {
    if (!r.day || !r.country || r.day < baseFrom) continue;
    const c = by.get(r.country) || { country: r.country, recent: 0, base: 0 };
    if (r.day >= recentFrom) c.recent += r.count; else c.base += r.count;
    by.set(r.country, c);
  }
  return [...by.values()].filter((c) => c.recent > 0)
    .map((c) => ({ ...c, usual: (c.base / 28) * 7 }))
    .sort((a, b) => b.recent - a.recent || a.country.localeCompare(b.country))
    .slice(0, COOP_SHOWN);
}

async function loadCooperation() {
  try {
    const r = await api(`/api/stats?category=${COOPERATION.join(",")}`);
    const rows = cooperationRows(r.stats);
    const ol = $("coop");
    ol.textContent = "";
    for (const c of rows) {
      ol.append(el("li", { "data-country": c.country, title: "Show this country's cooperative events",
        onclick: () => { $("f-country").value = c.country; $("f-category").value = ""; load(); } },
        el("span", {}, c.country),
        el("span", {}, `${c.recent} in 7 days (usually ${c.usual.toFixed(1)})`)));
    }
    $("coop-empty").hidden = rows.length > 0;
  } catch (e) {
    status(`Could not load the cooperation indicator: ${e.message}`, true);
  }
}

// ---------------------------------------------------------------- init
for (const c of PLOVER) $("f-category").append(el("option", { value: c }, c));
$("filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
$("f-category").addEventListener("change", load);
$("reset").addEventListener("click", () => { $("filters").reset(); load(); });
$("more").addEventListener("click", loadMore);
$("close").addEventListener("click", () => { $("detail").hidden = true; state.selected = null; });
window.addEventListener("resize", () => {
  if (state.plot) state.plot.setSize({ width: Math.max($("timeline").clientWidth, 300), height: 150 });
});
$("alerts-refresh").addEventListener("click", () => { loadAlerts(); loadCooperation(); });
// New alerts appear without a reload; the server answers from its cache
// unless the store changed, so polling is cheap.
setInterval(() => { if (!document.hidden) { loadAlerts(); loadCooperation(); } }, 60000);
loadCountries();
load();
loadAlerts();
loadCooperation();
