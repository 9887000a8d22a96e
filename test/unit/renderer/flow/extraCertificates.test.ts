import { describe, expect, it } from 'vitest';
import { clampExtraCertificates, feesTotalFen, MAX_EXTRA_CERTIFICATES, stepExtraCertificates } from '../../../../renderer/src/flow/extraCertificates.js';

const REGISTRATION = { code: 'registration-housing', label: { 'zh-CN': '住宅登记费', en: 'Registration fee' }, unitFen: 8000, count: 1, amountFen: 8000 };
const EXTRA = (count: number) => ({ code: 'extra-certificate', label: { 'zh-CN': '证书工本费', en: 'Certificate' }, unitFen: 1000, count, amountFen: 1000 * count });

describe('extra certificates', () => {
  it('steps within 0..max', () => {
    expect(stepExtraCertificates(0, 1, 3)).toBe(1);
    expect(stepExtraCertificates(3, 1, 3)).toBe(3);
    expect(stepExtraCertificates(0, -1, 3)).toBe(0);
    expect(stepExtraCertificates(2, -1, 3)).toBe(1);
  });

  it('never goes past what flow.confirmFees accepts, nor below zero for a bad limit', () => {
    expect(clampExtraCertificates(50, 99)).toBe(MAX_EXTRA_CERTIFICATES);
    expect(clampExtraCertificates(2, -1)).toBe(0);
    expect(clampExtraCertificates(-3, 5)).toBe(0);
  });

  it('totals the fee lines and the certificates picked on screen', () => {
    expect(feesTotalFen([REGISTRATION], { chosen: 0, max: 5, unitFen: 1000 }, 0)).toBe(8000);
    expect(feesTotalFen([REGISTRATION], { chosen: 0, max: 5, unitFen: 1000 }, 1)).toBe(9000);
  });

  it('counts the runtime’s own certificate line once when the citizen changes the count', () => {
    const extra = { chosen: 2, max: 5, unitFen: 1000 };
    expect(feesTotalFen([REGISTRATION, EXTRA(2)], extra, 2)).toBe(10_000);
    expect(feesTotalFen([REGISTRATION, EXTRA(2)], extra, 0)).toBe(8000);
    expect(feesTotalFen([REGISTRATION, EXTRA(2)], extra, 3)).toBe(11_000);
  });
});
