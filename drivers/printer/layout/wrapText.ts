import { characterWidth, displayWidth } from './displayWidth.js';

/** Wrapping needs room for one double-width character. */
export const MIN_WRAP_WIDTH = 2;

type Token = { kind: 'space' | 'word' | 'wide' | 'glued'; text: string; width: number };

/** Chinese typesetting (避头尾): these never start a line… */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〉”’…%']);
/** …and these never end one. */
const NO_LINE_END = new Set([...'（《「『【〈“‘']);

/**
 * Latin words (runs of narrow non-space characters) stay whole; each wide character is a token
 * of its own because Chinese may break between any two characters, except that closing
 * punctuation sticks to what precedes it and opening punctuation to what follows.
 */
function tokenize(paragraph: string): Token[] {
  const tokens: Token[] = [];
  let glueNext = false;
  for (const character of paragraph) {
    const width = characterWidth(character);
    const kind = character === ' ' ? 'space' : width === 2 ? 'wide' : 'word';
    const last = tokens[tokens.length - 1];
    const glue = last !== undefined && last.kind !== 'space' && kind !== 'space' && (glueNext || NO_LINE_START.has(character));
    if (last && (glue || (kind === 'word' && last.kind === 'word') || (kind === 'space' && last.kind === 'space'))) {
      last.text += character;
      last.width += width;
      if (glue) last.kind = 'glued';
    } else tokens.push({ kind, text: character, width });
    glueNext = NO_LINE_END.has(character);
  }
  return tokens;
}

/** Splits a word wider than the line at character boundaries (code points, never half a surrogate pair). */
function splitLongWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const character of word) {
    const w = characterWidth(character);
    if (pieceWidth + w > width) {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += character;
    pieceWidth += w;
  }
  pieces.push(piece);
  return pieces;
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Spaces where a line breaks are dropped, so a wrapped line neither starts nor ends with them.
  const breakLine = () => {
    lines.push(line.replace(/ +$/u, ''));
    line = '';
    lineWidth = 0;
  };
  for (const token of tokenize(paragraph)) {
    if (token.kind === 'space') {
      if (lineWidth + token.width <= width) {
        line += token.text;
        lineWidth += token.width;
      } else breakLine();
      continue;
    }
    if (lineWidth + token.width > width && lineWidth > 0) breakLine();
    if (token.width <= width) {
      line += token.text;
      lineWidth += token.width;
      continue;
    }
    const pieces = splitLongWord(token.text, width);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) breakLine();
      line += piece;
      lineWidth += displayWidth(piece);
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Wraps text to lines of at most `width` columns. '\n' forces a break; other breaks fall on
 * spaces for Latin text and between characters for Chinese; nothing splits a character.
 */
export function wrapText(text: string, width: number): string[] {
  if (!Number.isInteger(width) || width < MIN_WRAP_WIDTH) throw new RangeError(`wrap width must be an integer >= ${MIN_WRAP_WIDTH}, got ${width}`);
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, width));
}
