/**
 * Fallback for a scanner left in keyboard-wedge mode: key events captured at window level
 * (Electron `before-input-event`) become codes. Research/payment.md §2.5 (after
 * msupply-foundation/open-msupply keyboardScanner.ts): decode from the physical key
 * (`input.code`: "Digit7", "KeyA"), not `input.key`, so keyboard layout, CapsLock and a Chinese
 * IME cannot change the characters; Enter ends a code. Wedge mode is a fallback only: on
 * Windows node-hid cannot read keyboard-class devices, so HID-POS or serial is preferred.
 *
 * Timing heuristics (keys < 50 ms apart, minimum length) belong to the capturer that sees the
 * timestamps; this decoder only maps keys.
 */
export interface WedgeKeyEvent {
  /** KeyboardEvent.code / Electron Input.code of a key-down. */
  code: string;
  shift?: boolean;
}

export type WedgeDecoderEvent =
  | { type: 'code'; text: string }
  /**
   * The whole code is dropped: 'unmapped-key' when a key has no character in a code (F-keys,
   * arrows, Tab…), 'code-too-long' past maxKeys.
   */
  | { type: 'error'; error: { code: 'unmapped-key' | 'code-too-long'; keyCount: number } };

export const DEFAULT_MAX_WEDGE_KEYS = 512;

const PUNCTUATION: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  Period: ['.', '>'],
  Comma: [',', '<'],
  Slash: ['/', '?'],
  Semicolon: [';', ':'],
  Space: [' ', ' '],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** The character a key produces on a US layout, or null when it produces none. */
export function wedgeKeyCharacter(event: WedgeKeyEvent): string | null {
  const { code, shift = false } = event;
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return shift ? m[1]! : m[1]!.toLowerCase();
  m = /^Digit([0-9])$/.exec(code);
  if (m) return shift ? SHIFTED_DIGITS[Number(m[1])]! : m[1]!;
  m = /^Numpad([0-9])$/.exec(code);
  if (m) return m[1]!;
  const pair = PUNCTUATION[code];
  return pair ? pair[shift ? 1 : 0] : null;
}

const isModifier = (code: string) => /^(Shift|Control|Alt|Meta)(Left|Right)?$/.test(code) || code === 'CapsLock';

export class WedgeKeyDecoder {
  private text = '';
  private keyCount = 0;
  private poisoned: 'unmapped-key' | 'code-too-long' | null = null;

  constructor(private readonly maxKeys = DEFAULT_MAX_WEDGE_KEYS) {}

  push(event: WedgeKeyEvent): WedgeDecoderEvent | null {
    if (isModifier(event.code)) return null;
    if (event.code === 'Enter' || event.code === 'NumpadEnter') return this.finish();
    this.keyCount++;
    if (this.poisoned) return null;
    const character = wedgeKeyCharacter(event);
    if (character === null) this.poisoned = 'unmapped-key';
    else if (this.text.length >= this.maxKeys) this.poisoned = 'code-too-long';
    else this.text += character;
    return null;
  }

  /** Forget a half-typed code (the capturer decided the keys were a person typing). */
  reset(): void {
    this.text = '';
    this.keyCount = 0;
    this.poisoned = null;
  }

  private finish(): WedgeDecoderEvent | null {
    const { text, keyCount, poisoned } = this;
    this.reset();
    if (poisoned) return { type: 'error', error: { code: poisoned, keyCount } };
    return text.length > 0 ? { type: 'code', text } : null;
  }
}
