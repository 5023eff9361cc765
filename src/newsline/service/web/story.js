/* newsline page, the Story view (?view=story&q=...&by=entity&from=&to=&dates=&sentences=; &entity=NAME too):
 * GET /v1/summary drawn as key dates on a vis-timeline and as a list, each sentence linked to its
 * article (?view=doc&id=...). app.js routes to window.newslineStory.show(state, helpers).
 *
 * Safety as in app.js: server and URL values reach the DOM only as text (textContent,
 * createTextNode, setAttribute, URLSearchParams); no innerHTML; vis-timeline gets DOM elements.
 */
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const DAY_MS = 86400000;

  // DOM helpers are app.js's own (el, clear), handed over with the others in show().
  const el = (...args) => helpers.el(...args);
  const clear = (node) => helpers.clear(node);

  function setStatus(message, kind) {
    const node = $("story-status");
    node.className = "status" + (kind ? " " + kind : "");
    node.textContent = message || "";
  }

  const dayFormat = new Intl.DateTimeFormat("en-GB", {
    weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
  });
  function dayLabel(day) {
    const d = new Date(day + "T00:00:00Z");
    return isNaN(d) ? day : dayFormat.format(d);
  }
  const fullDay = (value, end) => helpers.fullDay(value, end);

  let helpers = null;
  let controller = null;
  let timeline = null;
  let items = null;
  let lastKey = "";

  function docHref(sentence) {
    return helpers.urlFor({ view: "doc", id: sentence.doc_id, ev: "" });
  }

  function ensureTimeline() {
    if (timeline || typeof vis === "undefined") return;
    items = new vis.DataSet();
    timeline = new vis.Timeline($("story-timeline"), items, {
      stack: true, selectable: true, multiselect: false, showCurrentTime: false,
      orientation: { axis: "top", item: "top" }, minHeight: 200, maxHeight: 420, verticalScroll: true,
      zoomKey: "", horizontalScroll: false, zoomMin: DAY_MS,
    });
    timeline.on("select", (props) => {
      const key = props.items && props.items[0];
      const target = key && document.querySelector('#story-list li[data-day="' + CSS.escape(String(key)) + '"]');
      if (target) {
        target.scrollIntoView({ block: "nearest" });
        target.querySelector("h3").focus();
      }
    });
  }

  // The window that fits the summary's dates (a week's margin at least, so one date is not a point);
  // fit() would animate from vis-timeline's default window, the current year, and a render or a
  // screenshot taken before the animation ends shows that year instead of the story.
  function storyWindow(dates) {
    const times = dates.map((day) => Date.parse(day.date + "T00:00:00Z")).filter((t) => !isNaN(t));
    if (!times.length) return null;
    const lo = Math.min(...times);
    const hi = Math.max(...times) + DAY_MS;
    const pad = Math.max((hi - lo) * 0.1, 7 * DAY_MS);
    return [new Date(lo - pad), new Date(hi + pad)];
  }

  function itemContent(day) {
    const first = day.sentences[0];
    const node = el("div", { class: "item-content" });
    node.append(el("strong", { text: day.date }));
    if (first) {
      const words = first.text.split(/\s+/);
      node.append(el("br"), document.createTextNode(words.slice(0, 10).join(" ") + (words.length > 10 ? "\u2026" : "")));
    }
    return node;
  }

  function render(data) {
    const list = clear($("story-list"));
    $("story-panel").hidden = false;
    if (!data.dates.length) {
      list.append(el("li", { class: "muted", text: "No dates." }));
    }
    for (const day of data.dates) {
      const li = el("li", { "data-day": day.date, class: "story-day" });
      li.append(el("h3", { tabindex: "-1" }, dayLabel(day.date),
        el("span", { class: "meta", text: " \u00b7 " + day.references + (day.references === 1 ? " article refers" : " articles refer") +
          " to it, " + day.published + " published that day" })));
      const ul = el("ul", { class: "story-sentences" });
      for (const s of day.sentences) {
        const a = el("a", { href: docHref(s), class: "doc-link", "data-doc": s.doc_id, text: s.text });
        a.addEventListener("click", (event) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          helpers.navigate(a.getAttribute("href"));
        });
        ul.append(el("li", {}, a, el("span", { class: "meta", text: " \u2014 " + s.doc_id + (s.dct ? ", " + s.dct : "") +
          (s.copies > 1 ? ", in " + s.copies + " articles" : "") })));
      }
      if (!day.sentences.length) ul.append(el("li", { class: "muted", text: "No sentence matches the query." }));
      li.append(ul);
      list.append(li);
    }
    ensureTimeline();
    if (timeline) {
      items.clear();
      items.add(data.dates.map((day) => ({ id: day.date, start: new Date(day.date + "T00:00:00Z"), content: itemContent(day) })));
      const win = storyWindow(data.dates);
      if (win) timeline.setWindow(win[0], win[1], { animation: false });
    }
  }

  async function load(state) {
    // ?view=story&entity=NAME (the entity view's key) is the entity's story: q with by=entity (new-user trial W)
    const q = state.q || state.entity || "";
    const byEntity = state.by === "entity" || (!state.q && !!state.entity);
    $("story-q").value = q;
    $("story-entity").checked = byEntity;
    $("story-from").value = fullDay(state.from, false);
    $("story-to").value = fullDay(state.to, true);
    if (state.dates) $("story-dates").value = state.dates;
    if (state.sentences) $("story-sentences").value = state.sentences;
    if (!q.trim()) {
      $("story-panel").hidden = true;
      setStatus("Give some words (or an entity) and choose Summarize.");
      return;
    }
    const params = new URLSearchParams();
    params.set(byEntity ? "entity" : "q", q);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    params.set("dates", state.dates || $("story-dates").value || "10");
    params.set("sentences", state.sentences || $("story-sentences").value || "2");
    const key = params.toString();
    if (key === lastKey) return;
    lastKey = key;
    if (controller) controller.abort();
    controller = new AbortController();
    setStatus("Summarizing\u2026", "busy");
    try {
      const response = await fetch("/v1/summary?" + key, { headers: { Accept: "application/json" }, signal: controller.signal });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error((body && body.message) || "the server answered " + response.status);
      setStatus(body.dates.length + (body.dates.length === 1 ? " date" : " dates") + " from " + body.documents +
        (body.documents === 1 ? " article." : " articles."));
      render(body);
    } catch (error) {
      if (error.name === "AbortError") return;
      lastKey = "";
      $("story-panel").hidden = true;
      setStatus(error.message, "error");
    }
  }

  $("story-form").addEventListener("submit", (event) => {
    event.preventDefault();
    helpers.writeURL({
      view: "story", q: $("story-q").value.trim(), by: $("story-entity").checked ? "entity" : "",
      from: $("story-from").value, to: $("story-to").value,
      dates: $("story-dates").value, sentences: $("story-sentences").value,
    }, true);
    load(Object.fromEntries(new URLSearchParams(location.search)));
  });

  window.newslineStory = {
    show(state, given) {
      helpers = given;
      load(state);
    },
  };
})();
