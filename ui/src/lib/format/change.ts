/**
 * How a card presents the core's change: sign, arrow and whether it is good news. "Up"
 * is good for solved tickets or CSAT and bad for reply times, so the colour depends on
 * `higherIsBetter`, not on the sign alone; a change the core does not call clear (inside
 * the noise, or on a small sample) stays grey whatever its sign. Shares change in
 * percentage points, counts and durations relatively.
 */
import type { KpiChange } from '../ipc';
import { formatSignedPercent } from './number';

export type ChangeDirection = 'up' | 'down' | 'flat' | 'unknown';
export type ChangeTone = 'good' | 'bad' | 'neutral';

export interface ChangeView {
  direction: ChangeDirection;
  tone: ChangeTone;
  arrow: string;
  /** Signed percentage or points, or an em dash when there is nothing to compare. */
  text: string;
  /** A rise or fall the core found within the noise: shown, but not coloured. */
  noise: boolean;
}

/** Below this (0.05 % or 0.05 points) a change rounds to 0 and is shown as flat. */
const FLAT_THRESHOLD = 0.0005;

const ARROWS: Record<ChangeDirection, string> = { up: '▲', down: '▼', flat: '→', unknown: '' };

/** `points` writes a difference of shares with its unit ("+2.1 pp"). */
export function describeChange(
  change: KpiChange | null,
  higherIsBetter: boolean,
  locale: string,
  points: (delta: number) => string,
): ChangeView {
  const text = (value: number) => (change?.unit === 'points' ? points(value) : formatSignedPercent(value, locale));
  if (change === null || !Number.isFinite(change.value)) {
    return { direction: 'unknown', tone: 'neutral', arrow: ARROWS.unknown, text: '—', noise: false };
  }
  if (Math.abs(change.value) < FLAT_THRESHOLD) {
    return { direction: 'flat', tone: 'neutral', arrow: ARROWS.flat, text: text(0), noise: false };
  }
  const direction: ChangeDirection = change.value > 0 ? 'up' : 'down';
  const good = (direction === 'up') === higherIsBetter;
  return {
    direction,
    tone: change.clear ? (good ? 'good' : 'bad') : 'neutral',
    arrow: ARROWS[direction],
    text: text(change.value),
    noise: !change.clear,
  };
}
