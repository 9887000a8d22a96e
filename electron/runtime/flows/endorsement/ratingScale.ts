import type { LocalizedText } from '../../../../config/localizedText.js';
import type { RatingLevel } from '../../../platform/platformApiTypes.js';

/**
 * The five 好差评 levels and every code they travel under (research/domain.md §3.2). The two
 * numberings run in OPPOSITE directions, which is why nothing converts by arithmetic:
 *
 * | stars | level               | 中文     | provincial `satisfaction` | GB/T 39046 A.8 满意度代码 | 差评 |
 * |-------|---------------------|----------|---------------------------|---------------------------|------|
 * | 5     | very-satisfied      | 非常满意 | 5                         | 1                         | no   |
 * | 4     | satisfied           | 满意     | 4                         | 2                         | no   |
 * | 3     | basically-satisfied | 基本满意 | 3                         | 3                         | no   |
 * | 2     | dissatisfied        | 不满意   | 2                         | 4                         | yes  |
 * | 1     | very-dissatisfied   | 非常不满意 | 1                       | 5                         | yes  |
 *
 * - stars: what the citizen touches on the rating screen (more stars = happier).
 * - provincial: the provincial 好差评 interfaces (Zhejiang javadoc "1非常不满意…5非常满意"),
 *   and the platform contract's RatingEventPayload.satisfaction.
 * - national: GB/T 39046-2020 annex A.8, "1 = 非常满意", for reports in the national format.
 */
export type Stars = 1 | 2 | 3 | 4 | 5;
export type SatisfactionCode = 1 | 2 | 3 | 4 | 5;

export interface RatingScaleEntry {
  stars: Stars;
  level: RatingLevel;
  label: LocalizedText;
  /** Provincial interface and platform contract direction: 5 = 非常满意. */
  provincialCode: SatisfactionCode;
  /** GB/T 39046 A.8 direction: 1 = 非常满意. */
  nationalCode: SatisfactionCode;
  /** 差评: the citizen is offered reasons and a callback, and the hall must follow up. */
  bad: boolean;
}

export const RATING_SCALE: readonly RatingScaleEntry[] = [
  { stars: 5, level: 'very-satisfied', label: { 'zh-CN': '非常满意', en: 'Very satisfied' }, provincialCode: 5, nationalCode: 1, bad: false },
  { stars: 4, level: 'satisfied', label: { 'zh-CN': '满意', en: 'Satisfied' }, provincialCode: 4, nationalCode: 2, bad: false },
  { stars: 3, level: 'basically-satisfied', label: { 'zh-CN': '基本满意', en: 'Basically satisfied' }, provincialCode: 3, nationalCode: 3, bad: false },
  { stars: 2, level: 'dissatisfied', label: { 'zh-CN': '不满意', en: 'Dissatisfied' }, provincialCode: 2, nationalCode: 4, bad: true },
  { stars: 1, level: 'very-dissatisfied', label: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' }, provincialCode: 1, nationalCode: 5, bad: true },
];

export function ratingForStars(stars: unknown): RatingScaleEntry | null {
  return RATING_SCALE.find((entry) => entry.stars === stars) ?? null;
}

export function ratingForLevel(level: unknown): RatingScaleEntry | null {
  return RATING_SCALE.find((entry) => entry.level === level) ?? null;
}

/** Reads a code from a provincial interface (5 = 非常满意). */
export function ratingFromProvincialCode(code: unknown): RatingScaleEntry | null {
  return RATING_SCALE.find((entry) => entry.provincialCode === code) ?? null;
}

/** Reads a GB/T 39046 A.8 code (1 = 非常满意). */
export function ratingFromNationalCode(code: unknown): RatingScaleEntry | null {
  return RATING_SCALE.find((entry) => entry.nationalCode === code) ?? null;
}

/**
 * What a 差评 may be about. GB/T 39734 leaves the exact item list to the version-managed
 * rating content of each province, so these are the kiosk's defaults (offline second-level
 * indices 服务效率 / 服务水平 plus the machine itself), to be replaced from config when a
 * province publishes its codes.
 */
export interface BadRatingReason {
  code: string;
  label: LocalizedText;
}

export const DEFAULT_BAD_RATING_REASONS: readonly BadRatingReason[] = [
  { code: 'too-slow', label: { 'zh-CN': '办理时间太长', en: 'It took too long' } },
  { code: 'unclear-steps', label: { 'zh-CN': '操作提示不清楚', en: 'The instructions were unclear' } },
  { code: 'machine-trouble', label: { 'zh-CN': '设备不好用', en: 'The machine did not work well' } },
  { code: 'not-completed', label: { 'zh-CN': '事情没有办成', en: 'My case was not completed' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Something else' } },
];
