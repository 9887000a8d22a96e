import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import type { SharedViewOf } from './flowViewTypes.js';

export type RatingLevel = SharedViewOf<'rate'>['levels'][number];
export type Stars = RatingLevel['stars'];
type RateIntent = Extract<Intent, { type: 'flow.rate' }>;

/** Highest first whatever order the runtime sent them in: the screen must not hint, and must not vary. */
export function ratingLevelsHighestFirst(levels: readonly RatingLevel[]): RatingLevel[] {
  return [...levels].sort((a, b) => b.stars - a.stars);
}

/**
 * The intent for what the citizen chose; null until a level is chosen. Reasons and a
 * callback belong to a bad rating only: ticked ones are dropped if the citizen then chose a
 * good level.
 */
export function ratingIntent(
  levels: readonly RatingLevel[],
  stars: Stars | null,
  reasons: ReadonlySet<string>,
  callback: boolean,
): RateIntent | null {
  const level = levels.find((candidate) => candidate.stars === stars);
  if (!level) return null;
  if (!level.bad) return { type: 'flow.rate', stars: level.stars };
  return { type: 'flow.rate', stars: level.stars, reasons: [...reasons].slice(0, 10), callback };
}
