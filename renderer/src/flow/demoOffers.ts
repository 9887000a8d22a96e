import type { MessageKey } from '../i18n/translate.js';
import type { DemoAction, FlowOnScreen, PartyRole, PropertyView } from './flowViewTypes.js';

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

const PAYMENT_CODE: DemoForScreen = { deviceKind: 'payment-code-scanner', action: { action: 'scanner.present-code', wallet: 'wechat' }, label: 'flow.demo.paymentCode' };

/** The simulator's synthetic people who match the platform simulator's demo property case. */
const PROPERTY_PERSONA: Partial<Readonly<Record<PartyRole, 'property-seller' | 'property-buyer' | 'property-co-owner'>>> = {
  seller: 'property-seller',
  buyer: 'property-buyer',
  'co-owner': 'property-co-owner',
};

function endorsementDemo(screen: FlowOnScreen['view']['screen']): DemoForScreen | null {
  switch (screen) {
    case 'insert-permit':
      return { deviceKind: 'permit-reader', action: { action: 'permit.present', document: 'hk-macau-permit' }, label: 'flow.demo.permit' };
    case 'insert-id-card':
      return { deviceKind: 'id-card-reader', action: { action: 'idcard.place-card', persona: 'permit-holder' }, label: 'flow.demo.idCard' };
    case 'scan-code':
      return PAYMENT_CODE;
    default:
      return null;
  }
}

/** On the ID-card screen, the card of the party whose turn it is (when the simulator has one for the role). */
function propertyDemo(view: PropertyView): DemoForScreen | null {
  if (view.screen === 'scan-code') return PAYMENT_CODE;
  if (view.screen !== 'insert-id-card') return null;
  const role = view.parties.find((party) => party.partyId === view.currentPartyId)?.role;
  const persona = role ? PROPERTY_PERSONA[role] : undefined;
  return persona ? { deviceKind: 'id-card-reader', action: { action: 'idcard.place-card', persona }, label: 'flow.demo.idCard' } : null;
}

/**
 * A terminal whose devices are simulated is a demo or training one: its screens may say what
 * the simulators will do by themselves (the simulated phone that pays a shown QR code).
 */
export function isDemoTerminal(simulatedDevices: ReadonlyArray<{ deviceId: string; kind: string }>): boolean {
  return simulatedDevices.length > 0;
}

export function demoOfferFor(flow: FlowOnScreen, simulatedDevices: ReadonlyArray<{ deviceId: string; kind: string }>): DemoOffer | null {
  const demo = flow.kind === 'exit-entry-endorsement' ? endorsementDemo(flow.view.screen) : propertyDemo(flow.view);
  if (!demo) return null;
  const device = simulatedDevices.find((candidate) => candidate.kind === demo.deviceKind);
  return device ? { deviceId: device.deviceId, action: demo.action, label: demo.label } : null;
}
