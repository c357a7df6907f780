// The dashboard at "/": runs and checkpoints from the REST API, live scores from the SSE stream.
"use strict";
import {calibration, dataLabel, listed, percent, percentWithInterval, points, pValue, verdictRows, verdictWords}
  from "/assets/format.js";
import {followResults, oncePerBurst} from "/assets/live.js";

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function link(href, text) {
  const td = document.createElement("td");
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  td.appendChild(a);
  return td;
}

function renderRuns(runs) {
  const runBody = document.querySelector("#runs tbody");
  const checkpointBody = document.querySelector("#checkpoints tbody");
  const verdictBody = document.querySelector("#verdicts tbody");
  runBody.replaceChildren();
  checkpointBody.replaceChildren();
  verdictBody.replaceChildren();
  for (const run of runs) {
    const row = document.createElement("tr");
    const header = run.header || {};
    row.append(cell(run.run_id), cell(listed(header.profiles)), cell(listed(header.engines)),
        cell(dataLabel(header.data, header.synthetic), header.synthetic ? "synthetic" : ""),
        cell(listed(header.seeds)), cell(listed(header.versions)), cell(run.checkpoints.length, "number"),
        link(`/runs/${encodeURIComponent(run.run_id)}/report.html`, "charts"));
    runBody.appendChild(row);
    for (const summary of run.checkpoints) {
      const checkpoint = document.createElement("tr");
      checkpoint.append(link(`/checkpoints/${encodeURIComponent(summary.checkpoint_id)}/report`,
          summary.checkpoint_id), cell(summary.model_name || summary.role), cell(summary.epoch, "number"),
          cell(summary.status, summary.status === "failed" ? "failed" : ""),
          cell(percentWithInterval(summary.clean_top1, summary.clean_top1_interval), "number"),
          cell(percentWithInterval(summary.c_sev5, summary.c_sev5_interval), "number"),
          cell(percentWithInterval(summary.c_all, summary.c_all_interval), "number"),
          cell(calibration(summary.metrics && summary.metrics.clean), "number"),
          cell(percent(summary.metrics && summary.metrics.mce), "number"));
      checkpointBody.appendChild(checkpoint);
    }
    for (const row of verdictRows(run.checkpoints)) {
      const verdict = document.createElement("tr");
      verdict.append(cell(run.run_id), cell(row.model), cell(row.baseline_name), cell(row.slice),
          cell(row.images, "number"), cell(points(row.difference, row.difference_interval), "number"),
          cell(pValue(row.p_value), "number"), cell(verdictWords(row.verdict), `verdict ${row.verdict}`));
      verdictBody.appendChild(verdict);
    }
  }
}

async function refreshRuns() {
  const response = await fetch("/runs");
  if (response.ok) renderRuns(await response.json());
}

function showLive(result) {
  const key = `${result.checkpoint_id}/${result.corruption}/${result.severity}`;
  const body = document.querySelector("#live tbody");
  const existing = body.querySelector(`tr[data-key="${CSS.escape(key)}"]`);
  if (existing) existing.remove();
  const row = document.createElement("tr");
  row.dataset.key = key;
  row.className = "fresh";
  const failed = result.status === "failed";
  row.append(cell(result.checkpoint_id), cell(result.corruption), cell(result.severity, "number"),
      cell(failed ? result.error : `${result.correct} / ${result.total}`, failed ? "failed" : "number"),
      cell(failed ? "failed" : percent(result.top1), "number top1"));
  body.prepend(row);
}

const scheduleRefresh = oncePerBurst(() => refreshRuns());

refreshRuns();
followResults(result => {
  showLive(result);
  scheduleRefresh();
});
