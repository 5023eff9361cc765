// The TimelineJS export in the real TimelineJS (vendored under src/newsline/service/web/vendor/timelinejs/), in
// headless Debian chromium driven by playwright-core.
//
//   node tests/service/e2e/timelinejs.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL is a running `newsline serve` over the test corpus.  Loads GET /v1/timeline?format=timelinejs for
// Delia Marchetti, opens the preview page (which hands that JSON to TL.Timeline), and checks that TimelineJS
// built one slide and one time marker per event, shows the first event's headline and its sources, that a
// month-grain event is shown without a day, that nothing was requested from another host and no error was
// logged.  Prints one JSON line per check; exits 1 at the first failure.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node timelinejs.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok: Boolean(ok), detail: detail ?? null }));
  if (!ok) throw new Error(`${name} failed${detail !== undefined ? ": " + JSON.stringify(detail) : ""}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];
const elsewhere = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push("console error: " + m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const origin = new URL(base).origin;
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });

  const exported = await (await page.request.get(base + "v1/timeline?entity=Delia%20Marchetti&format=timelinejs")).json();
  check("export: events", exported.events.length > 3, exported.events.length);

  await page.goto(base + "static/timelinejs.html?entity=Delia%20Marchetti");
  await page.waitForSelector("body[data-ready='true']");
  await page.waitForSelector(".tl-timeline .tl-timemarker", { state: "attached", timeout: 60000 });
  await page.waitForTimeout(500);
  const markers = await page.$$eval(".tl-timenav .tl-timemarker", (ns) => ns.length);
  check("TimelineJS: a time marker per event", markers === exported.events.length,
    { markers, events: exported.events.length });
  const slides = await page.$$eval(".tl-storyslider .tl-slide", (ns) => ns.length);
  check("TimelineJS: a slide per event and the title slide", slides === exported.events.length + 1,
    { slides, events: exported.events.length });
  const title = await page.$eval(".tl-slide-titleslide .tl-headline", (n) => n.textContent.trim());
  check("TimelineJS: the title slide", title === exported.title.text.headline, title);

  // the first event: its headline, date and source link as TimelineJS shows them
  await page.click(".tl-slidenav-next");
  await page.waitForTimeout(800);
  const first = exported.events[0];
  const shown = await page.$$eval(".tl-slide .tl-headline", (ns) => ns.map((n) => n.textContent.trim()));
  check("TimelineJS: the first event's headline", shown.includes(first.text.headline), { shown, want: first.text.headline });
  const sources = await page.$$eval(".tl-slide .tl-text-content", (ns) => ns.map((n) => n.textContent));
  const named = sources.filter((t) => /Sources?: .+\(\d{4}-\d{2}-\d{2}\)/.test(t));
  check("TimelineJS: each event's sources (article and date) in its slide", named.length === exported.events.length,
    { named: named.length, events: exported.events.length, first: sources[1] });
  check("TimelineJS: hostile text stays text", await page.evaluate(() => window.__xss === undefined));

  // a month-grain event is shown as a month, with no day
  const month = exported.events.findIndex((e) => e.start_date.month !== undefined && e.start_date.day === undefined);
  if (month >= 0) {
    const e = exported.events[month];
    const dates = await page.$$eval(".tl-slide .tl-headline-date", (ns) => ns.map((n) => n.textContent.trim()));
    check("TimelineJS: a month-grain event shows its month, no day", dates.includes(e.display_date) &&
      !/\b\d{1,2} [A-Z][a-z]{2} \d{4}/.test(e.display_date), { want: e.display_date });
    const precision = await page.evaluate((id) => {
      const tl = window.newslineTimeline;
      const ev = tl && tl.config && tl.config.events.find((x) => x.unique_id === id);
      return ev && ev.start_date.findBestFormat ? ev.start_date.findBestFormat() : null;
    }, e.unique_id);
    check("TimelineJS: reads the month-grain date as a month", precision === "month", precision);
  }
  await page.screenshot({ path: join(shots, "timelinejs.png") });

  // the entity view links to the preview and the downloads
  await page.goto(base + "?view=entity&entity=Delia%20Marchetti");
  await page.waitForSelector("#entity-panel:not([hidden])");
  const href = await page.getAttribute("#entity-download-timelinejs", "href");
  check("entity view: the TimelineJS download", href.includes("format=timelinejs") && href.includes("entity="), href);
  const preview = await page.getAttribute("#entity-preview-timelinejs", "href");
  check("entity view: the TimelineJS preview link", preview.startsWith("/static/timelinejs.html?entity="), preview);

  check("nothing requested from another host", elsewhere.length === 0, elsewhere);
  check("no page errors", problems.length === 0, problems);
} catch (error) {
  console.error(String(error && error.stack || error));
  process.exitCode = 1;
} finally {
  await browser.close();
}
