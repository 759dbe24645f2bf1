// Browser test of the sitrep web UI (headless Debian chromium through
// playwright-core). Needs SITREP_URL (the server, on loopback) and
// optionally CHROMIUM (default /usr/bin/chromium) and SCREENSHOT (path).
// Run over the example corpus (`sitrep demo`, examples/articles). Checks:
// markers on the map, counts on the timeline, the alerts panel (a surge, a
// first-of-kind and an escalation alert, reason, event count), the
// cooperation indicator beside it (never an alert), category filter, event
// view with the sentence highlighted, link to the document, clicking the
// coup alert (filters to its country and day, lists its events), a story
// reported by several articles in the event view, the empty alerts panel,
// and that no request leaves loopback. SCREENSHOT=PATH saves the first view
// there (the README's picture) and the story view beside it (-story.png).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const base = process.env.SITREP_URL;
if (!base) throw new Error("SITREP_URL is not set");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "sitrep-chromium-"));
const step = (m) => console.log(`  ok - ${m}`);

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const outside = [];
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.protocol === "data:") return route.continue();
    outside.push(u.href);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

  await page.goto(base, { waitUntil: "domcontentloaded" });
  await page.locator("path.event-marker").first().waitFor({ timeout: 20000 });
  const markers = await page.locator("path.event-marker").count();
  assert.ok(markers > 10, `markers on the map (${markers})`);
  step(`${markers} markers on the map`);

  await page.waitForFunction(() => Number(document.getElementById("timeline-summary").dataset.total) > 0, null, { timeout: 20000 });
  const total = Number(await page.locator("#timeline-summary").getAttribute("data-total"));
  const days = Number(await page.locator("#timeline-summary").getAttribute("data-days"));
  assert.ok(days > 20, `many days on the timeline (${days})`);
  assert.equal(await page.locator("#timeline canvas").count() > 0, true, "timeline chart drawn");
  step(`timeline shows ${total} events over ${days} days`);
  const countries = await page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count();
  assert.ok(countries > 100, `country shapes drawn (${countries} paths)`);
  step(`country shapes drawn (${countries} paths)`);

  // Alerts panel over the example corpus: every detector has an alert.
  await page.locator("#alerts li").first().waitFor({ timeout: 20000 });
  assert.equal(await page.locator("#alerts-empty").isHidden(), true, "no empty state when alerts exist");
  const kinds = await page.locator("#alerts li .kind").allTextContents();
  for (const k of ["surge", "first-of-kind", "escalation"]) assert.ok(kinds.includes(k), `a ${k} alert: ${kinds}`);
  const coup = page.locator('#alerts li[data-signal="coup"]', { hasText: "TCD" }).first();
  const reason = await coup.locator(".reason").textContent();
  assert.ok(/coup|power/i.test(reason), `reason shown: ${reason}`);
  assert.ok(/\d+ events?\b/.test(await coup.locator(".meta").textContent()), "number of events shown");
  step(`${kinds.length} alerts listed (${[...new Set(kinds)].join(", ")}); "${reason.slice(0, 60)}…"`);

  // The cooperation indicator: its own panel (rows or its empty state),
  // never an alert.
  await page.waitForFunction(() => document.querySelectorAll("#coop li").length > 0
    || !document.getElementById("coop-empty").hidden, null, { timeout: 20000 });
  const coopRows = await page.locator("#coop li").allTextContents();
  assert.ok(coopRows.every((t) => /in 7 days \(usually/.test(t)), `cooperation rows: ${coopRows}`);
  step(`cooperation indicator (not an alert): ${coopRows.length} countries`);
  // The README's screenshot: map, timeline, alerts, cooperation, events.
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });

  await page.selectOption("#f-category", "PROTEST");
  await page.locator("#apply").click();
  await page.waitForFunction((t) => {
    const n = Number(document.getElementById("timeline-summary").dataset.total);
    const cats = [...document.querySelectorAll("#events li .cat")].map((e) => e.textContent);
    return n > 0 && n < t && cats.length > 0 && cats.every((c) => c === "PROTEST");
  }, total, { timeout: 20000 });
  const filtered = Number(await page.locator("#timeline-summary").getAttribute("data-total"));
  step(`category filter: ${filtered} of ${total} events, all PROTEST`);

  await page.locator("#events li").first().click();
  await page.locator("#excerpt .hl-trigger").first().waitFor({ timeout: 20000 });
  const get = async (cls) => (await page.locator(`#excerpt .${cls}`).allTextContents()).join("");
  for (const cls of ["hl-trigger", "hl-sentence"]) assert.ok((await get(cls)).length > 0, `${cls} highlighted`);
  const sentence = await get("hl-sentence");
  assert.ok(sentence.includes(await get("hl-trigger")), `trigger inside the sentence: ${sentence}`);
  step(`event view highlights the sentence: "${sentence.slice(0, 70)}…"`);
  await page.locator("#doc-link").click();
  await page.locator(".doc-text").waitFor({ timeout: 20000 });
  assert.ok((await page.locator(".doc-text").textContent()).includes(sentence), "document shows the sentence");
  step("document link opens the document text");
  await page.locator("#close").click();

  // Clicking the coup alert filters to Chad and its day and lists its
  // events; one of them is a story told by several reports.
  await coup.click();
  await page.waitForFunction(() => document.getElementById("f-country").value === "TCD", null, { timeout: 20000 });
  const day = await page.locator("#f-from").inputValue();
  assert.equal(await page.locator("#f-to").inputValue(), day, "the alert's day");
  await page.locator("#alert-events li").first().waitFor({ timeout: 20000 });
  const behind = await page.locator("#alert-events li").allTextContents();
  step(`clicking the coup alert filters to TCD, ${day} and lists its ${behind.length} event(s)`);
  // Its events, one after the other, until one belongs to a story that
  // several articles reported (the event view shows it).
  let docs = new Set();
  for (let i = 0; i < behind.length && docs.size < 2; i++) {
    if (i > 0) {
      await coup.click();
      await page.locator("#alert-events li").nth(i).waitFor({ timeout: 20000 });
    }
    await page.locator("#alert-events li").nth(i).click();
    await page.locator("#excerpt").waitFor({ timeout: 20000 });
    try {
      await page.locator("#event-story .story-mentions li").first().waitFor({ timeout: 5000 });
    } catch (_) {
      continue; // reported once: no story section
    }
    docs = new Set(await page.locator("#event-story .story-mentions li").evaluateAll((ls) => ls.map((l) => l.dataset.doc)));
  }
  assert.ok(docs.size >= 2, `a story with several sources: ${[...docs]}`);
  step(`the event is one happening reported by ${docs.size} articles: ${[...docs].join(", ")}`);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT.replace(/(\.png)?$/, "-story.png") });

  // Empty state: the same page when the server has no alerts.
  await page.route("**/api/alerts*", (route) => route.fulfill({
    status: 200, contentType: "application/json", body: JSON.stringify({ alerts: [], total: 0 }) }));
  await page.locator("#close").click();
  await page.locator("#alerts-refresh").click();
  await page.locator("#alerts-empty").waitFor({ state: "visible", timeout: 20000 });
  assert.equal((await page.locator("#alerts-empty").textContent()).trim(), "no alerts");
  assert.equal(await page.locator("#alerts li").count(), 0);
  step('no alerts: the panel says "no alerts"');
  assert.deepEqual(outside, [], "no request left loopback");
  assert.deepEqual(errors, [], "no page errors");
  step("no page errors, no request outside loopback");
} catch (e) {
  failed = true;
  console.error(`not ok - ${e.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
