/**
 * A minute clock for relative times ("5 minutes ago"). Reading `currentTime()` in a
 * template or `$derived` re-runs it every minute; the interval exists only while
 * something on screen reads it (Svelte's `createSubscriber`).
 */
import { createSubscriber } from 'svelte/reactivity';

const MINUTE_MS = 60_000;

const subscribe = createSubscriber((update) => {
  const timer = setInterval(update, MINUTE_MS);
  return () => clearInterval(timer);
});

/** Milliseconds since the epoch; reactive to the minute inside effects and templates. */
export function currentTime(): number {
  subscribe();
  return Date.now();
}
