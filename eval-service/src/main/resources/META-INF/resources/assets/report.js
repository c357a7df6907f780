// The run report page (/runs/{id}/report.html): charts drawn from /runs/{id}/report.
"use strict";
import {barChart, lineChart} from "/assets/charts.js";
import {percentWithInterval, points, pValue, verdictRows, verdictWords} from "/assets/format.js";

const runId = decodeURIComponent(location.pathname.split("/")[2]);

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

function meanAtSeverity(summary, severity) {
  if (severity === 0) return summary.clean_top1 ?? null;
  const values = Object.values(summary.per_corruption || {}).map(bySeverity => bySeverity[severity])
      .filter(v => v !== undefined && v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

function render(report) {
  document.getElementById("title").textContent = `run ${report.run_id}`;
  document.getElementById("dataset").textContent = `data: ${report.dataset}`;
  const latest = modelsToCompare(report.checkpoints);
  const corruptions = [...new Set(latest.flatMap(s => Object.keys(s.per_corruption || {})))].sort();
  document.getElementById("severity5").appendChild(barChart(corruptions, latest.map(summary => ({
    name: summary.model_name || `${summary.role} (epoch ${summary.epoch})`,
    values: corruptions.map(c => (summary.per_corruption[c] || {})[5] ?? null)
  }))));
  const severities = [0, 1, 2, 3, 4, 5];
  document.getElementById("curves").appendChild(lineChart(severities.map(String), report.checkpoints.map(summary => ({
    name: `${summary.role} ${summary.epoch}`,
    values: severities.map(severity => meanAtSeverity(summary, severity))
  }))));
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

fetch(`/runs/${encodeURIComponent(runId)}/report`).then(async response => {
  if (!response.ok) {
    const problem = await response.json().catch(() => ({detail: response.statusText}));
    document.querySelector("main").textContent = problem.detail;
    return;
  }
  render(await response.json());
});
