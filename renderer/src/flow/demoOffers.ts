import type { MessageKey } from '../i18n/translate.js';
import type { DemoAction, FlowScreenName } from './flowViewTypes.js';

/**
 * The "demo" buttons of a terminal with simulated devices: on a screen that waits for a
 * device, play what the citizen would do at it. Real terminals list no simulated devices, so
 * they never show one.
 */

export interface DemoOffer {
  deviceId: string;
  action: DemoAction;
  label: MessageKey;
}

interface DemoForScreen {
  deviceKind: string;
  action: DemoAction;
  label: MessageKey;
}

const DEMO_BY_SCREEN: Partial<Readonly<Record<FlowScreenName, DemoForScreen>>> = {
  'insert-permit': { deviceKind: 'permit-reader', action: { action: 'permit.present', document: 'hk-macau-permit' }, label: 'flow.demo.permit' },
  'insert-id-card': { deviceKind: 'id-card-reader', action: { action: 'idcard.place-card', persona: 'permit-holder' }, label: 'flow.demo.idCard' },
  'scan-code': { deviceKind: 'payment-code-scanner', action: { action: 'scanner.present-code', wallet: 'wechat' }, label: 'flow.demo.paymentCode' },
};

export function demoOfferFor(
  screen: FlowScreenName,
  simulatedDevices: ReadonlyArray<{ deviceId: string; kind: string }>,
): DemoOffer | null {
  const demo = DEMO_BY_SCREEN[screen];
  if (!demo) return null;
  const device = simulatedDevices.find((candidate) => candidate.kind === demo.deviceKind);
  return device ? { deviceId: device.deviceId, action: demo.action, label: demo.label } : null;
}
