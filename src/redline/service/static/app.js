// The redline dashboard: plain JavaScript, no build step. Every text from the API is put in
// the page with textContent (el() below), never parsed as HTML.
"use strict";

const ROLES = ["actor", "event", "recipient"];

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "text") node.textContent = value;
    else if (key === "cls") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function $(id) { return document.getElementById(id); }

function setStatus(id, message, isError) {
  const node = $(id);
  node.textContent = message || "";
  node.classList.toggle("error", Boolean(isError));
}

// A form whose submit runs `work` with `busy` shown in its status line; the status becomes
// what `work` returns, or its error.
function onSubmit(formId, statusId, busy, work) {
  $(formId).addEventListener("submit", async (e) => {
    e.preventDefault();
    setStatus(statusId, busy);
    try {
      setStatus(statusId, await work());
    } catch (err) {
      setStatus(statusId, err.message, true);
    }
  });
}

async function api(method, path, body) {
  const options = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    let message = (data && data.error) || response.statusText;
    if (data && Array.isArray(data.detail) && data.detail.length && data.detail[0].msg) {
      message += ": " + data.detail.map((d) => (d.loc || []).slice(-1) + " " + d.msg).join("; ");
    }
    throw new Error(message);
  }
  return data;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) search.set(key, value);
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

function codes(list) {
  if (!list || !list.length) return "-";
  return list.map((a) => (typeof a === "string" ? a : a.code || a.text)).join(", ");
}

function sketch(s) {
  if (!s) return "";
  return [codes(s.actor), s.event || "(any)", s.mode || "", codes(s.recipient)]
    .filter(Boolean).join(" ");
}

// -- sentences with their spans ----------------------------------------------------------

// The sentence as text nodes and coloured spans; `spans` are offsets in the sentence.
function highlighted(sentence, spans) {
  const marks = [];
  for (const role of ROLES) {
    for (const [start, end] of (spans && spans[role]) || []) {
      if (start >= 0 && end <= sentence.length && start < end) marks.push({ start, end, role });
    }
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = el("span", { cls: "sentence-text" });
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at) continue; // overlapping: the first one wins
    out.append(sentence.slice(at, mark.start));
    out.append(el("span", { cls: "span-" + mark.role, title: mark.role,
      text: sentence.slice(mark.start, mark.end) }));
    at = mark.end;
  }
  out.append(sentence.slice(at));
  return out;
}

function shifted(spans, base) {
  const out = {};
  for (const role of ROLES) {
    out[role] = ((spans && spans[role]) || []).map(([s, e]) => [s - base, e - base]);
  }
  return out;
}

// The document offset where an event's sentence starts, found from a mention's text.
function sentenceBase(event) {
  const sentence = event.sentence || "";
  for (const role of ["actor", "recipient"]) {
    const mentions = event[role] || [];
    const spans = (event.spans && event.spans[role]) || [];
    for (let i = 0; i < Math.min(mentions.length, spans.length); i++) {
      const at = sentence.indexOf(mentions[i].text);
      if (at >= 0 && spans[i][1] - spans[i][0] === mentions[i].text.length) {
        return spans[i][0] - at;
      }
    }
  }
  return null;
}

function badges(event) {
  const out = el("span", { cls: "badges" });
  out.append(el("span", { cls: "badge " + (event.asserted ? "asserted" : "unasserted"),
    text: event.asserted ? "asserted" : "not asserted" }));
  for (const flag of event.modality || []) {
    out.append(el("span", { cls: "badge modality", text: flag }));
  }
  if (event.reported_by) {
    out.append(el("span", { cls: "badge", text: "reported by " + codes([event.reported_by]) }));
  }
  return out;
}

function eventLine(event) {
  return el("div", { cls: "meta" },
    el("strong", { text: codes(event.actor) + " " + event.event +
      (event.mode ? " (" + event.mode + ")" : "") + " " + codes(event.recipient) }),
    " ", badges(event),
    el("span", { text: " quad " + event.quad + ", intensity " + event.intensity +
      (event.date ? ", " + event.date : "") }));
}

// -- the sentence panel (every point links back here) -------------------------------------

function showPanel(...children) {
  $("sentence-body").replaceChildren(...children);
  $("sentence-panel").hidden = false;
}

async function showEvent(id) {
  showPanel(el("p", { text: "loading..." }));
  try {
    const event = await api("GET", "/events/" + encodeURIComponent(id));
    const base = sentenceBase(event);
    const sentence = base === null ? el("blockquote", { text: event.sentence })
      : el("blockquote", {}, highlighted(event.sentence, shifted(event.spans, base)));
    const doc = event.document || {};
    showPanel(sentence, eventLine(event),
      el("p", { cls: "meta", text: "document " + event.doc_id + (doc.title ? ": " + doc.title : "") +
        ", sentence " + event.sentence_index + ", event " + event.id }));
  } catch (err) {
    showPanel(el("p", { cls: "status error", text: err.message }));
  }
}

function showSentence(sentence, ...more) {
  showPanel(el("blockquote", { text: sentence || "" }), ...more);
}

// "date ACTOR TYPE RECIPIENT" of a stored event.
function eventLabel(event) {
  return event.date + " " + codes(event.actor) + " " + event.event + " " + codes(event.recipient);
}

// A list item: the event's label (a link to it) and its sentence.
function eventItem(event) {
  return el("li", {}, eventLink(event.id, eventLabel(event)), ": ",
    el("span", { text: event.sentence }));
}

function eventLink(id, label) {
  return el("a", { cls: "sentence-link", href: "#", text: label || "sentence",
    onclick: (e) => { e.preventDefault(); showEvent(id); } });
}

function sentenceLink(sentence, label, ...more) {
  return el("a", { cls: "sentence-link", href: "#", text: label || "sentence",
    onclick: (e) => { e.preventDefault(); showSentence(sentence, ...more); } });
}

// -- (1) code an article -----------------------------------------------------------------

function renderCoded(text, result) {
  const bySentence = new Map();
  for (const event of result.events) {
    if (!bySentence.has(event.sentence_index)) bySentence.set(event.sentence_index, []);
    bySentence.get(event.sentence_index).push(event);
  }
  const out = [el("p", { cls: "status", text: result.sentences + " sentences, " +
    result.events.length + " events, " + result.commitments.length + " commitments" })];
  let from = 0;
  for (const index of [...bySentence.keys()].sort((a, b) => a - b)) {
    const events = bySentence.get(index);
    const sentence = events[0].sentence || "";
    let base = text.indexOf(sentence, from);
    if (base < 0) base = text.indexOf(sentence);
    if (base >= 0) from = base + sentence.length;
    else base = sentenceBase(events[0]);
    const block = el("div", { cls: "sentence", id: "coded-sentence-" + index },
      el("div", { cls: "meta", text: "sentence " + index }));
    for (const event of events) {
      block.append(base === null ? el("div", { text: sentence })
        : el("div", {}, highlighted(sentence, shifted(event.spans, base))));
      block.append(eventLine(event));
    }
    out.push(block);
  }
  if (result.commitments.length) {
    out.push(el("h3", { text: "Commitments" }));
    const list = el("ul");
    for (const c of result.commitments) {
      list.append(el("li", {}, el("strong", { text: c.kind + " by " + codes(c.holder) + ": " }),
        "if " + sketch(c.trigger) + " then " + sketch(c.response) + " ",
        sentenceLink(c.sentence)));
    }
    out.push(list);
  }
  $("code-result").replaceChildren(...out);
}

function setupCode() {
  const area = $("code-text");
  $("code-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = area.value;
    if (!text.trim()) return;
    setStatus("code-status", "coding...");
    try {
      const body = { text, title: $("code-title").value };
      if ($("code-date").value) body.date = $("code-date").value;
      const result = await api("POST", "/code", body);
      renderCoded(text, result);
      setStatus("code-status", "");
    } catch (err) {
      setStatus("code-status", err.message, true);
    }
  });
  area.addEventListener("dragover", (e) => { e.preventDefault(); area.classList.add("dragover"); });
  area.addEventListener("dragleave", () => area.classList.remove("dragover"));
  area.addEventListener("drop", async (e) => {
    e.preventDefault();
    area.classList.remove("dragover");
    const file = e.dataTransfer.files && e.dataTransfer.files[0];
    if (file) {
      area.value = await file.text();
      if (!$("code-title").value) $("code-title").value = file.name;
    }
  });
}

// -- (2) the events table ----------------------------------------------------------------

const eventsState = { params: {}, cursor: null };

function eventRow(event) {
  return el("tr", { cls: "clickable", onclick: () => showEvent(event.id) },
    el("td", { text: event.date || "" }), el("td", { text: codes(event.actor) }),
    el("td", { text: event.event + (event.mode ? " (" + event.mode + ")" : "") }),
    el("td", { text: codes(event.recipient) }), el("td", { text: String(event.quad) }),
    el("td", {}, badges(event)), el("td", { text: event.sentence || "" }));
}

async function loadEvents(append) {
  setStatus("events-status", "loading...");
  try {
    const params = { ...eventsState.params };
    if (append && eventsState.cursor) params.cursor = eventsState.cursor;
    const page = await api("GET", "/events" + query(params));
    const body = $("events-table").tBodies[0];
    const rows = page.items.map(eventRow);
    if (append) body.append(...rows); else body.replaceChildren(...rows);
    eventsState.cursor = page.next_cursor;
    $("events-more").hidden = !page.next_cursor;
    setStatus("events-status", body.rows.length + " events shown" +
      (page.next_cursor ? " (more)" : ""));
  } catch (err) {
    setStatus("events-status", err.message, true);
  }
}

function setupEvents() {
  $("events-form").addEventListener("submit", (e) => {
    e.preventDefault();
    eventsState.params = {
      actor: $("f-actor").value.trim(), recipient: $("f-recipient").value.trim(),
      type: $("f-type").value.trim(), asserted: $("f-asserted").value,
      since: $("f-since").value, until: $("f-until").value, q: $("f-q").value.trim(),
    };
    loadEvents(false);
  });
  $("events-more").addEventListener("click", () => loadEvents(true));
  loadEvents(false);
}

// -- (3) the dyad's escalation index -----------------------------------------------------

function periodEnd(start, by) {
  const day = new Date(start + "T00:00:00Z");
  if (by === "week") day.setUTCDate(day.getUTCDate() + 6);
  else if (by === "month") { day.setUTCMonth(day.getUTCMonth() + 1); day.setUTCDate(0); }
  return day.toISOString().slice(0, 10);
}

async function dyadEvents(a, b, by, both, period) {
  const target = $("dyad-events");
  target.replaceChildren(el("p", { cls: "status", text: "loading..." }));
  const until = periodEnd(period, by);
  const pairs = both ? [[a, b], [b, a]] : [[a, b]];
  try {
    const items = [];
    for (const [actor, recipient] of pairs) {
      const page = await api("GET", "/events" + query({ actor, recipient, since: period, until,
        limit: 200 }));
      items.push(...page.items);
    }
    const list = el("ul");
    for (const event of items) {
      list.append(eventItem(event));
    }
    target.replaceChildren(el("h3", { text: "Events from " + period + " to " + until }),
      items.length ? list : el("p", { text: "no events" }));
  } catch (err) {
    target.replaceChildren(el("p", { cls: "status error", text: err.message }));
  }
}

function setupDyad() {
  onSubmit("dyad-form", "dyad-status", "loading...", async () => {
    const a = $("dyad-a").value.trim().toUpperCase();
    const b = $("dyad-b").value.trim().toUpperCase();
    const by = $("dyad-by").value;
    const both = $("dyad-both").checked;
    const dyad = await api("GET", "/dyads/" + encodeURIComponent(a) + "/" +
      encodeURIComponent(b) + query({ by, both: both ? "true" : "" }));
    const periods = dyad.periods || [];
    const chart = $("dyad-chart");
    Plotly.newPlot(chart, [{
      type: "bar", x: periods.map((p) => p.period), y: periods.map((p) => p.escalation_index),
      marker: { color: periods.map((p) => (p.escalation_index > 0 ? "#b22222" : "#2f7d32")) },
      hovertemplate: "%{x}: %{y}<extra></extra>",
    }], { title: { text: a + (both ? " <-> " : " -> ") + b + ": escalation index" },
      xaxis: { title: { text: by } }, yaxis: { title: { text: "escalation index" } },
      margin: { t: 40 } }, { responsive: true, displaylogo: false });
    chart.removeAllListeners && chart.removeAllListeners("plotly_click");
    chart.on("plotly_click", (ev) => dyadEvents(a, b, by, both, ev.points[0].x));
    $("dyad-latest").textContent = dyad.latest ? "Latest: " + dyad.latest.word + " (" +
      dyad.latest.text + ")" : "";
    $("dyad-events").replaceChildren(el("p", { cls: "status",
      text: "click a bar to list its events" }));
    return "";
  });
}

// -- (4) the actor network ---------------------------------------------------------------

function showLink(link) {
  const target = $("network-events");
  const title = link.source + " - " + link.target + " (" + link.kind + ")";
  if (link.kind === "alliance") {
    target.replaceChildren(el("h3", { text: title }),
      el("p", {}, sentenceLink(link.sentence, "the alliance's sentence")));
    return;
  }
  target.replaceChildren(el("p", { cls: "status", text: "loading..." }));
  Promise.all([[link.source, link.target], [link.target, link.source]].map(([actor, recipient]) =>
    api("GET", "/events" + query({ actor, recipient, since: $("net-since").value,
      until: $("net-until").value, limit: 200 })))).then((pages) => {
    const list = el("ul");
    for (const event of pages.flatMap((p) => p.items)) {
      list.append(eventItem(event));
    }
    target.replaceChildren(el("h3", { text: title }), list);
  }).catch((err) => target.replaceChildren(el("p", { cls: "status error", text: err.message })));
}

function setupNetwork() {
  onSubmit("network-form", "network-status", "loading...", async () => {
    const graph = await api("GET", "/graph" + query({ since: $("net-since").value,
      until: $("net-until").value }));
    const nodes = graph.nodes || [];
    const links = graph.links || graph.edges || [];
    const at = {};  // the analysis' layout (allies pulled together), else a circle
    nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      at[n.id] = Number.isFinite(n.x) && Number.isFinite(n.y) ? [n.x, n.y]
        : [Math.cos(angle), Math.sin(angle)];
    });
    const traces = [];
    const mids = { x: [], y: [], text: [], color: [], link: [] };
    for (const link of links) {
      const [p, q] = [at[link.source], at[link.target]];
      if (!p || !q) continue;
      const color = link.kind === "alliance" ? "#1f4fbf" : link.sign < 0 ? "#c62828" : "#2e7d32";
      traces.push({ type: "scatter", mode: "lines", x: [p[0], q[0]], y: [p[1], q[1]],
        line: { color, width: 1 + Math.min(6, Math.abs(link.weight || 1) / 5),
          dash: link.kind === "alliance" ? "dot" : "solid" }, hoverinfo: "skip",
        showlegend: false });
      mids.x.push((p[0] + q[0]) / 2); mids.y.push((p[1] + q[1]) / 2);
      mids.text.push(link.source + " - " + link.target + ": " + link.kind + ", weight " +
        link.weight + (link.events ? ", " + link.events + " events" : ""));
      mids.color.push(color); mids.link.push(link);
    }
    traces.push({ type: "scatter", mode: "markers", x: mids.x, y: mids.y, text: mids.text,
      hoverinfo: "text", marker: { size: 9, color: mids.color, symbol: "diamond" },
      customdata: mids.link.map((_, i) => i), name: "links", showlegend: false });
    traces.push({ type: "scatter", mode: "markers+text", x: nodes.map((n) => at[n.id][0]),
      y: nodes.map((n) => at[n.id][1]), text: nodes.map((n) => n.id),
      textposition: "top center", hovertext: nodes.map((n) => n.name + ": " + n.events +
        " events, net " + n.net + ", community " + n.community), hoverinfo: "text",
      marker: { size: nodes.map((n) => 12 + Math.min(30, 3 * (n.events || 0))),
        color: nodes.map((n) => n.community), colorscale: "Viridis" }, showlegend: false });
    const chart = $("network-chart");
    Plotly.newPlot(chart, traces, {
      xaxis: { visible: false }, yaxis: { visible: false, scaleanchor: "x" },
      margin: { t: 20, b: 20, l: 20, r: 20 }, hovermode: "closest",
    }, { responsive: true, displaylogo: false });
    chart.removeAllListeners && chart.removeAllListeners("plotly_click");
    chart.on("plotly_click", (ev) => {
      const point = ev.points[0];
      if (point.data.name === "links") showLink(mids.link[point.customdata]);
    });
    return nodes.length + " actors, " + links.length +
      " links; green cooperation, red conflict, dotted blue alliance; click a link's diamond";
  });
}

// -- (5) red lines ------------------------------------------------------------------------

function setupRedlines() {
  onSubmit("redlines-form", "redlines-status", "loading...", async () => {
    const lines = await api("GET", "/redlines" + query({ actor: $("rl-actor").value.trim() }));
    const out = lines.map((line) => {
      const crossings = line.crossings || [];
      const block = el("div", { cls: "redline" + (crossings.length ? " crossed" : "") },
        el("div", {}, el("strong", { text: line.kind + " by " + codes(line.holder) }),
          el("span", { text: ": if " + sketch(line.trigger) + " then " +
            sketch(line.response) + " (first stated " + (line.first_stated || "?") + ")" })));
      const said = el("ul");
      for (const m of line.mentions || []) {
        said.append(el("li", {}, el("span", { text: (m.date || "") + " " }),
          sentenceLink(m.sentence, "stated", el("p", { cls: "meta",
            text: "document " + m.doc_id + ", sentence " + m.sentence_index })),
          el("span", { text: ": " + m.sentence })));
      }
      block.append(said);
      if (crossings.length) {
        block.append(el("div", { text: crossings.length + " crossing(s):" }));
        const crossed = el("ul");
        for (const c of crossings) {
          const item = el("li", {}, eventLink(c.event.id, eventLabel(c.event)),
            el("span", { text: " (" + c.mentions + " reports): " + c.event.sentence }));
          if (c.response) {
            item.append(el("div", { cls: "meta" }, "response followed: ",
              eventLink(c.response.id, eventLabel(c.response))));
          } else {
            item.append(el("div", { cls: "meta", text: "no response followed" }));
          }
          crossed.append(item);
        }
        block.append(crossed);
      } else {
        block.append(el("div", { cls: "meta", text: "not crossed" }));
      }
      return block;
    });
    $("redlines-list").replaceChildren(...out);
    return lines.length + " red lines";
  });
}

// -- (6) scenario ------------------------------------------------------------------------

function setupScenario() {
  onSubmit("scenario-form", "scenario-status", "running...", async () => {
    const result = await api("POST", "/scenario", { text: $("scenario-text").value,
      depth: Number($("scenario-depth").value) || 4 });
    const steps = (result.steps || []).map((s) => el("li", {},
      el("strong", { text: sketch(s.cause) }),
      el("span", { text: " -> " + s.kind + " by " + codes(s.holder) + ": " +
        sketch(s.response) + (s.note ? " (" + s.note + ")" : "") + " " }),
      sentenceLink(s.sentence, "cited sentence", el("p", { cls: "meta",
        text: "document " + s.doc_id + (s.date ? ", " + s.date : "") })),
      el("blockquote", { text: s.sentence || "" })));
    $("scenario-steps").replaceChildren(...steps);
    return "start: " + sketch(result.start) + "; " + steps.length +
      " steps" + (result.not_followed_beyond_depth ? ", " + result.not_followed_beyond_depth +
        " not followed beyond the depth" : "");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("sentence-close").addEventListener("click", () => { $("sentence-panel").hidden = true; });
  setupCode();
  setupEvents();
  setupDyad();
  setupNetwork();
  setupRedlines();
  setupScenario();
});
