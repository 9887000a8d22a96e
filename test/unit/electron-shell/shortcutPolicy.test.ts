import { describe, expect, it } from 'vitest';
import { blockedShortcut, type ShortcutInput } from '../../../electron/shell-electron/shortcutPolicy.js';

function key(keyName: string, mods: Partial<Omit<ShortcutInput, 'key'>> = {}): ShortcutInput {
  const code = mods.code ?? (keyName.length === 1 && /[a-z]/i.test(keyName) ? `Key${keyName.toUpperCase()}` : keyName);
  return { key: keyName, code, control: false, shift: false, alt: false, meta: false, ...mods };
}

const production = { allowDevTools: false };
const development = { allowDevTools: true };

describe('blockedShortcut', () => {
  it.each([
    ['F5', key('F5'), 'reload'],
    ['Ctrl+R', key('r', { control: true }), 'reload'],
    ['Cmd+R', key('r', { meta: true }), 'reload'],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true }), 'reload'],
    ['Ctrl+F5', key('F5', { control: true }), 'reload'],
    ['BrowserRefresh', key('BrowserRefresh'), 'reload'],
    ['Ctrl+=', key('=', { control: true, code: 'Equal' }), 'zoom'],
    ['Ctrl++', key('+', { control: true, shift: true, code: 'Equal' }), 'zoom'],
    ['Ctrl+-', key('-', { control: true, code: 'Minus' }), 'zoom'],
    ['Ctrl+0', key('0', { control: true, code: 'Digit0' }), 'zoom'],
    ['Ctrl+numpad +', key('+', { control: true, code: 'NumpadAdd' }), 'zoom'],
    ['Ctrl+numpad -', key('-', { control: true, code: 'NumpadSubtract' }), 'zoom'],
    ['F12', key('F12'), 'devtools'],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true }), 'devtools'],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true }), 'devtools'],
    ['Ctrl+P', key('p', { control: true }), 'print'],
    ['Ctrl+Shift+P', key('P', { control: true, shift: true }), 'print'],
    ['Ctrl+U', key('u', { control: true }), 'view-source'],
    ['Ctrl+F', key('f', { control: true }), 'find'],
    ['F3', key('F3'), 'find'],
    ['Ctrl+G', key('g', { control: true }), 'find'],
    ['Ctrl+S', key('s', { control: true }), 'save'],
    ['Ctrl+O', key('o', { control: true }), 'open'],
    ['Alt+Left', key('ArrowLeft', { alt: true }), 'history'],
    ['Alt+Right', key('ArrowRight', { alt: true }), 'history'],
    ['BrowserBack', key('BrowserBack'), 'history'],
    ['BrowserForward', key('BrowserForward'), 'history'],
    ['Cmd+[', key('[', { meta: true }), 'history'],
    ['Ctrl+W', key('w', { control: true }), 'close'],
    ['Ctrl+Q', key('q', { control: true }), 'close'],
    ['Alt+F4', key('F4', { alt: true }), 'close'],
    ['Ctrl+F4', key('F4', { control: true }), 'close'],
    ['Ctrl+N', key('n', { control: true }), 'new-window'],
    ['Ctrl+T', key('t', { control: true }), 'new-window'],
    ['F11', key('F11'), 'fullscreen'],
    ['BrowserHome', key('BrowserHome'), 'browser-key'],
  ] as const)('blocks %s as %s in production', (_name, input, expected) => {
    expect(blockedShortcut(input, production)).toBe(expected);
  });

  it.each([
    ['a', key('a')],
    ['Shift+A', key('A', { shift: true })],
    ['digit 0', key('0', { code: 'Digit0' })],
    ['minus', key('-', { code: 'Minus' })],
    ['equals', key('=', { code: 'Equal' })],
    ['space', key(' ', { code: 'Space' })],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Escape', key('Escape')],
    ['Tab', key('Tab')],
    ['ArrowLeft', key('ArrowLeft')],
    ['ArrowRight', key('ArrowRight')],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+X', key('x', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Shift+ArrowLeft', key('ArrowLeft', { shift: true })],
    ['Chinese IME char', key('中', { code: 'KeyZ' })],
    ['F4 alone', key('F4')],
  ] as const)('lets typing through: %s', (_name, input) => {
    expect(blockedShortcut(input, production)).toBeNull();
  });

  it('lets devtools shortcuts through only in development', () => {
    expect(blockedShortcut(key('F12'), development)).toBeNull();
    expect(blockedShortcut(key('I', { control: true, shift: true }), development)).toBeNull();
    // Everything else stays blocked in development too.
    expect(blockedShortcut(key('r', { control: true }), development)).toBe('reload');
    expect(blockedShortcut(key('F4', { alt: true }), development)).toBe('close');
  });
});
