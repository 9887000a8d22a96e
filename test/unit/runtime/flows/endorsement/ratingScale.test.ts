import { describe, expect, it } from 'vitest';
import {
  RATING_SCALE,
  ratingForLevel,
  ratingForStars,
  ratingFromNationalCode,
  ratingFromProvincialCode,
} from '../../../../../electron/runtime/flows/endorsement/ratingScale.js';

describe('rating scale (好差评 levels ↔ platform codes)', () => {
  it('maps the five levels to both numberings, which run in opposite directions', () => {
    expect(RATING_SCALE.map((e) => [e.label['zh-CN'], e.stars, e.provincialCode, e.nationalCode, e.bad])).toEqual([
      ['非常满意', 5, 5, 1, false],
      ['满意', 4, 4, 2, false],
      ['基本满意', 3, 3, 3, false],
      ['不满意', 2, 2, 4, true],
      ['非常不满意', 1, 1, 5, true],
    ]);
  });

  it('reads every code back to the same level in both directions', () => {
    for (const entry of RATING_SCALE) {
      expect(ratingForStars(entry.stars)).toBe(entry);
      expect(ratingForLevel(entry.level)).toBe(entry);
      expect(ratingFromProvincialCode(entry.provincialCode)).toBe(entry);
      expect(ratingFromNationalCode(entry.nationalCode)).toBe(entry);
    }
    // The same number means opposite things: 1 is the best nationally, the worst provincially.
    expect(ratingFromNationalCode(1)?.level).toBe('very-satisfied');
    expect(ratingFromProvincialCode(1)?.level).toBe('very-dissatisfied');
  });

  it('has no answer for what is not a level', () => {
    for (const value of [0, 6, 2.5, '5', null, undefined]) {
      expect(ratingForStars(value)).toBeNull();
      expect(ratingFromProvincialCode(value)).toBeNull();
      expect(ratingFromNationalCode(value)).toBeNull();
    }
    expect(ratingForLevel('great')).toBeNull();
  });
});
