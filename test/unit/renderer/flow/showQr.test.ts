import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { isDemoTerminal, demoOfferFor } from '../../../../renderer/src/flow/demoOffers.js';
import { stagesOf } from '../../../../renderer/src/flow/flowStages.js';
import { QR_QUIET_ZONE_MODULES, qrCodeSvg } from '../../../../renderer/src/flow/qrCodeSvg.js';
import { translatorFor } from '../../../../renderer/src/i18n/translate.js';
import { minutesAndSeconds } from '../../../../renderer/src/time/countdown.js';
import { voiceCueFor } from '../../../../renderer/src/voice/voicePrompts.js';
import { endorsementFlow, flowView, foundCase, propertyFlow, propertyView } from './sampleFlowViews.js';

/** The pure parts of the QR code screen (扫码支付): the drawing, the countdown, the stage, the voice, the demo hint. */

const LINK = 'https://pay.platform.example/qr/PO0000000042';
const SHOW_QR = { screen: 'show-qr', content: LINK, expiresAt: '2026-11-23T10:05:00.000Z', canCancelPayment: true } as const;
const PAYING = { step: 'show-qr', phase: 'paying', canCancel: false, amountFen: 1500 } as const;

/** The modules a path of `M x y h n v 1 h -n z` runs paints. */
function paintedModules(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let column = Number(x); column < Number(x) + Number(width); column++) grid[Number(y)]![column] = true;
  }
  return grid;
}

describe('qrCodeSvg', () => {
  it('paints exactly the dark modules of the QR code, row by row', () => {
    const svg = qrCodeSvg(LINK);
    const expected = encode(LINK, { ecc: 'M', border: QR_QUIET_ZONE_MODULES });
    expect(svg.size).toBe(expected.size);
    expect(paintedModules(svg.path, svg.size)).toEqual(expected.data);
    // Nothing but runs in the path: no stray commands a renderer could misread.
    expect(svg.path.replace(/M\d+ \d+h\d+v1h-\d+z/g, '')).toBe('');
  });

  it('keeps a quiet zone of four light modules all round, and the three finder patterns inside it', () => {
    const { path, size } = qrCodeSvg(LINK);
    const grid = paintedModules(path, size);
    const q = QR_QUIET_ZONE_MODULES;
    for (let i = 0; i < size; i++) {
      for (let band = 0; band < q; band++) {
        expect(grid[band]![i]).toBe(false);
        expect(grid[size - 1 - band]![i]).toBe(false);
        expect(grid[i]![band]).toBe(false);
        expect(grid[i]![size - 1 - band]).toBe(false);
      }
    }
    // A finder pattern's outer ring is dark, its second ring light, its 3×3 centre dark.
    const modules = size - 2 * q;
    for (const [top, left] of [
      [q, q],
      [q, q + modules - 7],
      [q + modules - 7, q],
    ] as const) {
      expect(grid[top]!.slice(left, left + 7)).toEqual(Array(7).fill(true));
      expect(grid[top + 1]!.slice(left, left + 7)).toEqual([true, false, false, false, false, false, true]);
      expect(grid[top + 3]!.slice(left, left + 7)).toEqual([true, false, true, true, true, false, true]);
    }
  });

  it('draws a payment link in a small version (large modules), and the longest link the contract allows still fits', () => {
    // Version 4 (33 modules) for a ~45-character link: at 400 px each module is ~10 px, plenty for a phone at arm's length.
    expect(qrCodeSvg(LINK).size).toBe(33 + 2 * QR_QUIET_ZONE_MODULES);
    const longest = `https://pay.platform.example/${'a'.repeat(512 - 29)}`;
    expect(longest).toHaveLength(512);
    expect(qrCodeSvg(longest).size).toBeGreaterThan(qrCodeSvg(LINK).size);
  });

  it('gives the same drawing for the same link and another for another link', () => {
    expect(qrCodeSvg(LINK)).toEqual(qrCodeSvg(LINK));
    expect(qrCodeSvg(`${LINK}3`).path).not.toBe(qrCodeSvg(LINK).path);
  });
});

describe('the QR screen’s countdown', () => {
  it('reads minutes and seconds, never negative', () => {
    expect(minutesAndSeconds(300)).toBe('5:00');
    expect(minutesAndSeconds(65)).toBe('1:05');
    expect(minutesAndSeconds(9)).toBe('0:09');
    expect(minutesAndSeconds(59.9)).toBe('0:59');
    expect(minutesAndSeconds(-3)).toBe('0:00');
  });
});

describe('the QR screen in the flow', () => {
  const zh = translatorFor('zh-CN');
  const en = translatorFor('en');

  it('is the pay stage in both flows, and so is withdrawing the code', () => {
    expect(stagesOf(endorsementFlow(flowView(SHOW_QR, PAYING))).current).toBe(2);
    expect(stagesOf(endorsementFlow(flowView({ screen: 'busy', activity: 'cancelling-payment' }, PAYING))).current).toBe(2);
    const property = { ...foundCase(null), ...PAYING, amountFen: 9_000 };
    expect(stagesOf(propertyFlow(propertyView(SHOW_QR, property))).current).toBe(2);
    expect(stagesOf(propertyFlow(propertyView({ screen: 'busy', activity: 'cancelling-payment' }, property))).current).toBe(2);
  });

  it('says what to do in both languages, after the reason when the last code was withdrawn', () => {
    expect(voiceCueFor(endorsementFlow(flowView(SHOW_QR, PAYING)), 'zh-CN', zh)?.text).toBe('请用微信、支付宝或云闪付扫描二维码付款。');
    expect(voiceCueFor(endorsementFlow(flowView(SHOW_QR, PAYING)), 'en', en)?.text).toBe('Scan the QR code with WeChat, Alipay or UnionPay to pay.');
    const afterExpiry = flowView(
      { screen: 'choose-payment', items: [], methods: ['qr', 'bank-card'], withheld: [] },
      { step: 'choose-payment', fault: { code: 'qr-expired', message: { 'zh-CN': '二维码已过期，未扣款。请重新选择支付方式。', en: 'The QR code has expired.' }, detail: null } },
    );
    expect(voiceCueFor(endorsementFlow(afterExpiry), 'zh-CN', zh)?.text).toBe('二维码已过期，未扣款。请重新选择支付方式。请选择支付方式。');
  });

  it('mentions the simulated phone only on a terminal with simulated devices, and offers no device button for it', () => {
    expect(isDemoTerminal([{ deviceId: 'code-scanner', kind: 'payment-code-scanner' }])).toBe(true);
    expect(isDemoTerminal([])).toBe(false);
    expect(demoOfferFor(endorsementFlow(flowView(SHOW_QR, PAYING)), [{ deviceId: 'code-scanner', kind: 'payment-code-scanner' }])).toBeNull();
  });
});
