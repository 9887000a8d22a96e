import { z } from 'zod';

/** The languages the kiosk speaks. Every citizen-facing text in config carries both. */
export const languageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const localizedTextSchema = z.strictObject({
  'zh-CN': z.string().min(1, 'must not be empty'),
  en: z.string().min(1, 'must not be empty'),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;
