// The run report page (/runs/{id}/report.html): charts drawn from /runs/{id}/report.
"use strict";
import {barChart, lineChart} from "/assets/charts.js";
import {dataLabel, listed, percent, percentWithInterval, points, pValue, verdictRows, verdictWords}
  from "/assets/format.js";

const runId = decodeURIComponent(location.pathname.split("/")[2]);
const baseline = new URLSearchParams(location.search).get("baseline");

/** The final models (raw and SWA teacher, student) when the run has any, else the latest checkpoint of each role. */
function modelsToCompare(checkpoints) {
  const finals = checkpoints.filter(summary => ["raw", "swa", "final"].includes(summary.kind));
  return finals.length ? finals : latestPerRole(checkpoints);
}

function latestPerRole(checkpoints) {
  const latest = {};
  for (const summary of checkpoints) {
    const current = latest[summary.role];
    if (!current || summary.epoch > current.epoch) latest[summary.role] = summary;
  }
  return ["teacher", "student"].filter(role => latest[role]).map(role => latest[role]);
}

/**
 * The run's header: profile, engine, data, seed and the robust version from its checkpoints' claim checks (the rows
 * and words of the CLI's report.md), the severities scored, and this service's version from /info.
 */
async function renderSettings(report, checkpoints) {
  const info = await fetch("/info").then(response => response.ok ? response.json() : {}).catch(() => ({}));
  const header = report.header || {};
  document.getElementById("synthetic").hidden = !header.synthetic;
  const severities = [...new Set(checkpoints.flatMap(summary => (report.scores[summary.checkpoint_id]?.by_severity
      || []).map(point => point.severity)).filter(severity => severity > 0))].sort();
  const rows = [
    ["profile", listed(header.profiles)],
    ["engine", listed(header.engines)],
    ["data", dataLabel(header.data, header.synthetic)],
    ["severities scored", severities.length ? severities.join(", ")
        + (severities.join() === "5" ? " only, so C-all = C-sev5" : "") : "none yet"],
    ["seed", listed(header.seeds)],
    ["robust version", listed(header.versions)],
    ["scored by", `${info.service || "eval-service"} ${info.version || ""}`.trim()],
  ];
  const body = document.querySelector("#settings tbody");
  for (const [name, value] of rows) {
    const row = document.createElement("tr");
    for (const text of [name, value]) {
      const td = document.createElement("td");
      td.textContent = text;
      row.appendChild(td);
    }
    body.appendChild(row);
  }
  document.getElementById("sev5-only").hidden = severities.join() !== "5";
}

function render(report) {
  document.getElementById("title").textContent = `run ${report.run_id}`;
  document.getElementById("dataset").textContent = `data: ${report.dataset}`;
  const models = modelsToCompare(report.checkpoints);
  const scores = summary => report.scores[summary.checkpoint_id] || {slices: [], by_severity: []};
  const slice = (summary, corruption, severity) => scores(summary).slices
      .find(s => s.corruption === corruption && s.severity === severity);
  const corruptions = [...new Set(models.flatMap(s => Object.keys(s.per_corruption || {})))].sort();
  const categories = ["clean", ...corruptions];
  document.getElementById("severity5").appendChild(barChart(categories, models.map(summary => {
    const slices = categories.map(c => c === "clean" ? slice(summary, "clean", 0) : slice(summary, c, 5));
    return {name: summary.model_name || summary.checkpoint_id,
      values: slices.map(s => s ? s.top1 : null), intervals: slices.map(s => s ? s.interval : null)};
  })));
  const severities = [0, 1, 2, 3, 4, 5];
  document.getElementById("curves").appendChild(lineChart(severities.map(s => s === 0 ? "clean" : String(s)),
      models.map(summary => {
        const points = severities.map(severity => scores(summary).by_severity.find(p => p.severity === severity));
        return {name: summary.model_name || summary.checkpoint_id,
          values: points.map(p => p ? p.top1 : null), intervals: points.map(p => p ? p.interval : null)};
      })));
  renderSettings(report, models);
  const body = document.querySelector("#summaries tbody");
  for (const summary of report.checkpoints) {
    const row = document.createElement("tr");
    for (const text of [summary.checkpoint_id, summary.model_name || summary.role, summary.status,
      percentWithInterval(summary.clean_top1, summary.clean_top1_interval),
      percentWithInterval(summary.c_sev5, summary.c_sev5_interval),
      percentWithInterval(summary.c_all, summary.c_all_interval), (summary.missing || []).join(", ")]) {
      const td = document.createElement("td");
      td.textContent = text;
      row.appendChild(td);
    }
    body.appendChild(row);
  }
  renderRobustness(report);
  const verdicts = document.querySelector("#verdicts tbody");
  for (const comparison of verdictRows(report.checkpoints)) {
    const row = document.createElement("tr");
    for (const text of [comparison.model, comparison.baseline_name, comparison.slice, comparison.images,
      points(comparison.difference, comparison.difference_interval), pValue(comparison.p_value),
      verdictWords(comparison.verdict)]) {
      const td = document.createElement("td");
      td.textContent = text;
      row.appendChild(td);
    }
    row.lastChild.className = `verdict ${comparison.verdict}`;
    verdicts.appendChild(row);
  }
}

/** The robustness metrics table; says why the benchmark figures are absent, and normalizes when asked. */
function renderRobustness(report) {
  const fixed = (value, digits) => value === null || value === undefined ? "–" : value.toFixed(digits);
  const withInterval = (value, interval, digits) => value === null || value === undefined ? "–"
      : interval ? `${fixed(value, digits)} [${fixed(interval.low, digits)}, ${fixed(interval.high, digits)}]`
          : fixed(value, digits);
  const normalized = report.baseline ? report.baseline.checkpoints : {};
  const body = document.querySelector("#robustness tbody");
  let short = 0;
  for (const summary of report.checkpoints) {
    const m = summary.metrics || {per_corruption: {}, benchmark_slices: 0};
    if (m.common_corruptions_accuracy === undefined) short = Math.max(short, 75 - m.benchmark_slices);
    const ratio = normalized[summary.checkpoint_id];
    const row = document.createElement("tr");
    for (const text of [summary.checkpoint_id, summary.model_name || summary.role,
      percentWithInterval(m.common_corruptions_accuracy, m.common_corruptions_accuracy_interval),
      percentWithInterval(m.mce, m.mce_interval), percent(m.relative_mce), fixed(m.clean && m.clean.ece, 3),
      withInterval(m.clean && m.clean.nll, m.clean && m.clean.nll_interval, 3),
      fixed(m.corrupted && m.corrupted.ece, 3),
      withInterval(m.corrupted && m.corrupted.nll, m.corrupted && m.corrupted.nll_interval, 3),
      ratio ? `${percent(ratio.mce)} · ${percent(ratio.relative_mce)}` : "–"]) {
      const td = document.createElement("td");
      td.textContent = text;
      row.appendChild(td);
    }
    body.appendChild(row);
  }
  const why = [];
  if (short > 0) {
    why.push(`Common-corruptions accuracy and mCE are absent where a checkpoint lacks some of the 75 benchmark ` +
        `slices (up to ${short} missing here: the scoring plan covers fewer corruptions or severities, or their ` +
        `topics are missing).`);
  }
  if (report.baseline) {
    why.push(`Normalized to ${report.baseline.baseline_name} (${report.baseline.baseline_checkpoint_id}).`);
    for (const [checkpoint, reason] of Object.entries(report.baseline.unavailable || {})) {
      why.push(`${checkpoint}: ${reason}.`);
    }
  }
  document.getElementById("robustness-why").textContent = why.join(" ");
}

const query = baseline ? `?baseline=${encodeURIComponent(baseline)}` : "";
fetch(`/runs/${encodeURIComponent(runId)}/report${query}`).then(async response => {
  if (!response.ok) {
    const problem = await response.json().catch(() => ({detail: response.statusText}));
    document.querySelector("main").textContent = problem.detail;
    return;
  }
  render(await response.json());
});
