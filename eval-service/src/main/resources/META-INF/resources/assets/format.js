// Number formatting shared by the dashboard and the report page.
"use strict";

/** A fraction 0..1 as a percentage with one decimal; a dash when there is no value. */
export function percent(value) {
  return value === null || value === undefined ? "–" : `${(value * 100).toFixed(1)}%`;
}

/** A top-1 with its 95 % interval, e.g. "44.2% [41.1, 47.3]"; the interval left out when there is none. */
export function percentWithInterval(value, interval) {
  if (value === null || value === undefined) return "–";
  if (!interval) return percent(value);
  return `${percent(value)} [${(interval.low * 100).toFixed(1)}, ${(interval.high * 100).toFixed(1)}]`;
}

/** An expected calibration error and a mean NLL side by side, e.g. "0.042 · 0.31"; dashes for what is absent. */
export function calibration(slice) {
  const fixed = (value, digits) => value === null || value === undefined ? "–" : value.toFixed(digits);
  return slice ? `${fixed(slice.ece, 3)} · ${fixed(slice.nll, 2)}` : "–";
}

/** A difference of top-1s in points with its interval, e.g. "+3.1 pt [+0.4, +5.8]". */
export function points(difference, interval) {
  const signed = value => `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)}`;
  return `${signed(difference)} pt [${signed(interval.low)}, ${signed(interval.high)}]`;
}

/** A p-value as reports print it. */
export function pValue(p) {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** The verdict in words. */
export function verdictWords(verdict) {
  return verdict === "no_significant_difference" ? "no significant difference at 95 %" : verdict;
}

/** The rows of a verdict table: every comparison a run's final students carry, clean and C-sev5 first. */
export function verdictRows(checkpoints) {
  const rows = [];
  for (const summary of checkpoints) {
    for (const comparison of summary.comparisons || []) {
      rows.push({model: summary.model_name || summary.checkpoint_id, ...comparison});
    }
  }
  const rank = slice => slice === "clean" ? 0 : slice === "c_sev5" ? 1 : 2;
  return rows.sort((a, b) => rank(a.slice) - rank(b.slice));
}

/** The words every header uses for "not known": a run from an older build, or a claim check gone from Kafka. */
export const NOT_RECORDED = "not recorded";

/** A list as a header cell, e.g. "ci, quick"; "not recorded" when empty. */
export function listed(values) {
  return values && values.length ? values.join(", ") : NOT_RECORDED;
}

/** Data labels as a header cell, synthetic flagged as the CLI's report flags it: "SYNTHETIC images (synthetic)". */
export function dataLabel(labels, synthetic) {
  const text = listed(labels);
  return synthetic ? `SYNTHETIC images (${text})` : text;
}
