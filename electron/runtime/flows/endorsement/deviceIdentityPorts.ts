import type { LocalizedText } from '../../../../config/localizedText.js';
import type { CardDate } from '../../../../drivers/idcard/textBlock/cardDate.js';
import type { DeviceManager } from '../../devices/deviceManager.js';
import type { IdCardReadOutcome, PaymentCodePort } from '../shared/flowServices.js';
import type { PermitReadOutcome } from './endorsementServices.js';
import type { PaymentCodeTokens } from './paymentCodeTokens.js';

const LEFT_ON_READER: LocalizedText = {
  'zh-CN': '读卡区上有一张之前留下的证件，请取走后放上您本人的身份证',
  en: 'A card was left on the reader earlier. Please take it away and place your own ID card.',
};
const NO_PERMIT_READER: LocalizedText = { 'zh-CN': '本机没有通行证识读设备', en: 'This machine has no permit reader.' };
const WRONG_CARD: LocalizedText = { 'zh-CN': '请使用中华人民共和国居民身份证', en: 'Please use a PRC resident identity card.' };

/**
 * The citizen flows' ports onto the devices: the permit reader (endorsement only; a terminal
 * without one answers reader-offline), the ID-card reader and the payment-code scanner, through
 * the device layer's operations. Identity data passes through to the flow's work, which keeps
 * it in the PII vault; the scanned code is kept in memory behind a token and never reaches a
 * log, the flow context or the database.
 */
export function deviceIdentityPorts(deps: {
  devices: DeviceManager;
  permitReaderId: string | undefined;
  idCardReaderId: string;
  scannerId: string;
  tokens: PaymentCodeTokens;
}): { readPermit(timeoutMs: number, signal: AbortSignal): Promise<PermitReadOutcome>; readIdCard(timeoutMs: number, signal: AbortSignal): Promise<IdCardReadOutcome>; paymentCodes: PaymentCodePort } {
  return {
    async readPermit(timeoutMs, signal) {
      if (deps.permitReaderId === undefined) return { ok: false, code: 'reader-offline', message: NO_PERMIT_READER };
      const reply = await deps.devices.perform(deps.permitReaderId, { op: 'permit.read', timeoutMs, accept: ['hk-macau-permit', 'taiwan-permit'] }, { signal });
      if (!reply.ok) return { ok: false, code: 'reader-offline', message: reply.failure.message };
      const result = reply.result;
      if (!result.ok) return { ok: false, code: result.reason, message: result.message };
      const permit = result.permit;
      if (permit.documentType !== 'hk-macau-permit' && permit.documentType !== 'taiwan-permit') {
        return { ok: false, code: 'wrong-document', message: { 'zh-CN': '请放入卡式往来港澳或台湾通行证', en: 'Please place a card-type permit for Hong Kong/Macau or Taiwan.' } };
      }
      return {
        ok: true,
        permit: {
          permitType: permit.documentType === 'hk-macau-permit' ? 'hk-macau' : 'taiwan',
          number: permit.documentNumber,
          birthDate: permit.birthDate.iso,
          expiry: permit.expiryDate.iso,
          sex: permit.sex === 'male' || permit.sex === 'female' ? permit.sex : null,
        },
      };
    },
    async readIdCard(timeoutMs, signal) {
      const reply = await deps.devices.perform(deps.idCardReaderId, { op: 'idcard.read', timeoutMs }, { signal });
      if (!reply.ok) return { ok: false, code: 'reader-offline', message: reply.failure.message };
      const result = reply.result;
      if (!result.ok) {
        const code = result.reason === 'timeout' || result.reason === 'cancelled' || result.reason === 'reader-offline' ? result.reason : 'bad-read';
        return { ok: false, code, message: result.message };
      }
      // A card still lying there from an earlier read is someone's forgotten card, not this citizen's.
      if (result.cardWasLeftOnReader) return { ok: false, code: 'bad-read', message: LEFT_ON_READER };
      if (result.card.type !== 'resident') return { ok: false, code: 'wrong-card', message: WRONG_CARD };
      const birth = result.card.birthDate as CardDate;
      if (birth.kind !== 'date' || !result.idNumberValid) return { ok: false, code: 'bad-read', message: { 'zh-CN': '身份证信息无法识别，请重新放置', en: 'The card could not be read. Please place it again.' } };
      const sex = result.card.sex.value;
      return { ok: true, card: { idNumber: result.card.idNumber, birthDate: birth.iso, sex: sex === 'male' || sex === 'female' ? sex : null } };
    },
    paymentCodes: {
      async scan(timeoutMs, signal) {
        const reply = await deps.devices.perform(deps.scannerId, { op: 'scanner.scan', timeoutMs }, { signal });
        if (!reply.ok) return { ok: false, code: 'scanner-offline', message: reply.failure.message };
        const result = reply.result;
        if (!result.ok) return { ok: false, code: result.reason, message: SCAN_MESSAGES[result.reason] };
        return { ok: true, token: deps.tokens.hold(result.code), wallet: result.kind, masked: result.masked };
      },
      redeem: (token) => deps.tokens.redeem(token),
    },
  };
}

const SCAN_MESSAGES: Record<'timeout' | 'cancelled' | 'scanner-offline' | 'unreadable', LocalizedText> = {
  timeout: { 'zh-CN': '未扫到付款码，请将手机付款码对准扫码窗口', en: 'No payment code was scanned. Hold your phone’s payment code to the scanner window.' },
  cancelled: { 'zh-CN': '已取消扫码', en: 'Scanning was cancelled.' },
  'scanner-offline': { 'zh-CN': '扫码设备暂时无法使用，请改用银行卡支付', en: 'The scanner is not available. Please pay by bank card.' },
  unreadable: { 'zh-CN': '付款码无法识别，请刷新付款码后重试', en: 'The payment code could not be read. Refresh it on your phone and try again.' },
};
