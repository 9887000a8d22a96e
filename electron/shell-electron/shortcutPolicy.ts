import type { Input } from 'electron';

/** The keyboard fields the decision uses (a subset of Electron's Input). */
export type ShortcutInput = Pick<Input, 'key' | 'code' | 'control' | 'shift' | 'alt' | 'meta'>;

export type BlockedShortcut =
  | 'reload'
  | 'zoom'
  | 'devtools'
  | 'print'
  | 'view-source'
  | 'find'
  | 'save'
  | 'open'
  | 'history'
  | 'close'
  | 'new-window'
  | 'fullscreen'
  | 'browser-key';

export interface ShortcutPolicyOptions {
  /** Development builds keep F12 / Ctrl+Shift+I; production never does. */
  allowDevTools: boolean;
}

/** Ctrl+<letter> (Cmd+<letter> on macOS) combinations that act on the browser, not the page. */
const PRIMARY_LETTER: Readonly<Record<string, BlockedShortcut>> = {
  r: 'reload',
  p: 'print',
  u: 'view-source',
  f: 'find',
  g: 'find',
  s: 'save',
  o: 'open',
  w: 'close',
  q: 'close',
  n: 'new-window',
  t: 'new-window',
};

const DEVTOOLS_LETTERS = new Set(['i', 'j', 'c']);
const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/**
 * Which browser shortcut, if any, this key press is. Everything else, including typing,
 * Shift+letters, Backspace, arrows and the editing shortcuts (Ctrl+A/C/V/X/Z), passes to
 * the page. The application menu is already removed; this also covers accelerators that
 * Chromium handles without a menu.
 */
export function blockedShortcut(input: ShortcutInput, options: ShortcutPolicyOptions): BlockedShortcut | null {
  const key = input.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;
  const primary = input.control || input.meta;

  if (key === 'F12' || (primary && input.shift && DEVTOOLS_LETTERS.has(lower)) || (input.meta && input.alt && DEVTOOLS_LETTERS.has(lower))) {
    return options.allowDevTools ? null : 'devtools';
  }
  if (key === 'F5' || key === 'BrowserRefresh') return 'reload';
  if (key === 'F11') return 'fullscreen';
  if (key === 'F3') return 'find';
  if (key === 'F4' && (input.alt || primary)) return 'close';
  if (key === 'Print') return 'print';
  if (key === 'BrowserBack' || key === 'BrowserForward') return 'history';
  if (key.startsWith('Browser')) return 'browser-key';
  if (key === 'ZoomIn' || key === 'ZoomOut') return 'zoom';
  if (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight')) return 'history';
  if (input.meta && (key === '[' || key === ']' || key === 'ArrowLeft' || key === 'ArrowRight')) return 'history';
  if (primary && (ZOOM_KEYS.has(key) || ZOOM_CODES.has(input.code))) return 'zoom';
  if (primary) {
    const letterShortcut = PRIMARY_LETTER[lower];
    if (letterShortcut) return letterShortcut;
  }
  return null;
}
