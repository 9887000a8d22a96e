import type { LocalizedText } from '../../../config/localizedText.js';
import type { IdentityCard } from '../textBlock/identityCard.js';

export type ReadCardFailureReason = 'timeout' | 'cancelled' | 'card-removed' | 'reader-offline' | 'read-failed';

/** What a flow gets back from one "read an ID card within N seconds" request. */
export type ReadCardResult =
  | {
      ok: true;
      card: IdentityCard;
      /** Raw WLT bytes; only a licensed decoder plug-in can turn them into an image. */
      photo: Uint8Array;
      idNumberValid: boolean;
      /** The card was still on the reader from the previous read (find answered 80, a direct read worked). */
      cardWasLeftOnReader: boolean;
    }
  | {
      ok: false;
      reason: ReadCardFailureReason;
      /** What the citizen sees and hears. */
      message: LocalizedText;
      /** For staff logs: the SAM status or session error behind the reason; never card data. */
      detail: string | null;
    };

/** Told to the flow while the read is still running, so the screen can prompt at once. */
export type ReadCardProgress = { kind: 'card-detected' } | { kind: 'card-removed'; message: LocalizedText };

export interface ReadCardOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (progress: ReadCardProgress) => void;
}

/** Short, calm and actionable: the citizen can only move the card or ask staff. */
export const READ_CARD_MESSAGES: Readonly<Record<ReadCardFailureReason, LocalizedText>> = {
  timeout: { 'zh-CN': '未检测到身份证，请将身份证放在读卡区', en: 'No ID card detected. Please place your ID card on the reader.' },
  cancelled: { 'zh-CN': '已取消读卡', en: 'Card reading was cancelled.' },
  'card-removed': {
    'zh-CN': '读卡时证件被移开，请将身份证放回读卡区并保持不动',
    en: 'The card was moved while it was being read. Please put it back on the reader and hold it still.',
  },
  'reader-offline': { 'zh-CN': '读卡器暂时无法使用，请联系工作人员', en: 'The card reader is not available. Please ask staff for help.' },
  'read-failed': { 'zh-CN': '无法读取此证件，请联系工作人员', en: 'This card could not be read. Please ask staff for help.' },
};

export function readCardFailure(reason: ReadCardFailureReason, detail: string | null = null): ReadCardResult {
  return { ok: false, reason, message: READ_CARD_MESSAGES[reason], detail };
}
