/**
 * Spans the UI records in the web view's performance timeline (User Timing), for
 * measuring the real app: `explore:ipc` (Explore's `kpi_chart` round trip),
 * `explore:draw` (ECharts from setOption to its `finished` event) and `tickets:open`
 * (a ticket list from asking for its first page until those rows are in the DOM).
 * Only the latest span of each name is kept; nothing else reads or changes anything.
 */
export type TimingName = 'explore:ipc' | 'explore:draw' | 'tickets:open';

/** Now, on the timeline's clock (0 where there is no `performance`). */
export function timingStart(): number {
  return globalThis.performance?.now() ?? 0;
}

/** Records `name` as the span from `start` (a `timingStart()` value) to now. */
export function recordSpan(name: TimingName, start: number): void {
  const timeline = globalThis.performance;
  if (typeof timeline?.measure !== 'function') return;
  try {
    timeline.clearMeasures(name);
    timeline.measure(name, { start, end: timeline.now() });
  } catch {
    // A timeline without User Timing Level 3 options: no span, nothing else changes.
  }
}
