/* The TimelineJS preview: /static/timelinejs.html?entity=NAME&from=&to= loads GET /v1/timeline?format=timelinejs
 * (the same file the entity view's download gives) into the vendored TimelineJS (vendor/timelinejs/).
 * TimelineJS runs with nothing loaded from elsewhere: its scripts from vendor/, no web font, no analytics. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const query = new URLSearchParams(location.search);
  const entity = (query.get("entity") || "").trim();
  const status = $("tljs-status");

  function say(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
  }

  async function load() {
    if (!entity) {
      say("No entity given: open this page from an entity timeline.", "error");
      return;
    }
    const params = new URLSearchParams({ entity, format: "timelinejs" });
    for (const key of ["from", "to"]) if (query.get(key)) params.set(key, query.get(key));
    const back = new URLSearchParams({ view: "entity", entity });
    for (const key of ["from", "to"]) if (query.get(key)) back.set(key, query.get(key));
    $("tljs-download").href = "/v1/timeline?" + params.toString();
    $("tljs-back").href = "/?" + back.toString();
    $("tljs-heading").textContent = "TimelineJS preview: " + entity;
    say("Loading\u2026", "busy");
    let data;
    try {
      const response = await fetch("/v1/timeline?" + params.toString(), { headers: { Accept: "application/json" } });
      const body = await response.json();
      if (!response.ok) throw new Error(body.message || "the timeline could not be loaded");
      data = body;
    } catch (error) {
      say(error.message, "error");
      return;
    }
    if (!data.events.length) {
      say("This timeline has no dated events to show.", "error");
      return;
    }
    if (typeof TL === "undefined") {
      say("TimelineJS did not load.", "error");
      return;
    }
    say(data.events.length + (data.events.length === 1 ? " event" : " events"));
    window.newslineTimeline = new TL.Timeline("tljs-embed", data, {
      script_path: new URL("/static/vendor/timelinejs/js/", location.href).toString(),
      font: null,
      hash_bookmark: false,
      initial_zoom: 2,
    });
    document.body.dataset.ready = "true";
  }

  load();
})();
