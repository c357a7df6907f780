// Number formatting shared by the dashboard and the report page.
"use strict";

/** A fraction 0..1 as a percentage with one decimal; a dash when there is no value. */
export function percent(value) {
  return value === null || value === undefined ? "–" : `${(value * 100).toFixed(1)}%`;
}
