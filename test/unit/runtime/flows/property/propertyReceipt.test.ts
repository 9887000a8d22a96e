import { describe, expect, it } from 'vitest';
import { renderReceiptPreview } from '../../../../../drivers/printer/receipts/renderReceiptPreview.js';
import { buildPropertyReceipt, type PropertyReceiptFacts } from '../../../../../electron/runtime/flows/property/propertyReceipt.js';
import { PARTY_IDS } from './propertyHarness.js';

const facts = (overrides: Partial<PropertyReceiptFacts> = {}): PropertyReceiptFacts => ({
  hallName: '示范市政务服务中心',
  terminalId: 'DEMO-HALL-0001',
  helpPhone: '12345',
  time: '2026-11-23 18:00:05',
  trackingUrl: 'https://zwfw.example.gov.cn/case/BDC2026000102',
  caseNumber: 'BDC2026000102',
  acceptanceNumber: 'SL20260000002',
  expectedCompletionDate: '2026-11-28',
  contractFilingNumber: 'WQ2026000456',
  property: { address: '广州市天河区示例路2号3栋203房', unitNumber: '440106002003GB00002F00020003' },
  parties: [
    { role: '卖方 Seller', nameMasked: '黄*', idNumberMasked: '440106********0213' },
    { role: '买方 Buyer', nameMasked: '梁*', idNumberMasked: '440106********0224' },
  ],
  fees: [{ label: '住宅登记费（每件）', count: 1, amountFen: 8_000 }],
  amountFen: 8_000,
  payment: { methodLabel: '银行卡 Bank card', payerHint: '622202******0123', providerReference: 'UP000123450101', refundReference: null },
  outcome: 'accepted',
  failureReason: null,
  delivery: { method: '窗口领取 Collect at the counter', certificateNumbers: ['粤(2026)广州市不动产权第0000002号'], printedCertificateLines: [], postedTo: null },
  mortgageProofTo: '示例银行广州分行',
  ...overrides,
});

describe('property-transfer receipt', () => {
  it('prints the accepted case: acceptance number, property, masked parties, fees, delivery and the lender’s electronic proof', () => {
    const text = renderReceiptPreview(buildPropertyReceipt(facts()));
    expect(text).toContain('已受理 Accepted');
    expect(text).toMatch(/受理号 Acceptance No\. +SL20260000002/);
    expect(text).toContain('广州市天河区示例路2号3栋203房');
    expect(text).toMatch(/买方 Buyer 梁\* +440106\*{8}0224/);
    expect(text).toMatch(/费用合计 Fee +￥80\.00/);
    expect(text).toContain('领证方式 Delivery: 窗口领取');
    expect(text).toContain('示例银行广州分行');
    expect(text).not.toContain('证书信息 Certificate');
  });

  it('masks a whole ID number that slipped through, and says refunded with the reason when the case was not accepted', () => {
    const text = renderReceiptPreview(
      buildPropertyReceipt(
        facts({
          outcome: 'refunded',
          acceptanceNumber: null,
          parties: [{ role: '卖方 Seller', nameMasked: '陈*国', idNumberMasked: PARTY_IDS.S1 }],
          failureReason: '该不动产已被查封，不能办理转移登记',
          payment: { methodLabel: '银行卡 Bank card', payerHint: null, providerReference: 'UP1', refundReference: 'RF1' },
        }),
      ),
    );
    expect(text).not.toContain(PARTY_IDS.S1);
    expect(text).toContain('未受理，已退款');
    expect(text).toMatch(/退款金额 Refunded +￥80\.00/);
    expect(text).toContain('退款流水 Refund ref.');
    expect(text).toContain('原因 Reason: 该不动产已被查封');
    // Nothing was accepted: no delivery and no lender line.
    expect(text).not.toContain('领证方式');
    expect(text).not.toContain('示例银行广州分行');
  });

  it('prints the certificate lines when the certificate is printed here', () => {
    const text = renderReceiptPreview(
      buildPropertyReceipt(facts({ delivery: { method: '本机打印 Printed at this machine', certificateNumbers: ['C-1'], printedCertificateLines: ['不动产权证书 C-1', '面积 120.2㎡'], postedTo: null } })),
    );
    expect(text).toContain('证书信息 Certificate');
    expect(text).toContain('面积 120.2㎡');
    expect(text).not.toContain('寄往');
  });

  it('says where a posted certificate goes, masked as the platform gave it', () => {
    const text = renderReceiptPreview(
      buildPropertyReceipt(facts({ delivery: { method: '邮寄 By post', certificateNumbers: ['C-1'], printedCertificateLines: [], postedTo: '谢* 广州市越秀区****' } })),
    );
    expect(text).toContain('寄往 Posted to: 谢* 广州市越秀区****');
    expect(text).not.toContain('证书信息 Certificate');
  });
});
