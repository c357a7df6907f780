// Following the evaluation results as they are published, shared by the dashboard and the leaderboard.
"use strict";

/**
 * Opens the results stream: the element with id "connection" says "live" or "reconnecting…", and onResult gets each
 * result. Named events (event: = the CloudEvents type); EventSource sends Last-Event-ID when it reconnects, and the
 * service replays what was missed. onOpen runs on every (re)connection.
 */
export function followResults(onResult, onOpen = () => {}) {
  const status = document.getElementById("connection");
  const source = new EventSource("/evaluations/stream");
  source.onopen = () => { status.textContent = "live"; onOpen(); };
  source.onerror = () => { status.textContent = "reconnecting…"; };
  // v1 results (written before the likelihoods were added) may still be replayed.
  for (const type of ["dev.robust.evaluation.result.v2", "dev.robust.evaluation.result.v1"]) {
    source.addEventListener(type, message => onResult(JSON.parse(message.data)));
  }
}

/** refresh, at most once per burst: a sweep publishes ~100 results at once. */
export function oncePerBurst(refresh) {
  let pending = null;
  return () => {
    if (pending) return;
    pending = setTimeout(() => { pending = null; refresh(); }, 500);
  };
}
