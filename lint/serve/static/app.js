// copydesk draft desk. Article text only ever reaches the page through textContent and
// DOM nodes built here: never innerHTML, insertAdjacentHTML or document.write.
"use strict";

(function () {
  const CATEGORIES = ["page-furniture", "credit-line", "attribution", "unsourced-claim", "quote-balance", "style"];
  const LABELS = {
    "page-furniture": "Page furniture",
    "credit-line": "Credit line",
    "attribution": "Attribution",
    "unsourced-claim": "Unsourced claim",
    "quote-balance": "Quote balance",
    "style": "Style",
    "copydesk": "Suppression comments",
  };
  const DEBOUNCE_MS = 300;

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const copy = $("copy");
  const groups = $("groups");
  const statusLine = $("status");
  const popover = $("popover");
  const popoverBody = $("popover-body");

  const state = {
    text: "",            // the text the current findings belong to
    findings: [],
    spans: [],           // per finding: {start, end} UTF-16 offsets into state.text
    firstMark: [],       // per finding: the mark element where it starts
    fixable: 0,
    filename: null,      // path under ROOT of the opened article, if any
    seq: 0,
    controller: null,
    timer: null,
    lastMs: null,
    rules: new Map(),
    undo: null,          // {before, after}: the draft before the safe fixes and the text they made
    pinned: false,
    anchor: null,
    hoverTimer: null,
  };

  // --- small DOM helpers (text only) ------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function setStatus(message, isError) {
    statusLine.textContent = message;
    statusLine.classList.toggle("error", Boolean(isError));
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function categoryClass(category) {
    return "cat-" + (CATEGORIES.includes(category) ? category : "other");
  }

  async function api(path, options) {
    const response = await fetch(path, options);
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = { error: `unexpected reply (${response.status})` };
    }
    if (!response.ok) {
      const error = new Error((data && data.error) || `request failed (${response.status})`);
      error.status = response.status;
      throw error;
    }
    return { data, response };
  }

  function draftBody(text) {
    return JSON.stringify({ text, filename: state.filename });
  }

  function currentText() {
    let text = draft.value;
    if (text.startsWith("\uFEFF")) text = text.slice(1); // the linter strips a BOM too
    return text;
  }

  // --- finding positions: 1-based lines and code-point columns -> UTF-16 offsets ---------
  function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }

  function offsetOf(text, starts, line, column) {
    if (line > starts.length) return text.length;
    let pos = starts[Math.max(line, 1) - 1];
    for (let k = 1; k < column && pos < text.length && text[pos] !== "\n"; k++) {
      pos += text.codePointAt(pos) > 0xffff ? 2 : 1;
    }
    return pos;
  }

  function describe(finding) {
    return `${finding.severity} ${LABELS[finding.category] || finding.category}, line ${finding.line}: ${finding.message}`;
  }

  // --- rendering --------------------------------------------------------------------------
  function render() {
    const text = state.text;
    const findings = state.findings;
    const starts = lineStarts(text);
    state.spans = findings.map((f) => {
      const start = offsetOf(text, starts, f.line, f.column);
      const end = Math.max(start, offsetOf(text, starts, f.end_line, f.end_column));
      return { start, end };
    });
    state.firstMark = new Array(findings.length).fill(null);
    closePopover(false);

    const fragment = document.createDocumentFragment();
    if (!text) {
      fragment.append(el("p", { className: "empty" }, "Paste a draft or open an article to check it."));
    } else {
      const cuts = new Set([0, text.length]);
      state.spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
      const bounds = Array.from(cuts).sort((a, b) => a - b);
      const points = new Map(); // zero-width findings (about the whole file): offset -> [index]
      state.spans.forEach((s, i) => {
        if (s.start === s.end) {
          if (!points.has(s.start)) points.set(s.start, []);
          points.get(s.start).push(i);
        }
      });
      for (let b = 0; b < bounds.length; b++) {
        const a = bounds[b];
        if (points.has(a)) fragment.append(pointMark(points.get(a)));
        if (b + 1 >= bounds.length) break;
        const z = bounds[b + 1];
        const covering = [];
        state.spans.forEach((s, i) => { if (s.start < s.end && s.start <= a && s.end >= z) covering.push(i); });
        const piece = text.slice(a, z);
        if (!covering.length) {
          fragment.append(document.createTextNode(piece));
          continue;
        }
        fragment.append(spanMark(covering, a, piece));
      }
    }
    copy.replaceChildren(fragment);
    renderGroups();
    $("fix-button").disabled = state.fixable === 0;
  }

  function spanMark(covering, start, piece) {
    // the most specific finding colours the highlight
    const primary = covering.reduce((best, i) =>
      (state.spans[i].end - state.spans[i].start) < (state.spans[best].end - state.spans[best].start) ? i : best);
    const startsHere = covering.filter((i) => state.spans[i].start === start);
    const mark = el("mark", {
      className: `hl ${categoryClass(state.findings[primary].category)}${covering.length > 1 ? " multi" : ""}`,
      dataset: { findings: covering.join(" ") },
    });
    mark.textContent = piece;
    if (startsHere.length) {
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-haspopup", "dialog");
      mark.setAttribute("aria-label", `${startsHere.map((i) => describe(state.findings[i])).join("; ")}. Flagged text: ${piece.slice(0, 120)}`);
      for (const i of startsHere) state.firstMark[i] = mark;
    }
    return mark;
  }

  function pointMark(indices) {
    const first = state.findings[indices[0]];
    const mark = el("mark", {
      className: `hl point ${categoryClass(first.category)}`,
      dataset: { findings: indices.join(" ") },
      tabindex: 0,
      role: "button",
      "aria-haspopup": "dialog",
      "aria-label": indices.map((i) => describe(state.findings[i])).join("; ") + " (about the whole draft)",
      title: "About the whole draft",
    });
    mark.textContent = "¶";
    for (const i of indices) state.firstMark[i] = mark;
    return mark;
  }

  function renderGroups() {
    const findings = state.findings;
    $("total").textContent = String(findings.length);
    const byCategory = new Map();
    findings.forEach((f, i) => {
      if (!byCategory.has(f.category)) byCategory.set(f.category, []);
      byCategory.get(f.category).push(i);
    });
    const order = [...CATEGORIES.filter((c) => byCategory.has(c)), ...[...byCategory.keys()].filter((c) => !CATEGORIES.includes(c))];
    const fragment = document.createDocumentFragment();
    if (!findings.length) {
      fragment.append(el("p", { className: "none" }, state.text ? "No findings. The draft is clean." : "Nothing checked yet."));
    }
    for (const category of order) {
      const indices = byCategory.get(category);
      const headingId = `group-${category}`;
      const list = el("ul", { "aria-labelledby": headingId });
      for (const i of indices) {
        const f = findings[i];
        const button = el("button", {
          type: "button", className: "jump", dataset: { finding: String(i) },
          "aria-label": `Go to ${describe(f)}`,
        },
        el("span", { className: "where" }, `${f.line}:${f.column}`),
        el("span", { className: `sev sev-${f.severity}` }, f.severity),
        f.message);
        list.append(el("li", null, button));
      }
      fragment.append(el("section", { className: `group ${categoryClass(category)}`, dataset: { category } },
        el("h3", { id: headingId },
          el("span", { className: `swatch ${categoryClass(category)}`, "aria-hidden": "true" }),
          LABELS[category] || category,
          el("span", { className: "count", "aria-label": plural(indices.length, "finding") }, String(indices.length))),
        list));
    }
    groups.replaceChildren(fragment);
  }

  // --- linting ----------------------------------------------------------------------------
  async function relint() {
    const t0 = performance.now();
    const text = currentText();
    const seq = ++state.seq;
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    let data, response;
    try {
      ({ data, response } = await api("/api/lint", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: draftBody(text), signal: controller.signal,
      }));
    } catch (err) {
      if (err.name === "AbortError") return null;
      if (seq === state.seq) setStatus(`Could not check the draft: ${err.message}`, true);
      return null;
    }
    if (seq !== state.seq) return null;
    state.text = text;
    state.findings = data.findings;
    state.fixable = Number(response.headers.get("X-Copydesk-Fixable") || 0);
    render();
    const ms = performance.now() - t0;
    state.lastMs = ms;
    setStatus(`${plural(state.findings.length, "finding")} · checked in ${Math.round(ms)} ms`);
    return ms;
  }

  function scheduleLint() {
    clearTimeout(state.timer);
    setStatus("Checking…");
    state.timer = setTimeout(relint, DEBOUNCE_MS);
  }

  // --- explanations -----------------------------------------------------------------------
  async function ruleInfo(id) {
    if (state.rules.has(id)) return state.rules.get(id);
    try {
      const query = state.filename ? `?filename=${encodeURIComponent(state.filename)}` : "";
      const { data } = await api(`/api/rules/${encodeURIComponent(id)}${query}`);
      state.rules.set(id, data);
      return data;
    } catch (err) {
      return null;
    }
  }

  function examplesBlock(label, items, kind) {
    if (!items || !items.length) return null;
    const block = el("div", null, el("h3", null, label));
    for (const example of items) block.append(el("pre", { className: kind }, example.text.replace(/\n+$/, "")));
    return block;
  }

  async function openPopover(mark, pinned) {
    const indices = (mark.dataset.findings || "").split(" ").filter(Boolean).map(Number);
    if (!indices.length) return;
    state.anchor = mark;
    state.pinned = pinned;
    document.querySelectorAll("mark.hl.current").forEach((m) => m.classList.remove("current"));
    mark.classList.add("current");
    const seq = state.seq;
    const parts = [];
    for (const i of indices) {
      const f = state.findings[i];
      const rule = await ruleInfo(f.rule);
      if (seq !== state.seq || state.anchor !== mark) return;
      parts.push(el("article", { className: "explain", dataset: { rule: f.rule } },
        el("div", { className: "rule-line" },
          el("span", { className: `swatch ${categoryClass(f.category)}`, "aria-hidden": "true" }),
          el("span", null, LABELS[f.category] || f.category),
          el("span", { className: `sev sev-${f.severity}` }, f.severity),
          el("span", { className: "rule-id" }, f.rule),
          el("span", null, `line ${f.line}:${f.column}`)),
        el("p", { className: "message" }, f.message),
        rule ? el("h3", null, "Why") : null,
        rule ? el("p", { className: "why" }, rule.description) : null,
        rule ? examplesBlock("Flagged", rule.examples.fail, "fail") : null,
        rule ? examplesBlock("Not flagged", rule.examples.pass, "pass") : null));
    }
    popoverBody.replaceChildren(...parts);
    popover.hidden = false;
    placePopover(mark);
  }

  function placePopover(mark) {
    const rects = mark.getClientRects();
    const box = rects.length ? rects[0] : mark.getBoundingClientRect();
    const margin = 8;
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    let left = Math.min(Math.max(margin, box.left), window.innerWidth - width - margin);
    let top = box.bottom + 6;
    if (top + height > window.innerHeight - margin) {
      const above = box.top - height - 6;
      top = above >= margin ? above : Math.max(margin, window.innerHeight - height - margin);
    }
    popover.style.left = `${Math.max(margin, left)}px`;
    popover.style.top = `${top}px`;
  }

  function closePopover(restoreFocus) {
    const anchor = state.anchor;
    popover.hidden = true;
    state.pinned = false;
    state.anchor = null;
    if (anchor) anchor.classList.remove("current");
    if (restoreFocus && anchor && document.contains(anchor)) anchor.focus();
  }

  function jumpTo(index) {
    const mark = state.firstMark[index];
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: "auto" });
    mark.focus({ preventScroll: true });
    mark.classList.remove("flash");
    void mark.offsetWidth;
    mark.classList.add("flash");
    openPopover(mark, true);
  }

  // --- fixes, files and downloads ----------------------------------------------------------
  function showChanges(result) {
    const list = $("changes-list");
    const rows = result.removed_lines.map((row) =>
      el("div", null, el("span", { className: "ln" }, String(row.line)), el("span", { className: "gone" }, row.text || " ")));
    list.replaceChildren(...rows);
    const lines = result.removed_lines.map((r) => r.line);
    const range = lines.length ? ` (lines ${lines[0]}–${lines[lines.length - 1]})` : "";
    $("changes-summary").textContent =
      `Removed ${plural(lines.length, "line")}${range} for ${plural(result.fixed, "finding")}.`;
    $("changes").hidden = false;
  }

  async function applyFixes() {
    const text = currentText();
    let result;
    try {
      ({ data: result } = await api("/api/fix", { method: "POST", headers: { "Content-Type": "application/json" }, body: draftBody(text) }));
    } catch (err) {
      setStatus(`Could not apply the fixes: ${err.message}`, true);
      return;
    }
    if (!result.changed) {
      setStatus(result.refused_lines.length
        ? `Fix refused: it would remove line ${result.refused_lines[0]}, which no finding covers`
        : "No safe fixes to apply");
      return;
    }
    const before = draft.value;
    draft.value = result.text;
    state.undo = { before, after: draft.value };
    $("undo-button").hidden = false;
    showChanges(result);
    await relint();
    setStatus(`Applied ${plural(result.fixed, "safe fix")}: removed ${plural(result.removed_lines.length, "line")}`);
  }

  async function undoFixes() {
    if (!state.undo || draft.value !== state.undo.after) {
      forgetUndo();
      return;
    }
    draft.value = state.undo.before;
    forgetUndo();
    await relint();
  }

  // Undo belongs to the text the fixes made: once the draft is anything else (typed over,
  // another article opened, a new draft started) it would put old text over new work.
  function forgetUndo() {
    state.undo = null;
    $("undo-button").hidden = true;
    $("changes").hidden = true;
  }

  function draftChanged() {
    if (state.undo && draft.value !== state.undo.after) forgetUndo();
    scheduleLint();
  }

  async function downloadFixed() {
    const text = currentText();
    let fixed = text;
    try {
      const { data } = await api("/api/fix", { method: "POST", headers: { "Content-Type": "application/json" }, body: draftBody(text) });
      fixed = data.text;
    } catch (err) {
      setStatus(`Could not prepare the download: ${err.message}`, true);
      return;
    }
    const base = (state.filename || "draft.txt").split("/").pop();
    const name = /\.[^.]+$/.test(base) ? base.replace(/(\.[^.]+)$/, ".fixed$1") : `${base}.fixed.txt`;
    const url = URL.createObjectURL(new Blob([fixed], { type: "text/plain;charset=utf-8" }));
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus(`Downloaded ${name}`);
  }

  async function loadFiles() {
    try {
      const { data } = await api("/api/files");
      const select = $("file-select");
      for (const path of data.files) select.append(el("option", { value: path }, path));
    } catch (err) {
      setStatus(`Could not list articles: ${err.message}`, true);
    }
  }

  async function openFile(path) {
    if (!path) {
      state.filename = null;
      draft.value = "";
      forgetUndo();
      $("draft-name").textContent = "";
      await relint();
      draft.focus();
      return;
    }
    try {
      const { data } = await api(`/api/file?path=${encodeURIComponent(path)}`);
      state.filename = data.path;
      draft.value = data.text;
      draft.setSelectionRange(0, 0);
      draft.scrollTop = 0;
      $("draft-name").textContent = data.path;
      forgetUndo();
      await relint();
    } catch (err) {
      setStatus(`Could not open ${path}: ${err.message}`, true);
    }
  }

  async function loadRules() {
    try {
      const { data } = await api("/api/rules");
      for (const rule of data.rules) state.rules.set(rule.id, rule);
    } catch (err) {
      /* explanations are then fetched one by one */
    }
  }

  // --- events -------------------------------------------------------------------------------
  draft.addEventListener("input", draftChanged);
  $("fix-button").addEventListener("click", applyFixes);
  $("undo-button").addEventListener("click", undoFixes);
  $("download-button").addEventListener("click", downloadFixed);
  $("open-form").addEventListener("submit", (event) => {
    event.preventDefault();
    openFile($("file-select").value);
  });
  $("popover-close").addEventListener("click", () => closePopover(true));

  copy.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark) openPopover(mark, true);
  });
  copy.addEventListener("keydown", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openPopover(mark, true);
    }
  });
  copy.addEventListener("mouseover", (event) => {
    const mark = event.target.closest("mark.hl");
    if (!mark || state.pinned || state.anchor === mark) return;
    clearTimeout(state.hoverTimer);
    state.hoverTimer = setTimeout(() => openPopover(mark, false), 120);
  });
  copy.addEventListener("mouseout", (event) => {
    clearTimeout(state.hoverTimer);
    const to = event.relatedTarget;
    if (state.pinned || (to && (popover.contains(to) || (to.closest && to.closest("mark.hl") === state.anchor)))) return;
    if (event.target.closest("mark.hl")) closePopover(false);
  });
  popover.addEventListener("mouseleave", (event) => {
    if (!state.pinned && !(event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest("mark.hl"))) closePopover(false);
  });
  copy.addEventListener("focusin", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark && !state.pinned) openPopover(mark, false);
  });
  copy.addEventListener("focusout", (event) => {
    const to = event.relatedTarget;
    if (!state.pinned && !(to && (popover.contains(to) || (to.closest && to.closest("mark.hl"))))) closePopover(false);
  });
  copy.addEventListener("scroll", () => { if (state.anchor && !popover.hidden) placePopover(state.anchor); });
  window.addEventListener("resize", () => { if (state.anchor && !popover.hidden) placePopover(state.anchor); });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !popover.hidden) {
      event.preventDefault();
      closePopover(true);
    }
  });
  document.addEventListener("click", (event) => {
    if (popover.hidden || popover.contains(event.target) || event.target.closest("mark.hl")) return;
    closePopover(false);
  });
  groups.addEventListener("click", (event) => {
    const button = event.target.closest("button.jump");
    if (button) {
      event.stopPropagation();
      jumpTo(Number(button.dataset.finding));
    }
  });

  // a hook for tests and tooling: re-lint now and get the time it took (fetch + render)
  window.copydesk = { relint, state, applyFixes, openFile };

  loadRules();
  loadFiles();
  relint();
})();
