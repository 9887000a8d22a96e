import type { KioskSnapshot } from '../../../electron/bridge/kioskSnapshot.js';

/** A plausible attract-screen snapshot; tests override what they care about. */
export function sampleSnapshot(overrides: Partial<KioskSnapshot> = {}): KioskSnapshot {
  return {
    seq: 1,
    at: 1_000_000,
    terminal: {
      id: 'T-0001',
      hallName: { 'zh-CN': '示例市政务服务中心', en: 'Sample City Government Service Centre' },
      helpPhone: '12345',
      inService: true,
      outOfServiceReasons: [],
      languages: ['zh-CN', 'en'],
      simulatedDevices: [],
    services: [
        {
          id: 'exit-entry',
          kind: 'exit-entry-endorsement',
          title: { 'zh-CN': '出入境自助签注', en: 'Exit-entry endorsement' },
          summary: { 'zh-CN': '往来港澳台签注', en: 'Endorsements for Hong Kong, Macao and Taiwan' },
          documents: [{ 'zh-CN': '居民身份证', en: 'Resident ID card' }],
          fees: [{ code: 'endorsement', label: { 'zh-CN': '签注费', en: 'Endorsement fee' }, amountFen: 1500 }],
          available: false,
          unavailableReason: { 'zh-CN': '本业务尚未安装', en: 'This service is not installed yet' },
        },
      ],
    },
    screen: { name: 'attract' },
    ui: { language: 'zh-CN', largeText: false, voice: true },
    session: null,
    ...overrides,
  };
}
