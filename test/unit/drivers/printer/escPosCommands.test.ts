import { describe, expect, it } from 'vitest';
import {
  alignmentCommand,
  boldCommand,
  characterSizeCommand,
  chineseCharacterSizeCommand,
  chineseModeOffCommand,
  chineseModeOnCommand,
  cutCommand,
  initialiseCommand,
  lineFeedCommand,
} from '../../../../drivers/printer/escpos/escPosCommands.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ESC/POS command bytes', () => {
  it('initialise is ESC @', () => expect(hex(initialiseCommand())).toBe('1b40'));

  it('Chinese mode on is FS & and off is FS . (research §2)', () => {
    expect(hex(chineseModeOnCommand())).toBe('1c26');
    expect(hex(chineseModeOffCommand())).toBe('1c2e');
  });

  it('alignment is ESC a 0/1/2', () => {
    expect(hex(alignmentCommand('left'))).toBe('1b6100');
    expect(hex(alignmentCommand('center'))).toBe('1b6101');
    expect(hex(alignmentCommand('right'))).toBe('1b6102');
  });

  it('bold is ESC E 1/0', () => {
    expect(hex(boldCommand(true))).toBe('1b4501');
    expect(hex(boldCommand(false))).toBe('1b4500');
  });

  it('Chinese size is FS ! with bit 2 double width, bit 3 double height, bit 7 underline', () => {
    expect(hex(chineseCharacterSizeCommand({ doubleWidth: false, doubleHeight: false }))).toBe('1c2100');
    expect(hex(chineseCharacterSizeCommand({ doubleWidth: true, doubleHeight: false }))).toBe('1c2104');
    expect(hex(chineseCharacterSizeCommand({ doubleWidth: false, doubleHeight: true }))).toBe('1c2108');
    expect(hex(chineseCharacterSizeCommand({ doubleWidth: true, doubleHeight: true, underline: true }))).toBe('1c218c');
  });

  it('ASCII size is GS ! with width-1 in the high nibble and height-1 in the low one', () => {
    expect(hex(characterSizeCommand({ width: 1, height: 1 }))).toBe('1d2100');
    expect(hex(characterSizeCommand({ width: 2, height: 2 }))).toBe('1d2111');
    expect(hex(characterSizeCommand({ width: 8, height: 3 }))).toBe('1d2172');
  });

  it('line feeds are LF bytes', () => {
    expect(hex(lineFeedCommand())).toBe('0a');
    expect(hex(lineFeedCommand(3))).toBe('0a0a0a');
  });

  it('cuts: GS V 0 full, GS V 1 partial, GS V 65/66 n feed then cut (research §4)', () => {
    expect(hex(cutCommand('full'))).toBe('1d5600');
    expect(hex(cutCommand('partial'))).toBe('1d5601');
    expect(hex(cutCommand('full', 0))).toBe('1d564100');
    expect(hex(cutCommand('partial', 0))).toBe('1d564200');
    expect(hex(cutCommand('partial', 24))).toBe('1d564218');
  });
});
