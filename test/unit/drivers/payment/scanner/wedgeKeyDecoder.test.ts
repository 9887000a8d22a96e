import { describe, expect, it } from 'vitest';
import { WedgeKeyDecoder, wedgeKeyCharacter, type WedgeKeyEvent } from '../../../../../drivers/payment/scanner/wedgeKeyDecoder.js';
import { SYNTHETIC_CODES } from './syntheticPaymentCodes.js';

const typed = (code: string): WedgeKeyEvent[] => [...code].map((c) => ({ code: /\d/.test(c) ? `Digit${c}` : `Key${c.toUpperCase()}`, shift: c !== c.toLowerCase() }));

describe('WedgeKeyDecoder', () => {
  it('turns physical key codes into a code that Enter ends', () => {
    const decoder = new WedgeKeyDecoder();
    const results = [...typed(SYNTHETIC_CODES.wechat), { code: 'Enter' }].map((k) => decoder.push(k));
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toEqual({ type: 'code', text: SYNTHETIC_CODES.wechat });
  });

  it('decodes from the physical key, so shift and modifiers give the US-layout character', () => {
    expect(wedgeKeyCharacter({ code: 'KeyA' })).toBe('a');
    expect(wedgeKeyCharacter({ code: 'KeyA', shift: true })).toBe('A');
    expect(wedgeKeyCharacter({ code: 'Digit1', shift: true })).toBe('!');
    expect(wedgeKeyCharacter({ code: 'Numpad7' })).toBe('7');
    expect(wedgeKeyCharacter({ code: 'ArrowUp' })).toBeNull();
    const decoder = new WedgeKeyDecoder();
    for (const k of [{ code: 'ShiftLeft' }, { code: 'KeyQ', shift: true }, { code: 'Digit1' }]) decoder.push(k);
    expect(decoder.push({ code: 'NumpadEnter' })).toEqual({ type: 'code', text: 'Q1' });
  });

  it('drops a code containing a key with no character, and recovers for the next', () => {
    const decoder = new WedgeKeyDecoder();
    for (const k of [{ code: 'Digit1' }, { code: 'Tab' }, { code: 'Digit2' }]) decoder.push(k);
    expect(decoder.push({ code: 'Enter' })).toEqual({ type: 'error', error: { code: 'unmapped-key', keyCount: 3 } });
    decoder.push({ code: 'Digit9' });
    expect(decoder.push({ code: 'Enter' })).toEqual({ type: 'code', text: '9' });
  });

  it('drops a code past the key limit and ignores an Enter with nothing typed', () => {
    const decoder = new WedgeKeyDecoder(3);
    for (const k of typed('12345')) decoder.push(k);
    expect(decoder.push({ code: 'Enter' })).toEqual({ type: 'error', error: { code: 'code-too-long', keyCount: 5 } });
    expect(decoder.push({ code: 'Enter' })).toBeNull();
  });
});
