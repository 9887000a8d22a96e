import type { Intent } from '../../../electron/bridge/bridgeContract.js';

/**
 * Typing a contract filing number (网签合同备案号) or case number (受理编号) on the on-screen
 * keyboard: which keys there are, what each does to the text, and when it can be sent. The
 * keyboard offers nothing the bridge would refuse.
 */

export type FindCaseIntent = Extract<Intent, { type: 'flow.findCase' }>;
export type CaseNumberKind = FindCaseIntent['by'];

/** The bridge contract's rule for flow.findCase.number. */
export const CASE_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{5,39}$/;
export const MIN_CASE_NUMBER_LENGTH = 6;
export const MAX_CASE_NUMBER_LENGTH = 40;

/** Digits first (most numbers are mostly digits), then the hyphen; letters in alphabetical order, not QWERTY: easier to find for people who do not type. */
export const DIGIT_KEYS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-'];
export const LETTER_KEYS: readonly string[] = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

const ALLOWED = new Set([...DIGIT_KEYS, ...LETTER_KEYS]);

/** The text after one key; unchanged when the key is not on the keyboard, the text is full, or a hyphen would come first. */
export function typeKey(typed: string, key: string): string {
  if (!ALLOWED.has(key) || typed.length >= MAX_CASE_NUMBER_LENGTH) return typed;
  if (key === '-' && typed === '') return typed;
  return typed + key;
}

export function backspace(typed: string): string {
  return typed.slice(0, -1);
}

export function isCompleteCaseNumber(typed: string): boolean {
  return CASE_NUMBER_PATTERN.test(typed);
}

/** The intent for what is typed; null until it is a whole number by the contract's rule. */
export function findCaseIntent(by: CaseNumberKind, typed: string): FindCaseIntent | null {
  return isCompleteCaseNumber(typed) ? { type: 'flow.findCase', by, number: typed } : null;
}
