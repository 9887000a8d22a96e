import type { Language, LocalizedText } from '../../../config/localizedText.js';

/** The config text in the UI language; config guarantees both languages are non-empty. */
export function pickText(text: LocalizedText, language: Language): string {
  return text[language];
}
