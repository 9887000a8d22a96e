/**
 * Columns a character takes on the receipt. In Chinese mode every non-ASCII character the
 * encoder lets through is a double-byte GBK/GB18030 code printed from the 24-dot CJK font, i.e.
 * two 12-dot ASCII columns. That covers East Asian Wide/Fullwidth (汉字, '￥', '，') and also
 * the Ambiguous ones GBK holds ('·', '—', '…', '№'), which a Unicode-only width table would
 * count as one and so overflow the line.
 */
export function characterWidth(character: string): 0 | 1 | 2 {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x20 || codePoint === 0x7f) return 0;
  return codePoint < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += characterWidth(character);
  return width;
}
