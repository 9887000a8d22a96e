import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../../../drivers/printer/layout/displayWidth.js';
import { encodeReceiptDocument } from '../../../../../drivers/printer/receipts/encodeReceiptDocument.js';
import { renderReceiptPreview } from '../../../../../drivers/printer/receipts/renderReceiptPreview.js';
import { buildEndorsementOutcomeReceipt, type EndorsementReceiptFacts } from '../../../../../electron/runtime/flows/endorsement/endorsementReceipt.js';

const facts = (overrides: Partial<EndorsementReceiptFacts> = {}): EndorsementReceiptFacts => ({
  hallName: '示范市政务服务中心',
  terminalId: 'DEMO-HALL-0001',
  helpPhone: '12345',
  caseNumber: 'CJ2026000042',
  service: '香港 个人旅游签注（G） 一次有效 3个月',
  holder: { nameMasked: '林*雨', permitNumberMasked: 'C9*****23', idNumberMasked: '4401**********1231' },
  amountFen: 1500,
  payment: { methodLabel: '微信付款码 Payment code', payerHint: '13**********6789', providerReference: 'WX4200000001', refundReference: null },
  outcome: 'issued',
  endorsementLines: ['G HK SINGLE 7D', '2026-11-23 - 2027-02-22 E000000042'],
  failureReason: null,
  time: '2026-11-23 18:00:05',
  trackingUrl: 'https://zwfw.example.gov.cn/case/CJ2026000042',
  ...overrides,
});

describe('endorsement outcome receipt', () => {
  it('lays out an issued receipt (80 mm preview)', () => {
    expect(renderReceiptPreview(buildEndorsementOutcomeReceipt(facts()))).toBe(
      [
        '               示范市政务服务中心',
        '           出入境自助签注 · 受理回执',
        '         Exit-entry endorsement receipt',
        '------------------------------------------------',
        '办理结果 Result: 签注成功 Issued',
        '------------------------------------------------',
        '办理事项 Service: 香港 个人旅游签注（G） 一次有',
        '效 3个月',
        '受理编号 Case No.                   CJ2026000042',
        '持证人 Holder                              林*雨',
        '通行证 Permit No.                      C9*****23',
        '身份证 ID No.                 4401**********1231',
        '自助终端 Terminal                 DEMO-HALL-0001',
        '办理时间 Time                2026-11-23 18:00:05',
        '------------------------------------------------',
        '签注信息 Endorsement',
        'G HK SINGLE 7D',
        '2026-11-23 - 2027-02-22 E000000042',
        '------------------------------------------------',
        '费用合计 Fee                             ￥15.00',
        '支付方式 Paid by         微信付款码 Payment code',
        '付款账户 Payer                  13**********6789',
        '支付流水 Payment ref.               WX4200000001',
        '------------------------------------------------',
        '签注已写入您的通行证，请取回证件。',
        'The endorsement is on your permit. Please take',
        'your permit.',
        '',
        '                      [QR]',
        ' https://zwfw.example.gov.cn/case/CJ2026000042',
        '    扫码查询办理进度 Scan to track your case',
        '              咨询电话 Help: 12345',
        '   请妥善保管本凭条 Please keep this receipt',
        '~~~~~~~~~~~~~~~~~~~ 切纸 cut ~~~~~~~~~~~~~~~~~~~',
        '',
      ].join('\n'),
    );
  });

  it('says refunded, with the refund reference and the reason, and no endorsement lines', () => {
    const text = renderReceiptPreview(
      buildEndorsementOutcomeReceipt(facts({ outcome: 'refunded', failureReason: '签注写入失败', payment: { ...facts().payment, refundReference: 'RF2026000001' } })),
    );
    expect(text).toContain('办理结果 Result: 未能签注，已退款');
    expect(text).toMatch(/退款金额 Refunded +￥15\.00/);
    expect(text).toMatch(/退款流水 Refund ref\. +RF2026000001/);
    expect(text).toContain('原因 Reason: 签注写入失败');
    expect(text).toContain('费用已自动原路退回');
    expect(text).not.toContain('E000000042');
  });

  it('sends the citizen to the counter with the case number when staff take over', () => {
    const text = renderReceiptPreview(buildEndorsementOutcomeReceipt(facts({ outcome: 'handed-to-staff' })));
    expect(text).toContain('请到人工窗口 Go to the counter');
    expect(text.replace(/\n/g, '')).toContain('请持本凭条到人工窗口');
    expect(text).toContain('CJ2026000042');
    expect(text).not.toContain('退款金额');
  });

  it('never prints a whole ID number, payment code or card number, even when handed one by mistake', () => {
    const text = renderReceiptPreview(
      buildEndorsementOutcomeReceipt(
        facts({
          holder: { nameMasked: null, permitNumberMasked: 'C99000123', idNumberMasked: '440106199003071231' },
          payment: { methodLabel: '银行卡 Bank card', payerHint: '6222021234567890123', providerReference: 'UP000123', refundReference: null },
        }),
      ),
    );
    for (const secret of ['440106199003071231', 'C99000123', '6222021234567890123', '2345678901']) expect(text).not.toContain(secret);
    expect(text).toContain('4401**********1231');
    expect(text).toContain('C9*****23');
    expect(text).toContain('62*************0123');
    expect(text).not.toContain('持证人');
  });

  it('fits 58 mm paper and encodes to ESC/POS (every character printable in GBK)', () => {
    const document = buildEndorsementOutcomeReceipt(facts(), '58mm');
    const lines = renderReceiptPreview(document).split('\n');
    expect(Math.max(...lines.map((line) => displayWidth(line)))).toBeLessThanOrEqual(32);
    expect(encodeReceiptDocument(document)).toMatchObject({ ok: true });
  });
});
