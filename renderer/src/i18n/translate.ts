import type { Language } from '../../../config/localizedText.js';
import { messagesEn } from './messagesEn.js';
import { messagesZhCN, type MessageCatalogue, type MessageKey } from './messagesZhCN.js';

export type { MessageKey } from './messagesZhCN.js';
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const catalogues: Readonly<Record<Language, MessageCatalogue>> = {
  'zh-CN': messagesZhCN,
  en: messagesEn,
};

/** Fills {name} placeholders; an unknown placeholder stays visible so the gap is noticed in review. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return interpolate(catalogues[language][key], params);
}

export function translatorFor(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
