// The leaderboard page (/leaderboard.html): GET /leaderboard, re-fetched as results stream in over SSE.
"use strict";
import {NOT_RECORDED, percentWithInterval} from "/assets/format.js";
import {followResults, oncePerBurst} from "/assets/live.js";

const state = {sort: null, order: null, metrics: []};

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined || text === "" ? NOT_RECORDED : text;
  if (className) td.className = className;
  return td;
}

/** The headings: fixed columns, then one per metric the service ranks by (its list, so a new metric shows up). */
function renderHeadings(board) {
  const row = document.querySelector("#leaderboard thead tr");
  row.replaceChildren();
  const plain = text => { const th = document.createElement("th"); th.textContent = text; return th; };
  row.append(plain("#"), plain("model"), plain("checkpoint"), plain("status"));
  for (const metric of board.metrics) {
    const th = plain(metric.interval ? `${metric.label} [95 % CI]` : metric.label);
    th.dataset.metric = metric.name;
    th.className = "number sortable" + (metric.name === board.sort ? ` sorted ${board.order}` : "");
    th.title = `rank by ${metric.label} (${metric.better} is better)`;
    th.addEventListener("click", () => {
      // The same heading again reverses the order; a new one starts with its best first (the service's default).
      const order = metric.name === state.sort ? (state.order === "desc" ? "asc" : "desc") : null;
      refresh(metric.name, order);
    });
    row.appendChild(th);
  }
  row.append(plain("publisher"), plain("engine"), plain("data"), plain("profile / seed"), plain("date"),
      plain("robust version"));
}

/** A score as its unit reads: a fraction as a percentage, nats with two decimals; its interval where it has one. */
function score(metric, value, interval) {
  if (value === undefined || value === null) return "–";
  if (metric.unit === "fraction") return percentWithInterval(value, interval);
  return interval ? `${value.toFixed(2)} [${interval.low.toFixed(2)}, ${interval.high.toFixed(2)}]`
      : value.toFixed(2);
}

function renderRows(board) {
  const body = document.querySelector("#leaderboard tbody");
  body.replaceChildren();
  for (const entry of board.rows) {
    const origin = entry.provenance || {};
    const row = document.createElement("tr");
    row.dataset.checkpoint = entry.checkpoint_id;
    const link = document.createElement("td");
    const a = document.createElement("a");
    a.href = `/runs/${encodeURIComponent(entry.run_id)}/report.html`;
    a.textContent = entry.checkpoint_id;
    link.appendChild(a);
    row.append(cell(entry.rank, "number"), cell(`${entry.model_name}${origin.model ? ` (${origin.model})` : ""}`),
        link, cell(entry.status, entry.status === "failed" ? "failed" : ""));
    for (const metric of board.metrics) {
      row.appendChild(cell(score(metric, entry.scores[metric.name], entry.intervals[metric.name]),
          `number ${metric.name}`));
    }
    const data = origin.data === origin.scored_on ? origin.data : `${origin.data} / ${origin.scored_on}`;
    // A model trained elsewhere has no profile or seed here; one trained here by an older build has them unrecorded.
    const profile = origin.profile ? `${origin.profile} / ${origin.seed ?? NOT_RECORDED}`
        : entry.kind === "imported" ? "–" : "";
    row.append(cell(origin.publisher, "publisher"), cell(origin.engine),
        cell(origin.synthetic ? `SYNTHETIC images (${data})` : data, origin.synthetic ? "synthetic" : ""),
        cell(profile), cell(origin.date ? origin.date.slice(0, 19).replace("T", " ") : ""), cell(origin.version));
    body.appendChild(row);
  }
}

async function refresh(sort = state.sort, order = state.order) {
  const query = new URLSearchParams();
  if (sort) query.set("sort", sort);
  if (order) query.set("order", order);
  const response = await fetch(`/leaderboard?${query}`);
  if (!response.ok) return;  // 503 while the table loads: the next result or reconnect refreshes
  const board = await response.json();
  Object.assign(state, {sort: board.sort, order: board.order, metrics: board.metrics});
  renderHeadings(board);
  renderRows(board);
}

const scheduleRefresh = oncePerBurst(() => refresh());

refresh();
// Re-ranked on each burst of results, and after a reconnection (results may have arrived meanwhile).
followResults(scheduleRefresh, scheduleRefresh);
