import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../electron/bridge/bridgeContract.js';
import {
  backspace,
  DIGIT_KEYS,
  findCaseIntent,
  isCompleteCaseNumber,
  LETTER_KEYS,
  MAX_CASE_NUMBER_LENGTH,
  typeKey,
} from '../../../../renderer/src/flow/caseNumberInput.js';

const typeAll = (keys: string) => [...keys].reduce(typeKey, '');

describe('case number keyboard', () => {
  it('has every digit, every capital letter and the hyphen, nothing else', () => {
    expect([...DIGIT_KEYS, ...LETTER_KEYS].sort()).toEqual([...'-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].sort());
    expect(LETTER_KEYS.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('types keys in order and takes them back one at a time', () => {
    expect(typeAll('WQ2026000123')).toBe('WQ2026000123');
    expect(backspace('WQ20')).toBe('WQ2');
    expect(backspace('')).toBe('');
  });

  it('refuses what the bridge would refuse: a leading hyphen, other characters, more than 40', () => {
    expect(typeKey('', '-')).toBe('');
    expect(typeKey('BDC', '-')).toBe('BDC-');
    expect(typeKey('BDC', 'a')).toBe('BDC');
    expect(typeKey('BDC', '号')).toBe('BDC');
    const full = 'A'.repeat(MAX_CASE_NUMBER_LENGTH);
    expect(typeKey(full, '1')).toBe(full);
  });

  it('offers the search only for a whole number', () => {
    expect(isCompleteCaseNumber('WQ202')).toBe(false);
    expect(findCaseIntent('contract-filing-number', 'WQ202')).toBeNull();
    expect(findCaseIntent('contract-filing-number', 'WQ2026000123')).toEqual({ type: 'flow.findCase', by: 'contract-filing-number', number: 'WQ2026000123' });
    expect(findCaseIntent('case-number', 'BDC-2026-0101')).toEqual({ type: 'flow.findCase', by: 'case-number', number: 'BDC-2026-0101' });
  });

  it('builds only intents the bridge accepts, for anything typed on the keys', () => {
    const keys = [...DIGIT_KEYS, ...LETTER_KEYS];
    let typed = '';
    for (let index = 0; index < 60; index++) {
      typed = typeKey(typed, keys[(index * 7) % keys.length]!);
      const intent = findCaseIntent('case-number', typed);
      if (intent) expect(intentSchema.safeParse(intent).success, typed).toBe(true);
      else expect(typed.length < 6, typed).toBe(true);
    }
  });
});
