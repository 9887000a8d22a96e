import type { LocalizedText } from '../../config/localizedText.js';

/** SW3 values the reader returns (research/idcard.md §3, from HslCommunication and softs.im). */
export const SAM_STATUS_SUCCESS = 0x90;
export const SAM_STATUS_NO_CONTENT = 0x91;
export const SAM_STATUS_CARD_FOUND = 0x9f;
export const SAM_STATUS_NO_CARD = 0x80;

/**
 * success: the operation did what was asked. no-content: it worked but the card holds nothing
 * for it (no appended address). failure: anything else, including codes we do not know.
 */
export type SamStatusOutcome = 'success' | 'no-content' | 'failure';

export type SamStatusCode =
  | 'success'
  | 'no-content'
  | 'card-found'
  | 'checksum-error'
  | 'length-error'
  | 'command-error'
  | 'unauthorized-operation'
  | 'unrecognized-error'
  | 'card-rejected-sam'
  | 'sam-rejected-card'
  | 'verification-failed'
  | 'unknown-card-type'
  | 'read-failed'
  | 'get-challenge-failed'
  | 'sam-self-test-failed'
  | 'sam-not-authorized'
  | 'no-card'
  | 'select-failed'
  | 'unknown-status';

export interface SamStatus {
  readonly sw3: number;
  readonly code: SamStatusCode;
  readonly outcome: SamStatusOutcome;
  readonly message: LocalizedText;
}

type KnownStatus = Omit<SamStatus, 'sw3'>;

const failure = (code: SamStatusCode, zh: string, en: string): KnownStatus => ({ code, outcome: 'failure', message: { 'zh-CN': zh, en } });

const KNOWN_STATUSES: ReadonlyMap<number, KnownStatus> = new Map([
  [0x90, { code: 'success', outcome: 'success', message: { 'zh-CN': '操作成功', en: 'success' } }],
  [0x91, { code: 'no-content', outcome: 'no-content', message: { 'zh-CN': '证/卡中此项无内容', en: 'the card holds no data for this item (e.g. no appended address)' } }],
  [0x9f, { code: 'card-found', outcome: 'success', message: { 'zh-CN': '寻找证/卡成功', en: 'card found' } }],
  [0x10, failure('checksum-error', '接收数据校验和错', 'the reader received a frame with a bad checksum')],
  [0x11, failure('length-error', '接收数据长度错', 'the reader received a frame with a bad length')],
  [0x21, failure('command-error', '接收数据命令错', 'the reader does not accept this command and parameter')],
  [0x23, failure('unauthorized-operation', '越权操作', 'unauthorized operation')],
  [0x24, failure('unrecognized-error', '无法识别的错误', 'unrecognized error')],
  [0x31, failure('card-rejected-sam', '证/卡认证SAM失败', 'the card failed to authenticate the SAM')],
  [0x32, failure('sam-rejected-card', 'SAM认证证/卡失败', 'the SAM failed to authenticate the card')],
  [0x33, failure('verification-failed', '信息验证错误', 'card information failed verification')],
  [0x40, failure('unknown-card-type', '无法识别的卡类型', 'unknown or wrong card type')],
  [0x41, failure('read-failed', '读证/卡操作失败', 'reading the card failed')],
  [0x47, failure('get-challenge-failed', '取随机数失败', 'getting a random challenge from the card failed')],
  [0x60, failure('sam-self-test-failed', 'SAM自检失败', 'SAM self-test failed; it accepts no commands')],
  [0x66, failure('sam-not-authorized', 'SAM未经授权', 'SAM not authorized')],
  [0x80, failure('no-card', '寻找证/卡失败', 'no card found (or the card on the reader was already read)')],
  [0x81, failure('select-failed', '选取证/卡失败', 'selecting the card failed')],
]);

export function samStatusOf(sw3: number): SamStatus {
  const known = KNOWN_STATUSES.get(sw3);
  if (known) return { sw3, ...known };
  const hex = sw3.toString(16).toUpperCase().padStart(2, '0');
  return { sw3, code: 'unknown-status', outcome: 'failure', message: { 'zh-CN': `未知状态码 ${hex}`, en: `unknown status code ${hex}` } };
}

/** Every SW3 the table knows, for tests and the maintenance screen's reference. */
export function knownSamStatuses(): SamStatus[] {
  return [...KNOWN_STATUSES.keys()].map(samStatusOf);
}
