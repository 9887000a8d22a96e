/** A fixed slot in the 256-byte UCS-2LE text block (GA 490): byte offset and byte length. */
export interface TextBlockField {
  readonly offset: number;
  readonly byteLength: number;
}

export const TEXT_BLOCK_BYTES = 256;

/** Where every layout keeps its card type marker (research §4e). */
export const CARD_TYPE_MARKER_FIELD: TextBlockField = { offset: 248, byteLength: 2 };

const utf16le = new TextDecoder('utf-16le');

/** The field's text without its padding (spaces; NULs from readers that zero-fill). */
export function readTextField(block: Uint8Array, field: TextBlockField): string {
  return stripPadding(readRawTextField(block, field));
}

/** Drops trailing spaces and NULs (some readers zero-fill). */
export function stripPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\u0000')) end--;
  return text.slice(0, end);
}

/** The field's text including padding, for fields that continue in another slot. */
export function readRawTextField(block: Uint8Array, field: TextBlockField): string {
  return utf16le.decode(block.subarray(field.offset, field.offset + field.byteLength));
}

/** Writes text padded with spaces; for simulators and fixtures. Throws when it does not fit. */
export function writeTextField(block: Uint8Array, field: TextBlockField, text: string): void {
  if (text.length * 2 > field.byteLength) {
    throw new RangeError(`"${text}" needs ${text.length * 2} bytes, the field at ${field.offset} has ${field.byteLength}`);
  }
  const padded = text.padEnd(field.byteLength / 2, ' ');
  for (let i = 0; i < padded.length; i++) {
    const unit = padded.charCodeAt(i);
    block[field.offset + 2 * i] = unit & 0xff;
    block[field.offset + 2 * i + 1] = unit >> 8;
  }
}
