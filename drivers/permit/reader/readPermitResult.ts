import type { LocalizedText } from '../../../config/localizedText.js';
import type { CheckDigitName, MrzError } from '../mrz/mrzError.js';
import type { PermitMrz } from '../mrz/permitMrz.js';

/** The permits a flow can ask for. */
export type AcceptedPermitType = 'hk-macau-permit' | 'taiwan-permit';

export interface ReadPermitRequest {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Which permits the flow takes; both by default. Anything else ends the read as 'wrong-document'. */
  accept?: readonly AcceptedPermitType[];
}

export type ReadPermitFailureReason = 'timeout' | 'cancelled' | 'reader-offline' | 'bad-read' | 'wrong-document';

/** What a flow gets back from one "read a permit within N seconds" request. */
export type ReadPermitResult =
  | { ok: true; permit: PermitMrz }
  | { ok: false; reason: 'timeout' | 'cancelled' | 'reader-offline'; message: LocalizedText }
  | {
      ok: false;
      reason: 'bad-read';
      message: LocalizedText;
      /** The check digits that failed, by name; empty when the zone failed for another reason (length, characters). */
      failedChecks: CheckDigitName[];
      /** Everything the parser found wrong, for staff logs (no personal data in them). */
      errors: MrzError[];
    }
  | {
      ok: false;
      reason: 'wrong-document';
      message: LocalizedText;
      /** What was placed instead, as its MRZ document code ("P" for a passport, "CD" when only CS is accepted). */
      documentCode: string;
    };

/** Short, calm and actionable: the citizen can only place the permit again or ask staff. */
export const READ_PERMIT_MESSAGES: Readonly<Record<ReadPermitFailureReason, LocalizedText>> = {
  timeout: { 'zh-CN': '未检测到通行证，请将卡式通行证平放在识读区', en: 'No permit detected. Please place your card permit flat on the reader.' },
  cancelled: { 'zh-CN': '已取消读取通行证', en: 'Reading the permit was cancelled.' },
  'reader-offline': { 'zh-CN': '通行证识读设备暂时无法使用，请联系工作人员', en: 'The permit reader is not available. Please ask staff for help.' },
  'bad-read': { 'zh-CN': '未能读取通行证，请取出后重新平放在识读区', en: 'The permit could not be read. Please take it out and place it flat on the reader again.' },
  'wrong-document': {
    'zh-CN': '此证件不是本业务所需的卡式通行证，请放入往来港澳或往来台湾通行证',
    en: 'This is not the card permit this service needs. Please place your permit for Hong Kong and Macao or for Taiwan.',
  },
};
