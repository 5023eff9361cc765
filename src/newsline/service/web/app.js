/* newsline timeline page.
 *
 * Three views, chosen by the URL (?view=entity|article|doc), whose query string
 * holds the whole view state so that a URL can be shared:
 *   entity:  entity, from, to, sel (the selected timeline item), win (the visible window)
 *   article: dct (the pasted text itself stays in the page)
 *   doc:     id (document id), ev (an event id to highlight)
 *
 * Safety: every value that comes from the server or the URL reaches the DOM as
 * text (textContent, createTextNode, setAttribute, URLSearchParams); no
 * innerHTML, and vis-timeline gets DOM elements, never HTML strings.
 */
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const DAY_MS = 86400000;
  const HOUR_MS = 3600000;
  const YEAR_MS = 365.25 * DAY_MS;

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function setStatus(node, message, kind) {
    clear(node);
    node.className = "status" + (kind ? " " + kind : "");
    if (typeof message === "string") node.textContent = message;
    else if (message) node.append(message);
  }

  /* Text with marked spans: spans are {start, end, cls, title, id} in the text's own offsets
   * (base is subtracted); overlapping spans after the first are dropped. */
  function marked(text, base, spans) {
    const frag = document.createDocumentFragment();
    const sorted = spans
      .map((s) => ({ ...s, start: s.start - base, end: s.end - base }))
      .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
      .sort((a, b) => a.start - b.start || (b.priority || 0) - (a.priority || 0) || b.end - a.end);
    let at = 0;
    for (const s of sorted) {
      if (s.start < at) continue;
      if (s.start > at) frag.append(document.createTextNode(text.slice(at, s.start)));
      const tag = s.cls.includes("event") && !s.cls.includes("trigger") ? "span" : "mark";
      const node = el(tag, { class: s.cls, title: s.title || null, "data-id": s.id || null },
        text.slice(s.start, s.end));
      frag.append(node);
      at = s.end;
    }
    if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
    return frag;
  }

  // ---------------------------------------------------------------- API

  async function api(path, options) {
    const response = await fetch(path, { headers: { Accept: "application/json" }, ...options });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    if (!response.ok) {
      const error = new Error((body && body.message) || "the server answered " + response.status);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  }

  function documentPath(id) {
    // the whole id as one segment ("/" as %2F): "../" in an id can then never be resolved by the browser
    return "/v1/documents/" + encodeURIComponent(id);
  }

  // ---------------------------------------------------------------- dates

  const dayFormat = new Intl.DateTimeFormat("en-GB", {
    weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
  });

  function dayLabel(day) {
    const d = new Date(day + "T00:00:00Z");
    return isNaN(d) ? day : dayFormat.format(d);
  }

  function docTitle(id) {
    const base = String(id).split("/").pop() || String(id);
    return base.replace(/\.(txt|tml|jsonl)$/i, "");
  }

  // Dates in the URL may be YYYY, YYYY-MM or YYYY-MM-DD; date inputs hold full days.
  // ---------------------------------------------------------------- salience: the main entries

  const TOP_ENTRIES = 8; // entries a view shows before "show all"

  /* The most salient entries (reports of other events left out), in their given (time) order. */
  function topEntries(entries, n) {
    const ranked = entries
      .map((entry, i) => ({ entry, i }))
      .filter((x) => !x.entry.hidden)
      .sort((a, b) => (b.entry.salience || 0) - (a.entry.salience || 0) || a.i - b.i)
      .slice(0, n);
    return ranked.sort((a, b) => a.i - b.i).map((x) => x.entry);
  }

  function entryTitle(entry) {
    return entry.title || entry.event;
  }

  function fullDay(value, end) {
    if (!value) return "";
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    if (/^\d{4}-\d{2}$/.test(value)) {
      if (!end) return value + "-01";
      const [y, m] = value.split("-").map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return value + "-" + String(last).padStart(2, "0");
    }
    if (/^\d{4}$/.test(value)) return value + (end ? "-12-31" : "-01-01");
    return "";
  }

  // ---------------------------------------------------------------- URL state

  const state = { view: "entity", entity: "", from: "", to: "", sel: "", win: "", id: "", ev: "", dct: "",
    q: "", by: "", dates: "", sentences: "" };
  const KEYS = ["view", "entity", "from", "to", "sel", "win", "id", "ev", "dct", "q", "by", "dates", "sentences"];

  function readURL() {
    const params = new URLSearchParams(location.search);
    for (const key of KEYS) state[key] = params.get(key) || "";
    if (!["entity", "article", "doc", "story"].includes(state.view)) state.view = "entity";
  }

  function urlFor(changes) {
    const next = { ...state, ...changes };
    const params = new URLSearchParams();
    const keep = {
      entity: ["entity", "from", "to", "sel", "win"],
      article: ["dct"],
      doc: ["id", "ev"],
      story: ["q", "by", "from", "to", "dates", "sentences"],  // story.js
    }[next.view];
    params.set("view", next.view);
    for (const key of keep) if (next[key]) params.set(key, next[key]);
    return "?" + params.toString();
  }

  function writeURL(changes, push) {
    Object.assign(state, changes);
    const url = urlFor({});
    if (url === location.search) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // ---------------------------------------------------------------- timeline panel

  /* One timeline with its list and detail pane; used for the entity view and the article view.
   * Entries have the shape of /v1/timeline's entries. */
  class Panel {
    constructor(prefix, options) {
      this.prefix = prefix;
      this.options = options || {};
      this.container = $(prefix + "-timeline");
      this.list = $(prefix + "-list");
      this.detail = $(prefix + "-detail");
      this.detailHeading = $(prefix + "-detail-heading");
      this.groups = new Map();
      this.timeline = null;
      this.items = null;
      this.fitted = false;
      for (const button of $(prefix + "-panel").querySelectorAll(".tools button")) {
        button.addEventListener("click", () => this.tool(button.dataset.act));
      }
      this.addShowAll($(prefix + "-panel"));
    }

    ensureTimeline() {
      if (this.timeline || typeof vis === "undefined") return;
      this.items = new vis.DataSet();
      const narrow = window.matchMedia("(max-width: 700px)").matches;
      this.timeline = new vis.Timeline(this.container, this.items, {
        zoomMin: HOUR_MS,
        zoomMax: 200 * YEAR_MS,
        stack: true,
        selectable: true,
        multiselect: false,
        showCurrentTime: false,
        orientation: { axis: "top", item: "top" },
        minHeight: narrow ? 200 : 240,
        maxHeight: narrow ? 320 : 420,
        verticalScroll: true,
        margin: { item: { horizontal: 4, vertical: 6 } },
        zoomKey: "",
        horizontalScroll: false,
      });
      this.timeline.on("select", (props) => {
        const key = props.items && props.items[0];
        if (key) this.select(String(key), null, { from: "timeline" });
      });
      this.timeline.on("rangechanged", (props) => {
        if (props.byUser && this.options.onWindow) this.options.onWindow(props.start, props.end);
      });
    }

    tool(action) {
      if (!this.timeline) return;
      const w = this.timeline.getWindow();
      const span = w.end - w.start;
      if (action === "fit") this.timeline.fit();
      else if (action === "in") this.timeline.zoomIn(0.5);
      else if (action === "out") this.timeline.zoomOut(0.5);
      else {
        const shift = (action === "earlier" ? -1 : 1) * span * 0.4;
        this.timeline.setWindow(new Date(w.start.valueOf() + shift), new Date(w.end.valueOf() + shift));
      }
      if (this.options.onWindow) {
        setTimeout(() => {
          const now = this.timeline.getWindow();
          this.options.onWindow(now.start, now.end);
        }, 600);
      }
    }

    /* Group entries: all the day-grain entries of one day together, others one by one, undated apart. */
    setEntries(entries, windowParam) {
      this.allEntries = entries;
      this.windowParam = windowParam;
      entries = this.showAll ? entries : topEntries(entries, TOP_ENTRIES);
      this.updateShowAll();
      this.groups = new Map();
      const undated = [];
      for (const entry of entries) {
        // an ongoing state ("since Jan 2016 (ongoing)") has a start and no end: a point where it began
        if (entry.placement === "undated" || !entry.start || (!entry.end && entry.value !== "ONGOING_REF")) {
          undated.push(entry);
          continue;
        }
        // one day's events together; others by their interval (and how they were placed)
        const key = entry.day && entry.grain === "day" ? "d:" + entry.day
          : "i:" + (entry.placement === "linked" || entry.placement === "bounded"
            ? entry.placement + ":" + (entry.relation || "") + ":" : "") + entry.start + "/" + entry.end;
        if (!this.groups.has(key)) {
          this.groups.set(key, {
            key,
            day: entry.grain === "day" ? entry.day : null,
            start: entry.start,
            end: entry.end,
            label: entry.when_text || (entry.grain === "day" && entry.day ? dayLabel(entry.day) : entry.when),
            entries: [],
          });
        }
        this.groups.get(key).entries.push(entry);
      }
      this.undated = undated;
      this.renderList();
      this.renderTimeline(windowParam);
      clear(this.detail).append(el("p", { class: "muted", text: "Choose an event on the timeline or in the list." }));
      this.detailHeading.textContent = "Event";
    }

    itemContent(group) {
      const words = group.entries.map(entryTitle);
      const shown = words.slice(0, 2).join("; ") + (words.length > 2 ? "; \u2026" : "");
      const node = el("div", { class: "item-content" });
      if (group.entries.length > 1) node.append(el("span", { class: "count", text: String(group.entries.length) }), " ");
      else if ((group.entries[0].placement === "linked" || group.entries[0].placement === "bounded")
               && group.entries[0].relation) {
        node.append(el("span", { class: "rel", text: group.entries[0].relation + " " }));
      }
      node.append(shown);
      node.setAttribute("title", group.label + ": " + words.join(", "));
      return node;
    }

    renderTimeline(windowParam) {
      this.ensureTimeline();
      if (!this.timeline) return;
      const items = [];
      for (const group of this.groups.values()) {
        const start = new Date(group.start);
        const end = group.end ? new Date(group.end) : start;
        const point = group.day || end - start <= DAY_MS;
        const first = group.entries[0];
        items.push({
          id: group.key,
          start,
          end: point ? undefined : end,
          type: point ? "box" : "range",
          content: this.itemContent(group),
          className: [first.placement, "grain-" + (first.grain || "none"), group.entries.length > 1 ? "many" : ""]
            .join(" ").trim(),
        });
      }
      this.items.clear();
      this.items.add(items);
      const win = windowParam && windowParam.split("..");
      const a = win && new Date(win[0]);
      const b = win && new Date(win[1]);
      if (a && b && !isNaN(a) && !isNaN(b) && b > a) this.timeline.setWindow(a, b, { animation: false });
      else if (items.length) this.timeline.fit({ animation: false });
    }

    renderList() {
      clear(this.list);
      const ordered = [...this.groups.values()].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
      const section = (title, groupKey, entries) => {
        const wrap = el("section", { class: "day", "data-key": groupKey || null });
        wrap.append(el("h3", { text: title }));
        const ul = el("ul");
        for (const entry of entries) {
          const sources = entry.sources.length;
          const label = entryTitle(entry) + (entry.placement === "linked" || entry.placement === "bounded"
            ? " (" + (entry.when_text || entry.when) + ")" : "");
          const button = el("button", {
            type: "button", class: "event-button", "data-key": groupKey || "", "data-pos": entry.position,
            onclick: () => groupKey ? this.select(groupKey, entry.position, { from: "list" }) : this.showUndated(entry),
          }, el("span", { class: "word", text: label }),
          el("span", { class: "meta", text: (entry.grain === "day" ? "" : (entry.when_text || entry.when) + " \u00b7 ") + sources + (sources === 1 ? " source" : " sources") }));
          ul.append(el("li", {}, button));
        }
        wrap.append(ul);
        this.list.append(wrap);
      };
      for (const group of ordered) section(group.label, group.key, group.entries);
      if (this.undated.length) section("Undated", null, this.undated);
      if (!ordered.length && !this.undated.length) this.list.append(el("p", { class: "muted", text: "No events." }));
    }

    select(key, position, how) {
      const group = this.groups.get(key);
      if (!group) return false;
      if (this.timeline) {
        this.timeline.setSelection([key]);
        if (how && how.from === "list") { // bring it into view at the current zoom
          const w = this.timeline.getWindow();
          const at = new Date(group.start);
          if (at < w.start || at > w.end) this.timeline.moveTo(at, { animation: false });
        }
      }
      for (const b of this.list.querySelectorAll(".event-button")) {
        const on = b.dataset.key === key && (position === null || String(position) === b.dataset.pos);
        b.setAttribute("aria-pressed", on ? "true" : "false");
      }
      this.renderDetail(group.label, group.entries, position);
      if (this.options.onSelect && !(how && how.restore)) this.options.onSelect(key, position);
      if (how && how.from === "list") this.detailHeading.focus();
      return true;
    }

    showUndated(entry) {
      this.renderDetail("Undated", [entry], entry.position);
      this.detailHeading.focus();
    }

    renderDetail(title, entries, position) {
      this.detailHeading.textContent = title;
      clear(this.detail);
      let current = null;
      for (const entry of entries) {
        const isCurrent = position === null || position === undefined ? entries.length === 1 : entry.position === position;
        const card = el("article", { class: "entry" + (isCurrent ? " current" : ""), "data-pos": entry.position });
        const placed = entry.placement === "linked" && entry.relation
          ? "placed " + entry.relation + " a dated event of its article"
          : entry.placement === "bounded" ? (entry.when_text || entry.when)
          : entry.placement === "undated" ? "no date found" : "dated " + (entry.when_text || entry.when);
        card.append(el("h3", {}, el("span", { class: "word", text: entryTitle(entry) }),
          el("span", { class: "meta", text: " " + (entry["class"] || "").toLowerCase() + " \u00b7 " + placed })));
        for (const source of entry.sources) card.append(this.sourceView(source));
        this.detail.append(card);
        if (isCurrent && !current) current = card;
      }
      if (current && entries.length > 1) current.scrollIntoView({ block: "nearest" });
    }

    /* The "show all" control: the default view has the most salient entries, this one every entry. */
    addShowAll(panel) {
      const tools = panel.querySelector(".tools");
      if (!tools) return;
      this.showAll = false;
      this.showAllButton = el("button", { type: "button", class: "show-all", "aria-pressed": "false",
        onclick: () => {
          this.showAll = !this.showAll;
          if (this.allEntries) this.setEntries(this.allEntries, this.windowParam);
        } }, "show all");
      tools.append(this.showAllButton);
    }

    updateShowAll() {
      if (!this.showAllButton) return;
      const total = this.allEntries.length;
      const main = topEntries(this.allEntries, TOP_ENTRIES).length;
      this.showAllButton.hidden = main >= total;
      this.showAllButton.setAttribute("aria-pressed", this.showAll ? "true" : "false");
      this.showAllButton.textContent = this.showAll ? "main events only" : "show all " + total;
    }

    sourceView(source) {
      const spans = [];
      for (const t of source.timexes || []) {
        if (t.in_sentence) {
          spans.push({ start: t.start, end: t.end, cls: "timex" + (t.evidence ? " evidence" : ""),
            title: t.value, priority: 1 });
        }
      }
      spans.push({ start: source.event.start, end: source.event.end, cls: "trigger", title: "event", priority: 2 });
      const quote = el("blockquote", { class: "sentence" },
        marked(source.sentence_text, source.sentence.start, spans));
      const caption = el("figcaption");
      if (source.doc_id) {
        const href = urlFor({ view: "doc", id: source.doc_id, ev: source.event.id });
        caption.append(el("a", { href, class: "doc-link", "data-doc": source.doc_id,
          onclick: (ev) => { ev.preventDefault(); navigate(href); } }, source.title || docTitle(source.doc_id)));
        if (source.dct) caption.append(" \u00b7 published " + source.dct);
      }
      const elsewhere = (source.timexes || []).filter((t) => t.evidence && !t.in_sentence);
      if (elsewhere.length) {
        caption.append(el("span", { class: "muted", text: " \u00b7 dated by \u201c" + elsewhere[0].text + "\u201d elsewhere in the article" }));
      }
      if (source.time && source.time.basis) {
        caption.append(el("span", { class: "muted", text: " \u00b7 placed by " + source.time.basis }));
      }
      return el("figure", { class: "source" }, quote, caption);
    }
  }

  // ---------------------------------------------------------------- views

  const views = { entity: $("entity-view"), article: $("article-view"), doc: $("doc-view"), story: $("story-view") };

  function showView(name) {
    for (const [key, node] of Object.entries(views)) node.hidden = key !== name;
    for (const [key, tab] of [["entity", $("tab-entity")], ["article", $("tab-article")], ["story", $("tab-story")]]) {
      if (key === name) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    }
    document.title = { entity: "Entity timeline", article: "Annotate an article", doc: "Document", story: "Story" }[name] +
      " \u00b7 newsline";
  }

  function navigate(href) {
    history.pushState(null, "", href);
    render();
  }

  // -- entity view

  let entityController = null;
  let lastEntityKey = "";
  const entityPanel = new Panel("entity", {
    onSelect: (key, position) => writeURL({ sel: position === null || position === undefined ? key : key + "@" + position }),
    onWindow: (start, end) => writeURL({ win: start.toISOString().slice(0, 19) + ".." + end.toISOString().slice(0, 19) }),
  });

  async function loadEntity() {
    $("entity-input").value = state.entity;
    $("from-input").value = fullDay(state.from, false);
    $("to-input").value = fullDay(state.to, true);
    const status = $("entity-status");
    if (!state.entity) {
      $("entity-panel").hidden = true;
      setStatus(status, "");
      return;
    }
    const key = [state.entity, state.from, state.to].join("\u0000");
    if (key === lastEntityKey) {
      restoreSelection();
      return;
    }
    if (entityController) entityController.abort();
    entityController = new AbortController();
    setStatus(status, "Loading the timeline of \u201c" + state.entity + "\u201d\u2026", "busy");
    const params = new URLSearchParams({ entity: state.entity, limit: "500" });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    try {
      const data = await api("/v1/timeline?" + params.toString(), { signal: entityController.signal });
      lastEntityKey = key;
      const label = data.label ? " (" + data.label + ")" : "";
      const range = data.from || data.to ? " from " + (data.from || "\u2026") + " to " + (data.to || "\u2026") : "";
      const more = data.total > data.entries.length ? " (first " + data.entries.length + " shown)" : "";
      let message = data.entity + label + ": " + data.total + (data.total === 1 ? " event" : " events") + range +
        " in " + data.documents + (data.documents === 1 ? " article" : " articles") + more;
      if (data.aliases && data.aliases.length) message += "; also named " + data.aliases.slice(0, 6).join(", ");
      setStatus(status, message);
      for (const fmt of ["timelinejs", "csv", "ics"]) {
        const file = new URLSearchParams(params);
        file.delete("limit");
        file.set("format", fmt);
        $("entity-download-" + fmt).href = "/v1/timeline?" + file.toString();
      }
      const preview = new URLSearchParams({ entity: state.entity });
      if (state.from) preview.set("from", state.from);
      if (state.to) preview.set("to", state.to);
      $("entity-preview-timelinejs").href = "/static/timelinejs.html?" + preview.toString();
      $("entity-panel").hidden = false;
      entityPanel.setEntries(data.entries, state.win);
      restoreSelection();
    } catch (error) {
      if (error.name === "AbortError") return;
      lastEntityKey = "";
      $("entity-panel").hidden = true;
      const node = el("span", {}, error.message);
      const suggestions = error.body && error.body.suggestions;
      if (suggestions && suggestions.length) {
        node.append(" ");
        for (const name of suggestions) {
          node.append(el("button", { type: "button", class: "chip", onclick: () => chooseEntity(name) }, name), " ");
        }
      }
      setStatus(status, node, "error");
    }
  }

  function restoreSelection() {
    if (!state.sel) return;
    const [key, pos] = state.sel.split("@");
    entityPanel.select(key, pos ? Number(pos) : null, { restore: true });
  }

  function chooseEntity(name) {
    state.sel = "";
    state.win = "";
    navigate(urlFor({ view: "entity", entity: name, sel: "", win: "" }));
  }

  let suggestTimer = 0;
  let suggestController = null;
  function suggest() {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(async () => {
      const q = $("entity-input").value.trim();
      if (suggestController) suggestController.abort();
      suggestController = new AbortController();
      try {
        const data = await api("/v1/entities?" + new URLSearchParams({ q, limit: "10" }).toString(),
          { signal: suggestController.signal });
        const list = clear($("entity-suggestions"));
        for (const item of data.items) {
          const option = el("option", { value: item.name });
          option.label = (item.label || "") + " \u00b7 " + item.mentions + " mentions in " + item.documents +
            (item.documents === 1 ? " article" : " articles");
          list.append(option);
        }
      } catch (_) {
        /* suggestions are a convenience: stay quiet */
      }
    }, 120);
  }

  async function loadPopular() {
    try {
      const data = await api("/v1/entities?limit=8");
      const box = clear($("popular"));
      if (data.items.length) box.append(el("span", { class: "muted", text: "Most mentioned: " }));
      for (const item of data.items) {
        box.append(el("button", { type: "button", class: "chip", onclick: () => chooseEntity(item.name),
          "aria-label": item.name + ", " + item.mentions + " mentions" }, item.name));
      }
    } catch (_) {
      /* the rest of the page still works */
    }
  }

  $("entity-input").addEventListener("input", suggest);
  $("entity-input").addEventListener("focus", suggest);
  $("entity-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const entity = $("entity-input").value.trim();
    if (!entity) return;
    const from = $("from-input").value;
    const to = $("to-input").value;
    if (from && to && from > to) {
      setStatus($("entity-status"), "The start of the date range is after its end.", "error");
      return;
    }
    const changed = entity !== state.entity || from !== state.from || to !== state.to;
    navigate(urlFor({ view: "entity", entity, from, to, sel: changed ? "" : state.sel, win: changed ? "" : state.win }));
  });
  $("range-clear").addEventListener("click", () => {
    $("from-input").value = "";
    $("to-input").value = "";
    if (state.entity && (state.from || state.to)) navigate(urlFor({ view: "entity", from: "", to: "", sel: "", win: "" }));
  });

  // -- article view

  const articlePanel = new Panel("article", {});

  function articleEntries(doc, text) {
    const timexes = doc.timexes || [];
    const byId = new Map(timexes.map((t) => [t.id, t]));
    // a phrase that reads the same as another event's shows once, the most salient (as in the text view)
    const firstOf = new Map();
    doc.events.forEach((e, i) => {
      const title = e.title || "";
      const have = firstOf.get(title);
      if (title.includes(" ") && (have === undefined || (e.salience || 0) > (doc.events[have].salience || 0))) {
        firstOf.set(title, i);
      }
    });
    return doc.events.map((e, i) => {
      const t = e.time || {};
      const lo = e.sentence.start;
      const hi = e.sentence.end;
      const cited = new Set(t.evidence || []);
      const refs = timexes
        .filter((x) => cited.has(x.id) || (x.start >= lo && x.end <= hi))
        .map((x) => ({ id: x.id, start: x.start, end: x.end, text: x.text, value: x.value,
          in_sentence: x.start >= lo && x.end <= hi, evidence: cited.has(x.id) }));
      for (const id of cited) if (!byId.has(id)) cited.delete(id);
      const fine = ["day", "part-of-day", "hour", "minute", "second", "time"].includes(t.grain);
      const day = t.start && fine ? t.start.slice(0, 10) : null;
      return {
        position: i + 1, placement: t.start && t.end ? "dated" : "undated", when: t.value || "?", value: t.value,
        start: t.start, end: t.end, grain: t.grain, day, relation: null, event: e.text, lemma: e.lemma,
        class: e["class"], documents: [], title: e.title || e.text, when_text: e.when_text || t.when_text || "",
        salience: e.salience || 0, hidden: Boolean(e.reports) || (firstOf.get(e.title || "") ?? i) !== i,
        sources: [{ doc_id: null, dct: doc.dct, event: { id: e.id, start: e.start, end: e.end, text: e.text },
          sentence: { start: lo, end: hi }, sentence_text: text.slice(lo, hi), participants: e.participants,
          match: "participant", time: t, timexes: refs }],
      };
    });
  }

  function renderDocText(container, text, doc, highlight) {
    const spans = [];
    for (const t of doc.timexes || []) {
      spans.push({ start: t.start, end: t.end, cls: "timex", title: t.type + " " + t.value, id: t.id, priority: 1 });
    }
    for (const e of doc.events || []) {
      const on = highlight && e.id === highlight;
      spans.push({ start: e.start, end: e.end, cls: on ? "trigger" : "event", id: e.id, priority: on ? 3 : 0,
        title: (e.time && e.time.value ? "event, " + e.time.value : "event") });
    }
    clear(container).append(marked(text, 0, spans));
  }

  async function annotateArticle() {
    const text = $("article-text").value;
    const dct = $("article-dct").value;
    const status = $("article-status");
    if (!text.trim()) {
      setStatus(status, "Paste the text of an article first.", "error");
      $("article-text").focus();
      return;
    }
    writeURL({ dct });
    setStatus(status, "Annotating\u2026", "busy");
    $("article-submit").disabled = true;
    try {
      const doc = await api("/v1/annotate", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text, dct: dct || null }),
      });
      const placed = doc.events.filter((e) => e.time && e.time.start && e.time.end).length;
      setStatus(status, doc.timexes.length + (doc.timexes.length === 1 ? " time expression, " : " time expressions, ") +
        doc.events.length + (doc.events.length === 1 ? " event" : " events") + " (" + placed + " on the timeline)" +
        (doc.dct ? "; publication date " + doc.dct : "; no publication date: relative dates stay open"));
      $("article-panel").hidden = false;
      renderDocText($("article-out"), text, doc, null);
      articlePanel.setEntries(articleEntries(doc, text), "");
    } catch (error) {
      setStatus(status, error.message, "error");
    } finally {
      $("article-submit").disabled = false;
    }
  }

  $("article-form").addEventListener("submit", (event) => {
    event.preventDefault();
    annotateArticle();
  });
  $("article-text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      annotateArticle();
    }
  });

  // -- document view

  let docController = null;
  async function loadDocument() {
    const status = $("doc-status");
    const heading = $("doc-heading");
    clear($("doc-text"));
    $("doc-meta").textContent = "";
    if (!state.id) {
      heading.textContent = "Document";
      setStatus(status, "No document given.", "error");
      return;
    }
    heading.textContent = docTitle(state.id);
    if (docController) docController.abort();
    docController = new AbortController();
    setStatus(status, "Loading\u2026", "busy");
    try {
      const doc = await api(documentPath(state.id), { signal: docController.signal });
      setStatus(status, "");
      if (doc.title) heading.textContent = doc.title;
      const where = { meta: "the page's meta data", url: "the page's address", text: "the page's text" }[doc.dct_source];
      const meta = $("doc-meta");
      meta.textContent = "Published " + (doc.dct || "?") + (where ? " (from " + where + ")" : "") + " \u00b7 " +
        doc.id + " \u00b7 " + doc.timexes.length + " time expressions, " + doc.events.length + " events";
      if (doc.url && /^https?:\/\//.test(doc.url)) {
        meta.append(" \u00b7 ", el("a", { href: doc.url, rel: "noopener noreferrer", text: "original page" }));
      }
      renderDocText($("doc-text"), doc.text, doc, state.ev || null);
      const chosen = $("doc-text").querySelector("mark.trigger");
      if (chosen) chosen.scrollIntoView({ block: "center" });
    } catch (error) {
      if (error.name === "AbortError") return;
      setStatus(status, error.message, "error");
    }
  }

  $("doc-back").addEventListener("click", (event) => {
    if (history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });

  // ---------------------------------------------------------------- routing

  for (const tab of document.querySelectorAll("a.tab")) {
    tab.addEventListener("click", (event) => {
      event.preventDefault();
      const view = new URLSearchParams(tab.getAttribute("href").slice(1)).get("view");
      navigate(urlFor({ view: ["entity", "article", "story"].includes(view) ? view : "entity" }));
    });
  }

  function render() {
    readURL();
    showView(state.view);
    if (state.view === "entity") loadEntity();
    else if (state.view === "article") {
      if (state.dct && !$("article-dct").value) $("article-dct").value = fullDay(state.dct, false);
    } else if (state.view === "story") {
      if (window.newslineStory) window.newslineStory.show(state, { urlFor, writeURL, navigate, el, clear, fullDay });
    } else loadDocument();
  }

  window.addEventListener("popstate", render);
  if (typeof vis === "undefined") {
    setStatus($("entity-status"), "The timeline library did not load; the lists below still work.", "error");
  }
  loadPopular();
  render();
  document.body.dataset.ready = "true";
})();
