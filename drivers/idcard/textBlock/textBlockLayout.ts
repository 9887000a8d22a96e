import { CARD_TYPE_MARKER_FIELD, TEXT_BLOCK_BYTES, type TextBlockField, writeTextField } from './textBlockField.js';

/** One card type's slots in the text block, and the marker at byte 248 that identifies it. */
export interface TextBlockLayout<FieldName extends string> {
  readonly marker: string;
  readonly fields: Readonly<Record<FieldName, TextBlockField>>;
}

/**
 * Builds a text block from field texts: for simulators and synthetic fixtures. Unset fields
 * stay as space padding, and the marker is written last so no field can overwrite it.
 */
export function encodeTextBlock<FieldName extends string>(
  layout: TextBlockLayout<FieldName>,
  values: Partial<Record<FieldName, string>>,
): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  writeTextField(block, { offset: 0, byteLength: TEXT_BLOCK_BYTES }, '');
  for (const name of Object.keys(values) as FieldName[]) {
    const value = values[name];
    if (value !== undefined) writeTextField(block, layout.fields[name], value);
  }
  writeTextField(block, CARD_TYPE_MARKER_FIELD, layout.marker);
  return block;
}
