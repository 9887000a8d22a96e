import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../electron/bridge/bridgeContract.js';
import { ratingIntent, ratingLevelsHighestFirst } from '../../../../renderer/src/flow/ratingChoice.js';
import { RATE_LEVELS } from './sampleFlowViews.js';

const levels = [...RATE_LEVELS];

describe('rating choice', () => {
  it('orders the levels highest first whatever order they came in', () => {
    const shuffled = [levels[3]!, levels[0]!, levels[4]!, levels[2]!, levels[1]!];
    expect(ratingLevelsHighestFirst(shuffled).map((level) => level.stars)).toEqual([5, 4, 3, 2, 1]);
  });

  it('sends nothing until a level is chosen', () => {
    expect(ratingIntent(levels, null, new Set(), false)).toBeNull();
  });

  it('sends a good rating without reasons or callback, even if some were ticked before', () => {
    expect(ratingIntent(levels, 5, new Set(['too-slow']), true)).toEqual({ type: 'flow.rate', stars: 5 });
  });

  it('sends a bad rating with its reasons and the callback wish', () => {
    const intent = ratingIntent(levels, 1, new Set(['too-slow', 'machine-trouble']), true);
    expect(intent).toEqual({ type: 'flow.rate', stars: 1, reasons: ['too-slow', 'machine-trouble'], callback: true });
    expect(intentSchema.safeParse(intent).success).toBe(true);
  });

  it('sends a bad rating with no reasons as an empty list and no callback', () => {
    expect(ratingIntent(levels, 2, new Set(), false)).toEqual({ type: 'flow.rate', stars: 2, reasons: [], callback: false });
  });
});
