// End-to-end test of the newsline page in headless Debian chromium, driven by playwright-core.
//
//   node tests/service/e2e/run.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL is a running `newsline serve` over the test corpus (tests/service/test_service_e2e.py starts one on a
// free loopback port); the corpus holds the Delia Marchetti articles of examples/corpus, one article whose
// text is HTML/script, and an entity whose name is HTML.  Screenshots go to SCREENSHOT_DIR.
// Prints one JSON line per check; exits 1 at the first failure (with the reason on stderr).
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node run.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const ARTICLE = `Two weeks after the couple announced on Instagram that they had lost the baby on Sept. 30, \
the singer dedicated a song to his wife on Wednesday, Oct. 14. Hours later, he wrote a message.

"We promised each other this on our wedding day seven years ago," he wrote.`;

function check(name, ok, detail) {
  console.log(JSON.stringify({ check: name, ok: Boolean(ok), detail: detail ?? null }));
  if (!ok) throw new Error(`${name} failed${detail !== undefined ? ": " + JSON.stringify(detail) : ""}`);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];
async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push("console error: " + m.text());
  });
  page.setDefaultTimeout(30000);
  return page;
}
const xss = (page) => page.evaluate(() => window.__xss === undefined);

try {
  // ---------------------------------------------------------------- annotate a pasted article
  const page = await newPage({ width: 1280, height: 900 });
  await page.goto(base + "?view=article");
  await page.waitForSelector("body[data-ready='true']");
  await page.fill("#article-text", ARTICLE);
  await page.fill("#article-dct", "2020-10-16");
  await page.focus("#article-dct");
  await page.keyboard.press("Enter"); // Enter in the form submits
  await page.waitForSelector("#article-out mark.timex", { timeout: 60000 });
  const timexes = await page.$$eval("#article-out mark.timex", (ns) => ns.map((n) => n.textContent));
  check("article: time expressions highlighted", timexes.includes("Sept. 30") && timexes.includes("seven years ago"),
    timexes);
  const articleItems = await page.$$("#article-timeline .vis-item");
  check("article: events on the timeline", articleItems.length >= 2, articleItems.length);
  check("article: URL keeps the date", page.url().includes("dct=2020-10-16"), page.url());
  await page.screenshot({ path: join(shots, "article.png"), fullPage: true });
  const articleItem = await page.$("#article-timeline .vis-item.vis-box") || await page.$("#article-timeline .vis-item.vis-range");
  await articleItem.click();
  await page.waitForSelector("#article-detail mark.trigger");
  const articleTrigger = await page.textContent("#article-detail .entry.current mark.trigger, #article-detail mark.trigger");
  check("article: clicking an event shows its sentence with the trigger", articleTrigger.trim().length > 0, articleTrigger);

  // ---------------------------------------------------------------- the celebrity example: main entries, rest behind "show all"
  // examples/celebrity.txt as a reader would paste it (its "date YYYY-MM-DD" header into the date field): at most
  // 8 main entries, each a phrase (not a bare trigger word) under a readable date (not a TIMEX3 value), in time
  // order, and "show all" for the others
  const celebrity = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples", "celebrity.txt"), "utf-8");
  const header = /^date (\d{4}-\d{2}-\d{2})\s+/.exec(celebrity);
  check("celebrity: the example has its date header", header, celebrity.slice(0, 30));
  await page.goto(base + "?view=article");
  await page.waitForSelector("body[data-ready='true']");
  await page.fill("#article-text", celebrity.slice(header[0].length));
  await page.fill("#article-dct", header[1]);
  await page.click("#article-submit");
  await page.waitForSelector("#article-list .event-button", { timeout: 60000 });
  const mainView = () => page.$$eval("#article-list section.day", (sections) => sections.map((s) => ({
    key: s.dataset.key || null,
    date: s.querySelector("h3").textContent,
    titles: [...s.querySelectorAll(".event-button .word")].map((n) => n.textContent),
  })));
  const main = await mainView();
  const mainTitles = main.flatMap((s) => s.titles);
  check("celebrity: at most 8 main entries", mainTitles.length >= 2 && mainTitles.length <= 8, mainTitles);
  check("celebrity: every main entry is a phrase", mainTitles.every((t) => t.trim().split(/\s+/).length >= 2), mainTitles);
  const rawValue = /\d{4}-(\d{2}|W\d|[A-Z]{2})|T(MO|AF|EV|NI)\b/;
  check("celebrity: every main entry has a readable date", main.every((s) => s.key && /\b\d{4}\b/.test(s.date) &&
    !rawValue.test(s.date)), main.map((s) => s.date));
  const starts = main.map((s) => s.key.replace(/^d:/, "").replace(/^i:(?:[a-z-]+:)?/, "").split("/")[0]);
  check("celebrity: main entries in time order", starts.every((d, i) => i === 0 || starts[i - 1] <= d), starts);
  const showAll = await page.$("#article-panel button.show-all");
  const total = Number(((await showAll.textContent()).match(/\d+/) || ["0"])[0]);
  check("celebrity: the rest behind \"show all\"", await showAll.isVisible() && total > mainTitles.length,
    await showAll.textContent());
  await showAll.click();
  const every = await page.$$("#article-list .event-button");
  check("celebrity: \"show all\" lists every entry", every.length === total, { shown: every.length, total });
  await showAll.click();
  check("celebrity: and back to the main entries", (await page.$$("#article-list .event-button")).length === mainTitles.length);
  await page.screenshot({ path: join(shots, "celebrity.png"), fullPage: true });

  // ---------------------------------------------------------------- entity timeline via suggestions
  await page.goto(base + "?view=entity");
  await page.waitForSelector("body[data-ready='true']");
  await page.waitForSelector("#popular .chip");
  await page.click("#entity-input");
  await page.keyboard.type("Marche", { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("#entity-suggestions option").length > 0);
  const options = await page.$$eval("#entity-suggestions option", (ns) => ns.map((n) => n.value));
  check("entity: suggestions while typing", options.includes("Delia Marchetti"), options);
  await page.fill("#entity-input", "Delia Marchetti");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#entity-timeline .vis-item");
  const status = await page.textContent("#entity-status");
  check("entity: timeline loaded", /Delia Marchetti .*\d+ events? in \d+ articles?/.test(status), status);
  const entityItems = await page.$$("#entity-timeline .vis-item");
  check("entity: events on the timeline", entityItems.length >= 3, entityItems.length);
  const days = await page.$$eval("#entity-list .day h3", (ns) => ns.map((n) => n.textContent));
  check("entity: events grouped by day in the list", days.length >= 3, days.slice(0, 5));
  await page.screenshot({ path: join(shots, "entity.png") });

  // zoom and pan with the toolbar (keyboard users) and the wheel
  const span = () => {
    const win = new URL(page.url()).searchParams.get("win");
    if (!win) return null;
    const [a, b] = win.split("..").map((x) => Date.parse(x + "Z"));
    return b - a;
  };
  await page.click("#entity-panel .tools button[data-act='in']");
  await page.waitForTimeout(900);
  const span1 = span();
  await page.click("#entity-panel .tools button[data-act='in']");
  await page.waitForTimeout(900);
  const span2 = span();
  check("entity: zoom narrows the window, kept in the URL", span1 && span2 && span2 < span1, { span1, span2 });
  await page.click("#entity-panel .tools button[data-act='earlier']");
  await page.waitForTimeout(900);
  check("entity: pan keeps the zoom", Math.abs(span() - span2) < 5000, { span: span(), span2 });
  await page.click("#entity-panel .tools button[data-act='fit']");
  await page.waitForTimeout(700);

  // click an event on the timeline: the sentence with the trigger (and a time expression), a link to the document
  const clickable = await page.$("#entity-timeline .vis-item.vis-box.dated") || await page.$("#entity-timeline .vis-item.vis-box")
    || await page.$("#entity-timeline .vis-item.vis-range");
  await clickable.click();
  await page.waitForSelector("#entity-detail mark.trigger");
  const detail = await page.evaluate(() => {
    const card = document.querySelector("#entity-detail .entry");
    return {
      word: card.querySelector("h3 .word").textContent,
      trigger: card.querySelector("mark.trigger").textContent,
      timex: [...card.querySelectorAll("mark.timex")].map((n) => n.textContent),
      link: card.querySelector("a.doc-link") && card.querySelector("a.doc-link").getAttribute("href"),
    };
  });
  // the card's heading is the event's phrase ("Marchetti won the Democratic nomination"), which holds its trigger
  check("entity: the clicked event's trigger is highlighted in its sentence",
    detail.word.toLowerCase().includes(detail.trigger.toLowerCase()), detail);
  check("entity: the source links to its document", detail.link && detail.link.includes("view=doc"), detail.link);
  const url = page.url();
  check("entity: the view state is in the URL", url.includes("entity=Delia+Marchetti") && url.includes("sel="), url);
  await page.screenshot({ path: join(shots, "event.png") });

  // an event whose sentence holds a time expression: highlighted too
  const withTimex = await page.evaluate(() => {
    for (const b of document.querySelectorAll("#entity-list .event-button")) {
      b.click();
      const card = document.querySelector("#entity-detail .entry.current") || document.querySelector("#entity-detail .entry");
      if (card && card.querySelector("mark.timex") && card.querySelector("mark.trigger")) {
        return { trigger: card.querySelector("mark.trigger").textContent, timex: card.querySelector("mark.timex").textContent,
                 sentence: card.querySelector("blockquote").textContent };
      }
    }
    return null;
  });
  check("entity: a sentence shows its time expression and trigger highlighted", withTimex !== null, withTimex);
  await page.screenshot({ path: join(shots, "event-timex.png") });

  // the shared URL restores the same view in a fresh page
  const shared = page.url();
  const second = await newPage({ width: 1280, height: 900 });
  await second.goto(shared);
  await second.waitForSelector("#entity-detail mark.trigger");
  const restored = await second.textContent("#entity-detail .entry.current mark.trigger, #entity-detail mark.trigger");
  check("entity: a shared URL restores the selection", restored.trim() === withTimex.trigger.trim(),
    { restored, expected: withTimex.trigger });

  // the document link: the article with the event highlighted
  await second.click("#entity-detail .entry.current a.doc-link, #entity-detail a.doc-link");
  await second.waitForSelector("#doc-text mark.trigger");
  const docHeading = await second.textContent("#doc-heading");
  check("document: opened from the event with the event highlighted", docHeading.length > 0, docHeading);
  await second.screenshot({ path: join(shots, "document.png"), fullPage: true });
  await second.goBack();
  await second.waitForSelector("#entity-view:not([hidden])");

  // ---------------------------------------------------------------- date-range filter
  const allCount = await page.$$eval("#entity-list .event-button", (ns) => ns.length);
  await page.fill("#from-input", "2019-01-01");
  await page.fill("#to-input", "2020-12-31");
  await page.click("#entity-submit");
  await page.waitForFunction(() => /from 2019-01-01 to 2020-12-31/.test(document.querySelector("#entity-status").textContent));
  const rangeCount = await page.$$eval("#entity-list .event-button", (ns) => ns.length);
  check("entity: the date range narrows the timeline", rangeCount > 0 && rangeCount < allCount, { allCount, rangeCount });
  check("entity: the date range is in the URL", page.url().includes("from=2019-01-01") && page.url().includes("to=2020-12-31"),
    page.url());

  // ---------------------------------------------------------------- keyboard
  await page.goto(base + "?view=entity");
  await page.waitForSelector("body[data-ready='true']");
  await page.focus("#entity-input");
  const order = [];
  for (let i = 0; i < 12; i++) { // a date input takes one Tab per part (month, day, year)
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => document.activeElement.id || document.activeElement.className);
    if (order[order.length - 1] !== id) order.push(id);
  }
  check("keyboard: focus order entity, from, to, submit, clear",
    order.slice(0, 4).join(",") === "from-input,to-input,entity-submit,range-clear", order);
  await page.focus("#entity-input");
  await page.keyboard.type("Delia Marchetti");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#entity-list .event-button");
  await page.focus("#entity-list .event-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#entity-detail mark.trigger");
  const focused = await page.evaluate(() => document.activeElement.id);
  check("keyboard: Enter on an event shows it and moves focus to it", focused === "entity-detail-heading", focused);
  const unlabeled = await page.evaluate(() => [...document.querySelectorAll("input, textarea, button")]
    .filter((n) => !n.closest("[hidden]") && !(n.labels && n.labels.length) && !n.getAttribute("aria-label") && !n.textContent.trim())
    .map((n) => n.outerHTML.slice(0, 80)));
  check("keyboard: every control has a label", unlabeled.length === 0, unlabeled);

  // ---------------------------------------------------------------- hostile data is shown as text
  await page.goto(base + "?view=entity");
  await page.waitForSelector("body[data-ready='true']");
  await page.click("#entity-input");
  await page.keyboard.type("<img", { delay: 20 });
  await page.waitForFunction(() => [...document.querySelectorAll("#entity-suggestions option")].some((o) => o.value.includes("<img")));
  await page.fill("#entity-input", "<img src=x onerror=window.__xss=1>Evil Corp");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#entity-list .event-button, #entity-status.error");
  const evilStatus = await page.textContent("#entity-status");
  check("escaping: an HTML entity name is shown as text", evilStatus.includes("<img src=x onerror=window.__xss=1>Evil Corp"),
    evilStatus);
  check("escaping: no element made from the name", (await page.$$("#entity-status img, #popular img, #entity-list img")).length === 0);
  const evilDoc = await page.evaluate(async () => {
    const r = await fetch("/v1/search?q=onerror");
    return (await r.json()).items.map((i) => i.id);
  });
  check("escaping: the hostile article is stored", evilDoc.length === 1, evilDoc);
  await page.goto(base + "?" + new URLSearchParams({ view: "doc", id: evilDoc[0] }).toString());
  await page.waitForSelector("#doc-text mark.timex");
  const docText = await page.textContent("#doc-text");
  check("escaping: document text with <script> and <img> is shown as text",
    docText.includes("<script>window.__xss=1</script>") && docText.includes("<img src=x onerror="), docText.slice(0, 160));
  check("escaping: no element made from the text", (await page.$$("#doc-text img, #doc-text script")).length === 0);
  await page.screenshot({ path: join(shots, "escaped.png"), fullPage: true });
  check("escaping: no script from the data ran", await xss(page));
  const expected404 = problems.length; // the unknown id below is answered 404, as it should be
  await page.goto(base + "?view=doc&id=" + encodeURIComponent("../../../../etc/passwd"));
  await page.waitForSelector("#doc-status.error");
  const notFound = await page.textContent("#doc-status");
  check("documents: a path as id is just an unknown id", /no document with this id/.test(notFound), notFound);
  problems.splice(expected404);

  // ---------------------------------------------------------------- story: the summary of a topic
  await page.goto(base + "?view=story");
  await page.waitForSelector("body[data-ready='true']");
  await page.fill("#story-q", "Marchetti");
  await page.fill("#story-dates", "5");
  await page.click("#story-submit");
  await page.waitForSelector("#story-list li.story-day");
  const storyDays = await page.$$eval("#story-list li.story-day", (ns) => ns.map((n) => n.dataset.day));
  check("story: at most 5 key dates, ascending", storyDays.length >= 1 && storyDays.length <= 5 &&
    storyDays.every((d, i) => i === 0 || storyDays[i - 1] < d), storyDays);
  const storyItems = await page.$$("#story-timeline .vis-item.vis-box");
  check("story: the dates on the timeline", storyItems.length === storyDays.length, storyItems.length);
  // the window fits the story's dates at once (not vis-timeline's default, the current year, animating to them)
  const storyFit = await page.evaluate(() => {
    const box = document.querySelector("#story-timeline .vis-panel.vis-center").getBoundingClientRect();
    const dates = [...document.querySelectorAll("#story-timeline .vis-item.vis-dot")].map((n) => n.getBoundingClientRect());
    const inside = dates.every((r) => r.left >= box.left - 1 && r.right <= box.right + 1);
    const spread = dates.length > 1 ? Math.max(...dates.map((r) => r.left)) - Math.min(...dates.map((r) => r.left)) : 0;
    return { inside, spread, width: box.width };
  });
  check("story: the timeline opens on the story's dates", storyFit.inside &&
    (storyDays.length < 2 || storyFit.spread > storyFit.width / 3), storyFit);
  const storyLinks = await page.$$eval("#story-list a.doc-link", (ns) => ns.map((n) => n.getAttribute("href")));
  check("story: every sentence links to its article", storyLinks.length >= 1 && storyLinks.every((h) => h.includes("view=doc")),
    storyLinks.slice(0, 3));
  check("story: the query is in the URL", page.url().includes("view=story") && page.url().includes("q=Marchetti"), page.url());
  await page.screenshot({ path: join(shots, "story.png"), fullPage: true });
  await page.click("#story-list a.doc-link");
  await page.waitForSelector("#doc-text mark.timex");
  check("story: a sentence opens its article", (await page.textContent("#doc-heading")).length > 0);
  // an entity's story from the entity view's key (new-user trial W got an empty form)
  await page.goto(base + "?" + new URLSearchParams({ view: "story", entity: "Delia Marchetti" }).toString());
  await page.waitForSelector("#story-list li.story-day");
  check("story: ?entity= is the entity's story", (await page.isChecked("#story-entity")) &&
    (await page.inputValue("#story-q")) === "Delia Marchetti");
  await page.goto(base + "?" + new URLSearchParams({ view: "story", q: "<img src=x onerror=window.__xss=1>" }).toString());
  await page.waitForSelector("#story-status:not(.busy)");
  await page.waitForFunction(() => !/Summarizing/.test(document.querySelector("#story-status").textContent));
  check("story: a hostile query is shown as text", (await page.inputValue("#story-q")).includes("<img") &&
    (await page.$$("#story-view img")).length === 0);
  check("story: no script from the data ran", await xss(page));

  // ---------------------------------------------------------------- phone width
  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(shared);
  await phone.waitForSelector("#entity-detail mark.trigger");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("phone: no horizontal scrolling at 390 px", overflow <= 1, overflow);
  await phone.screenshot({ path: join(shots, "phone-entity.png"), fullPage: true });
  await phone.goto(base + "?view=article");
  await phone.waitForSelector("body[data-ready='true']");
  await phone.fill("#article-text", ARTICLE);
  await phone.fill("#article-dct", "2020-10-16");
  await phone.click("#article-submit");
  await phone.waitForSelector("#article-out mark.timex", { timeout: 60000 });
  const overflow2 = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("phone: the annotated article fits at 390 px", overflow2 <= 1, overflow2);
  await phone.screenshot({ path: join(shots, "phone-article.png"), fullPage: true });

  check("no script errors or CSP violations in the page", problems.length === 0, problems);
  console.log(JSON.stringify({ done: true, screenshots: shots }));
} catch (error) {
  console.error(String(error && error.stack || error));
  if (problems.length) console.error("page problems: " + JSON.stringify(problems));
  await browser.close();
  process.exit(1);
}
await browser.close();
