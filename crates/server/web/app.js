// warlog's web page: a map of events, a day-by-day timeline, and the claims
// behind each event, each opening its page with the sentence highlighted.
//
// Every string from the API is untrusted page text. It reaches the DOM only
// through text nodes (el(), textContent, createTextNode): never innerHTML,
// outerHTML, insertAdjacentHTML, document.write or eval (tests/http.rs
// checks this file for them). Offsets from the API are UTF-8 bytes.
"use strict";

(function () {
  // ------------------------------------------------------------ helpers

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "onclick") node.addEventListener("click", v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) append(node, c);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach((c) => append(node, c));
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  /** GET a JSON route; an error answer becomes an Error with its message. */
  async function api(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      /* not JSON */
    }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.status + " " + response.statusText;
      throw new Error(message);
    }
    return body;
  }

  const status = document.getElementById("status");
  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  /** Only http(s) links leave the page; anything else is shown as text. */
  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  const human = (s) => String(s || "").replace(/_/g, " ");

  /** A date value of the API: "YYYY-MM-DD", {"from", "to"} or null. */
  function showDate(d) {
    if (!d) return "date unknown";
    if (typeof d === "string") return d;
    return d.from === d.to ? d.from : d.from + " → " + d.to;
  }
  const firstDay = (d) => (!d ? null : typeof d === "string" ? d : d.from);

  function showCount(c) {
    if (c === null || c === undefined) return null;
    return typeof c === "number" ? String(c) : c.min + "–" + c.max;
  }

  const STANCE = { asserted: "asserts", hedged: "reports (hedged)", denied: "denies" };

  // ------------------------------------------------------------ state

  const state = { events: [], byId: new Map(), selected: null, claim: null, markers: new Map(), day: null };

  // ------------------------------------------------------------ map

  const map = L.map("map", { worldCopyJump: true, minZoom: 2, zoomSnap: 0.5 }).setView([30, 20], 2);
  map.attributionControl.setPrefix("Leaflet");
  const markerLayer = L.layerGroup().addTo(map);

  api("/vendor/countries-50m.json")
    .then((topo) => {
      const countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
        attribution: "Natural Earth",
      }).addTo(map);
      markerLayer.eachLayer((m) => m.bringToFront());
    })
    .catch((e) => say("The basemap could not be drawn: " + e.message, true));

  function markerStyle(event, selected) {
    const contested = event.contested;
    return {
      radius: 5 + Math.min(6, 2 * Math.sqrt(event.sources || 1)),
      color: selected ? "#111" : contested ? "#7b1010" : "#1d4e89",
      weight: selected ? 3 : contested ? 2 : 1,
      dashArray: contested ? "3 2" : null,
      fillColor: contested ? "#e0412f" : "#3f7fc4",
      fillOpacity: 0.85,
    };
  }

  function tooltip(event) {
    return el(
      "div",
      { class: "tip" },
      el("strong", {}, human(event.type)),
      " " + showDate(event.date),
      el("br"),
      event.place || "",
      event.contested ? el("span", { class: "badge contested" }, "contested") : null,
    );
  }

  /** Events at the same spot are spread on a small ring, in pixels. */
  function placeMarkers() {
    const groups = new Map();
    for (const [id, marker] of state.markers) {
      const e = state.byId.get(id);
      const key = e.lat.toFixed(4) + "," + e.lon.toFixed(4);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(marker);
    }
    const zoom = map.getZoom();
    for (const group of groups.values()) {
      const e = state.byId.get(group[0].eventId);
      const centre = map.project([e.lat, e.lon], zoom);
      const ring = group.length > 1 ? 7 + 2 * group.length : 0;
      group.forEach((marker, i) => {
        const angle = (2 * Math.PI * i) / group.length;
        const p = centre.add([ring * Math.cos(angle), ring * Math.sin(angle)]);
        marker.setLatLng(map.unproject(p, zoom));
      });
    }
  }
  map.on("zoomend", placeMarkers);

  function drawMarkers() {
    markerLayer.clearLayers();
    state.markers.clear();
    const points = [];
    for (const e of state.events) {
      if (typeof e.lat !== "number" || typeof e.lon !== "number") continue;
      const marker = L.circleMarker([e.lat, e.lon], markerStyle(e, false));
      marker.eventId = e.id;
      marker.bindTooltip(tooltip(e), { direction: "top" });
      marker.on("click", () => selectEvent(e.id));
      marker.addTo(markerLayer);
      state.markers.set(e.id, marker);
      points.push([e.lat, e.lon]);
    }
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.4), { maxZoom: 8 });
    placeMarkers();
  }

  function highlightMarkers() {
    for (const [id, marker] of state.markers) {
      const e = state.byId.get(id);
      const onDay = state.day !== null && firstDay(e.date) === state.day;
      marker.setStyle(markerStyle(e, id === state.selected || onDay));
      if (id === state.selected || onDay) marker.bringToFront();
    }
  }

  // ------------------------------------------------------------ timeline

  const strip = document.getElementById("strip");
  const dayList = document.getElementById("days");

  function addDays(iso, n) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);

  function drawTimeline() {
    clear(strip);
    clear(dayList);
    const byDay = new Map();
    for (const e of state.events) {
      const day = firstDay(e.date) || "date unknown";
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(e);
    }
    const days = [...byDay.keys()].filter((d) => d !== "date unknown").sort();
    if (days.length) drawStrip(days, byDay);
    const ordered = byDay.has("date unknown") ? days.concat(["date unknown"]) : days;
    for (const day of ordered) {
      const items = byDay.get(day).map((e) =>
        el(
          "li",
          { class: "event-line" + (e.contested ? " contested" : ""), "data-id": e.id },
          el(
            "button",
            { type: "button", onclick: () => selectEvent(e.id) },
            el("span", { class: "type" }, human(e.type)),
            " ",
            el("span", { class: "place" }, e.place || "place unknown"),
            " · " + e.sources + (e.sources === 1 ? " source" : " sources"),
            e.contested ? el("span", { class: "badge contested" }, "contested") : null,
          ),
        ),
      );
      dayList.appendChild(el("li", { class: "day", "data-day": day }, el("h3", {}, day), el("ul", {}, items)));
    }
  }

  /**
   * One slot per day from the first dated event to the last; a stretch of
   * more than a week without events shrinks to a break ("⋯"), so that days
   * stay readable when events span years.
   */
  function stripSlots(days) {
    const slots = [{ day: days[0] }];
    for (let i = 1; i < days.length; i++) {
      const gap = daysBetween(days[i - 1], days[i]) - 1;
      if (gap > 7) slots.push({ gap, from: addDays(days[i - 1], 1), to: addDays(days[i], -1) });
      else for (let k = 1; k <= gap; k++) slots.push({ day: addDays(days[i - 1], k) });
      slots.push({ day: days[i], runStart: gap > 7 });
    }
    slots[0].runStart = true;
    return slots;
  }

  function drawStrip(days, byDay) {
    const slots = stripSlots(days);
    const breaks = slots.filter((s) => s.gap).length;
    const dayCount = slots.length - breaks;
    const BREAK = 22;
    const available = Math.max(strip.clientWidth || 800, 300);
    const step = Math.max(4, Math.min(36, (available - breaks * BREAK) / dayCount));
    const width = Math.max(available, step * dayCount + breaks * BREAK);
    const height = 64;
    const max = Math.max(...days.map((d) => byDay.get(d).length));
    const root = svg("svg", { viewBox: `0 0 ${width} ${height + 18}`, width: width, height: height + 18 });
    root.appendChild(svg("line", { x1: 0, y1: height, x2: width, y2: height, class: "axis" }));
    let x = 0;
    let labelEnd = -Infinity;
    const label = (text, at, cls) => {
      if (at < labelEnd + 8 || at + 66 > width) return;
      const t = svg("text", { x: at, y: height + 14, class: cls || "" });
      t.textContent = text;
      root.appendChild(t);
      labelEnd = at + 66;
    };
    for (const slot of slots) {
      if (slot.gap) {
        const g = svg("g", { class: "gap" });
        const title = svg("title");
        title.textContent = slot.from + " → " + slot.to + ": " + slot.gap + " days without events";
        g.appendChild(title);
        g.appendChild(svg("rect", { x: x, y: 0, width: BREAK, height: height, class: "hit" }));
        const dots = svg("text", { x: x + BREAK / 2, y: height - 4, "text-anchor": "middle" });
        dots.textContent = "⋯";
        g.appendChild(dots);
        root.appendChild(g);
        x += BREAK;
        continue;
      }
      const day = slot.day;
      const events = byDay.get(day) || [];
      const g = svg("g", { class: "slot" + (day === state.day ? " chosen" : "") });
      const title = svg("title");
      title.textContent = day + ": " + events.length + (events.length === 1 ? " event" : " events");
      g.appendChild(title);
      g.appendChild(svg("rect", { x: x, y: 0, width: step, height: height, class: "hit" }));
      const contested = events.filter((e) => e.contested).length;
      const h = (n) => (n / max) * (height - 8);
      const w = Math.max(2, step - 2);
      if (events.length > contested) {
        const hh = h(events.length - contested);
        g.appendChild(svg("rect", { x: x + 1, y: height - hh, width: w, height: hh, class: "bar" }));
      }
      if (contested) {
        const top = height - h(events.length);
        g.appendChild(svg("rect", { x: x + 1, y: top, width: w, height: h(contested), class: "bar contested" }));
      }
      if (events.length) g.addEventListener("click", () => selectDay(day));
      root.appendChild(g);
      if (slot.runStart) label(day, x, "run");
      else if (day.endsWith("-01")) label(day.slice(0, 7), x);
      x += step;
    }
    strip.appendChild(root);
  }

  function selectDay(day) {
    state.day = state.day === day ? null : day;
    drawTimeline();
    highlightMarkers();
    if (state.day) {
      const item = dayList.querySelector(`li.day[data-day="${CSS.escape(state.day)}"]`);
      if (item) item.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  // ------------------------------------------------------------ event panel

  const panel = document.getElementById("panel");

  /** Shows an event's claims in the panel; resolves to the event (or null). */
  async function selectEvent(id) {
    state.selected = id;
    state.claim = null;
    writeHash();
    highlightMarkers();
    const marker = state.markers.get(id);
    if (marker && !map.getBounds().contains(marker.getLatLng())) map.panTo(marker.getLatLng());
    for (const li of dayList.querySelectorAll("li.event-line")) {
      li.classList.toggle("selected", Number(li.dataset.id) === id);
    }
    clear(panel);
    panel.appendChild(el("p", { class: "hint" }, "Loading event #" + id + "…"));
    try {
      const event = await api("/api/events/" + encodeURIComponent(id));
      if (state.selected === id) showEvent(event);
      return event;
    } catch (e) {
      clear(panel);
      panel.appendChild(el("p", { class: "error" }, e.message));
      return null;
    }
  }

  function showEvent(e) {
    clear(panel);
    const place = e.place ? e.place + (e.country ? " (" + e.country + ")" : "") : "place unknown";
    const actors = [e.actor1, e.actor2].filter(Boolean).join(" → ");
    const figures = (e.figures || []).map((f) => {
      const parts = [];
      if (f.killed !== null && f.killed !== undefined) parts.push(showCount(f.killed) + " killed");
      if (f.wounded !== null && f.wounded !== undefined) parts.push(showCount(f.wounded) + " wounded");
      return el("li", {}, parts.join(", ") + " — according to " + f.source);
    });
    panel.appendChild(
      el(
        "div",
        { class: "event-head" },
        el(
          "h2",
          {},
          human(e.type),
          " ",
          el("span", { class: "muted" }, "#" + e.id),
          e.contested ? el("span", { class: "badge contested" }, "contested") : null,
        ),
        el("p", {}, showDate(e.date), " · ", place, " · " + e.sources + (e.sources === 1 ? " source" : " sources")),
        actors ? el("p", { class: "muted" }, actors) : null,
        figures.length ? el("ul", { class: "figures" }, figures) : null,
      ),
    );
    panel.appendChild(el("h3", {}, e.claims.length + (e.claims.length === 1 ? " claim" : " claims")));
    panel.appendChild(el("ol", { class: "claims" }, e.claims.map(claimItem)));
  }

  function claimItem(c) {
    const where = c.place ? c.place + (c.country ? " (" + c.country + ")" : "") : "place unknown";
    const from = c.outlet || c.page || c.doc;
    const open = () => openClaim(c);
    return el(
      "li",
      { class: "claim stance-" + c.stance },
      el(
        "button",
        { type: "button", class: "claim-open", onclick: open, title: "Show this sentence in its page" },
        el(
          "p",
          { class: "claim-head" },
          el("strong", {}, c.source),
          " " + (STANCE[c.stance] || c.stance) + " ",
          el("span", { class: "type" }, human(c.type)),
        ),
        el("p", { class: "muted" }, showDate(c.date), " · ", where, " · ", from),
        el("blockquote", {}, c.evidence),
      ),
    );
  }

  // ------------------------------------------------------------ document view

  const dialog = document.getElementById("document");
  document.getElementById("doc-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    state.claim = null;
    writeHash();
  });

  function openClaim(c) {
    state.claim = c.id;
    writeHash();
    return openDocument(c.doc, c.start, c.end, c.also_evidence || []);
  }

  /**
   * The document's text cut at byte offsets: segments (dimmed when they are
   * comments or boilerplate) and the evidence, highlighted.
   */
  function renderText(text, segments, marks) {
    const bytes = new TextEncoder().encode(text);
    const decoder = new TextDecoder();
    const n = bytes.length;
    const clamp = (x) => Math.max(0, Math.min(n, Number(x) || 0));
    const cuts = new Set([0, n]);
    for (const s of segments) {
      cuts.add(clamp(s.start));
      cuts.add(clamp(s.end));
    }
    for (const m of marks) {
      cuts.add(clamp(m.start));
      cuts.add(clamp(m.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    let first = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      if (a === b) continue;
      const piece = decoder.decode(bytes.subarray(a, b));
      const seg = segments.find((s) => clamp(s.start) <= a && b <= clamp(s.end));
      const mark = marks.find((m) => clamp(m.start) <= a && b <= clamp(m.end));
      let node;
      if (mark) {
        node = el("mark", { class: mark.kind }, piece);
        if (mark.kind === "evidence" && !first) first = node;
      } else {
        node = el("span", {}, piece);
      }
      if (seg) node.classList.add("seg-" + seg.kind);
      out.appendChild(node);
    }
    return { fragment: out, first };
  }

  async function openDocument(docId, start, end, also) {
    let doc;
    try {
      doc = await api("/api/documents/" + encodeURIComponent(docId));
    } catch (e) {
      say(e.message, true);
      return;
    }
    document.getElementById("doc-title").textContent = doc.title || doc.origin || doc.id;
    const meta = document.getElementById("doc-meta");
    clear(meta);
    append(meta, [doc.published || "date unknown", " · ", doc.outlet || "outlet unknown", " · ", doc.language || "?"]);
    const url = doc.url && safeUrl(doc.url);
    append(meta, " · ");
    append(meta, url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, doc.url) : doc.origin);
    const marks = [{ start, end, kind: "evidence" }].concat(also.map(([s, e]) => ({ start: s, end: e, kind: "also" })));
    const { fragment, first } = renderText(doc.text, doc.segments || [], marks);
    const body = document.getElementById("doc-text");
    clear(body);
    body.appendChild(fragment);
    if (!dialog.open) dialog.showModal();
    if (first) first.scrollIntoView({ block: "center" });
  }

  // ------------------------------------------------------------ filters

  const form = document.getElementById("filters");
  const FIELDS = ["since", "until", "type", "contested", "text"];

  function formParams() {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  /** The filters, the event and the claim shown, in the address (a link to this view). */
  function writeHash() {
    const params = formParams();
    if (state.selected !== null) params.set("event", state.selected);
    if (state.claim !== null) params.set("claim", state.claim);
    const shown = params.toString();
    if (location.hash.slice(1) !== shown) history.replaceState(null, "", shown ? "#" + shown : location.pathname);
  }

  async function load() {
    writeHash();
    const params = formParams();
    params.set("limit", "2000");
    say("Loading…");
    try {
      const events = await api("/api/events?" + params.toString());
      state.events = events;
      state.byId = new Map(events.map((e) => [e.id, e]));
      state.day = null;
      drawMarkers();
      drawTimeline();
      const contested = events.filter((e) => e.contested).length;
      const unmapped = events.filter((e) => typeof e.lat !== "number").length;
      let text = events.length + (events.length === 1 ? " event" : " events") + ", " + contested + " contested";
      if (unmapped) text += ", " + unmapped + " without a place (in the list only)";
      if (events.length >= 2000) text += " — the first 2000: narrow the filters";
      if (!events.length) {
        text += formParams().toString()
          ? ": no event matches these filters"
          : ": the store has no events yet (add pages with warlog run)";
      }
      say(text);
      if (state.selected !== null && !state.byId.has(state.selected)) {
        state.selected = null;
        writeHash();
      }
      highlightMarkers();
    } catch (e) {
      say(e.message, true);
    }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    load();
  });
  form.addEventListener("reset", () => setTimeout(load, 0));
  for (const name of ["type", "contested"]) form.elements[name].addEventListener("change", load);

  async function start() {
    try {
      const types = await api("/api/types");
      const select = form.elements.type;
      for (const t of types) select.appendChild(el("option", { value: t }, human(t)));
    } catch (e) {
      say(e.message, true);
    }
    const fromHash = new URLSearchParams(location.hash.slice(1));
    for (const name of FIELDS) {
      if (fromHash.has(name)) form.elements[name].value = fromHash.get(name);
    }
    await load();
    const eventId = Number(fromHash.get("event"));
    if (Number.isInteger(eventId) && eventId > 0) {
      const event = await selectEvent(eventId);
      const claimId = Number(fromHash.get("claim"));
      const claim = event && event.claims.find((c) => c.id === claimId);
      if (claim) await openClaim(claim);
    }
  }

  window.addEventListener("resize", () => {
    if (state.events.length) drawTimeline();
  });
  start();
})();
