/**
 * How many applications are presented each day at a given scale: the wave calendar's weights,
 * normalised so that each stretch between DOMAIN.md's reference dates holds its published total.
 */
import { dayNumber } from './dayNumbers';
import { GROSS_UP, PRESENTED_TARGETS } from './params';
import { HISTORY_START, presentationWeight } from './waves';

interface Stretch {
  lastDay: number;
  factor: number;
}

function stretches(): Stretch[] {
  const out: Stretch[] = [];
  let first = dayNumber(HISTORY_START);
  let previousNet = 0;
  PRESENTED_TARGETS.forEach((t, i) => {
    const lastDay = dayNumber(t.until);
    let weight = 0;
    for (let d = first; d <= lastDay; d++) {
      weight += presentationWeight(d);
    }
    out.push({ lastDay, factor: ((t.net - previousNet) * GROSS_UP[i]) / weight });
    previousNet = t.net;
    first = lastDay + 1;
  });
  return out;
}

const STRETCHES = stretches();

/** Expected applications presented on a day at scale 1 (after the last reference date, the last stretch's pace). */
export function expectedPresentations(day: number): number {
  const stretch = STRETCHES.find((s) => day <= s.lastDay) ?? STRETCHES[STRETCHES.length - 1];
  return stretch.factor * presentationWeight(day);
}
