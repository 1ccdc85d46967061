/**
 * How a card presents the core's relative change: sign, arrow and whether it is good
 * news. "Up" is good for solved tickets or CSAT and bad for reply times, so the colour
 * depends on `higherIsBetter`, not on the sign alone.
 */
import { formatSignedPercent } from './number';

export type ChangeDirection = 'up' | 'down' | 'flat' | 'unknown';
export type ChangeTone = 'good' | 'bad' | 'neutral';

export interface ChangeView {
  direction: ChangeDirection;
  tone: ChangeTone;
  arrow: string;
  /** Signed percentage, or an em dash when there is nothing to compare. */
  text: string;
}

/** Below this (0.05 %) a change rounds to "0%" and is shown as flat. */
const FLAT_THRESHOLD = 0.0005;

const ARROWS: Record<ChangeDirection, string> = { up: '▲', down: '▼', flat: '→', unknown: '' };

export function describeChange(
  change: number | null,
  higherIsBetter: boolean,
  locale: string,
): ChangeView {
  if (change === null || !Number.isFinite(change)) {
    return { direction: 'unknown', tone: 'neutral', arrow: ARROWS.unknown, text: '—' };
  }
  if (Math.abs(change) < FLAT_THRESHOLD) {
    return { direction: 'flat', tone: 'neutral', arrow: ARROWS.flat, text: formatSignedPercent(0, locale) };
  }
  const direction: ChangeDirection = change > 0 ? 'up' : 'down';
  const good = (direction === 'up') === higherIsBetter;
  return {
    direction,
    tone: good ? 'good' : 'bad',
    arrow: ARROWS[direction],
    text: formatSignedPercent(change, locale),
  };
}
