import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignText } from '../../../../drivers/printer/layout/alignText.js';
import { characterWidth, displayWidth } from '../../../../drivers/printer/layout/displayWidth.js';
import { columnsFor } from '../../../../drivers/printer/layout/paperWidth.js';
import { tableRows } from '../../../../drivers/printer/layout/tableRows.js';
import { twoColumnRow } from '../../../../drivers/printer/layout/twoColumnRow.js';
import { wrapText } from '../../../../drivers/printer/layout/wrapText.js';

/** Text mixing Latin words, spaces, Chinese, full-width punctuation and astral characters. */
const receiptText = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '  ', 'a', 'Fee', 'endorsement', 'https://zwfw.example.gov.cn/case/QZ2025', '15.00'),
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCodePoint(cp)),
      fc.constantFrom('，', '。', '（', '）', '￥', '·', '𠀀', '《', '》'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
    ),
    { maxLength: 25 },
  )
  .map((parts) => [...parts.join('')].filter((c) => c >= ' ' && c !== '\x7f').join(''));

/** Checks that `lines` are `text` in order with only runs of spaces dropped between lines. */
function isTextMinusBreakSpaces(text: string, lines: string[]): boolean {
  let position = 0;
  for (const [i, line] of lines.entries()) {
    if (!text.startsWith(line, position)) return false;
    position += line.length;
    if (i < lines.length - 1) while (text[position] === ' ') position++;
  }
  return position === text.length || /^ *$/.test(text.slice(position));
}

describe('displayWidth', () => {
  it('counts ASCII as one column and CJK (Wide/Fullwidth) as two', () => {
    expect(displayWidth('Fee 15')).toBe(6);
    expect(displayWidth('政务服务')).toBe(8);
    expect(displayWidth('￥15.00')).toBe(7);
    expect(displayWidth('（）')).toBe(4);
  });

  it('counts GBK double-byte symbols that Unicode calls Ambiguous as two, as the printer prints them', () => {
    expect(['·', '—', '…', '№'].map(characterWidth)).toEqual([2, 2, 2, 2]);
  });

  it('counts astral characters once, as two columns, and controls as none', () => {
    expect(displayWidth('𠀀')).toBe(2);
    expect(displayWidth('a\x1bb')).toBe(2);
  });

  it('knows the paper widths: 48 columns on 80 mm, 32 on 58 mm', () => {
    expect(columnsFor('80mm')).toBe(48);
    expect(columnsFor('58mm')).toBe(32);
  });
});

describe('wrapText', () => {
  it('breaks Latin text at spaces and drops the break spaces', () => {
    expect(wrapText('Please keep this receipt', 10)).toEqual(['Please', 'keep this', 'receipt']);
  });

  it('breaks Chinese between any two characters, never inside one', () => {
    expect(wrapText('出入境自助签注', 6)).toEqual(['出入境', '自助签', '注']);
    expect(wrapText('出入境自助签注', 5)).toEqual(['出入', '境自', '助签', '注']);
  });

  it('keeps closing punctuation off the start of a line and opening punctuation off the end', () => {
    expect(wrapText('甲乙丙，丁', 6)).toEqual(['甲乙', '丙，丁']);
    expect(wrapText('甲乙（丙）', 6)).toEqual(['甲乙', '（丙）']);
  });

  it('splits a word longer than the line at character boundaries', () => {
    expect(wrapText('https://a.cn/abcdef', 8)).toEqual(['https://', 'a.cn/abc', 'def']);
  });

  it('never splits a surrogate pair', () => {
    expect(wrapText('a𠀀𠀀b', 3)).toEqual(['a𠀀', '𠀀b']);
  });

  it('honours explicit newlines and keeps empty lines', () => {
    expect(wrapText('a\n\nb', 5)).toEqual(['a', '', 'b']);
    expect(wrapText('', 5)).toEqual(['']);
  });

  it('refuses a width that cannot hold a Chinese character', () => {
    expect(() => wrapText('a', 1)).toThrow(RangeError);
  });

  it('property: every line fits, and the lines are the text minus break spaces', () => {
    fc.assert(
      fc.property(receiptText, fc.integer({ min: 2, max: 48 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(isTextMinusBreakSpaces(text, lines)).toBe(true);
        for (const line of lines.slice(1)) expect(line.startsWith(' ')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: Latin words shorter than the line are never split', () => {
    const word = fc.stringMatching(/^[a-z0-9.]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.integer({ min: 8, max: 48 }), (words, width) => {
        const lines = wrapText(words.join(' '), width);
        expect(lines.flatMap((line) => line.split(' '))).toEqual(words);
      }),
    );
  });
});

describe('alignText', () => {
  it('pads left, right and centre to the width in columns', () => {
    expect(alignText('政务', 8, 'left')).toBe('政务    ');
    expect(alignText('政务', 8, 'right')).toBe('    政务');
    expect(alignText('政务', 9, 'center')).toBe('  政务   ');
    expect(alignText('政务服务', 4, 'center')).toBe('政务服务');
  });
});

describe('twoColumnRow', () => {
  it('puts the label left and the amount flush right on one line', () => {
    expect(twoColumnRow('费用合计 Fee', '￥15.00', 32)).toEqual(['费用合计 Fee' + ' '.repeat(13) + '￥15.00']);
    expect(displayWidth(twoColumnRow('费用合计 Fee', '￥15.00', 48)[0]!)).toBe(48);
  });

  it('wraps a long label in the room left of the value', () => {
    const lines = twoColumnRow('往来港澳通行证签注个人旅游', '￥15.00', 20);
    expect(lines[0]!.endsWith(' ￥15.00')).toBe(true);
    expect(lines.join('').replace(/ /g, '').replace('￥15.00', '')).toBe('往来港澳通行证签注个人旅游');
  });

  it('gives a value too wide for a shared line a right-aligned line of its own', () => {
    expect(twoColumnRow('Case', 'QZ2025061200123', 16)).toEqual(['Case', ' QZ2025061200123']);
  });

  it('property: every line fits and label and value both survive', () => {
    const cell = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 .]{0,20}$/), fc.constantFrom('费用合计', '￥15.00', '1101**********123X', '受理编号 Case No.'));
    fc.assert(
      fc.property(cell, cell, fc.integer({ min: 4, max: 48 }), (label, value, width) => {
        const lines = twoColumnRow(label, value, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        const characters = (s: string) => [...s.replace(/ /g, '')].sort();
        expect(characters(lines.join(''))).toEqual(characters(label + value));
        if (value !== '' && displayWidth(value) <= width - 3) expect(lines[0]!.endsWith(value)).toBe(true);
      }),
    );
  });
});

describe('tableRows', () => {
  it('lays cells out in aligned columns and wraps a long cell downwards', () => {
    const lines = tableRows(
      [{ width: 10 }, { width: 4, align: 'right' }, { width: 8, align: 'right' }],
      [
        ['签注 G', '1', '￥15.00'],
        ['往来台湾签注', '2', '￥30.00'],
      ],
      32,
    );
    expect(lines).toEqual(['签注 G        1  ￥15.00', '往来台湾签    2  ￥30.00', '注']);
  });

  it('refuses columns wider than the paper', () => {
    expect(() => tableRows([{ width: 20 }, { width: 20 }], [], 40)).toThrow(RangeError);
    expect(() => tableRows([{ width: 20 }, { width: 19 }], [], 40)).not.toThrow();
  });
});
