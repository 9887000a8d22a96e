import type { LocalizedText } from '../../config/localizedText.js';
import { SYNTHETIC_PERMIT_HOLDER_FIELDS, SYNTHETIC_PROPERTY_PARTY_FIELDS, syntheticResidentCard } from '../idcard/simulator/simulatedCard.js';
import type { SimulatedReaderFault } from '../idcard/simulator/simulatedReaderFault.js';
import type { DeviceSimulators } from '../manager/createConfiguredDevices.js';
import { syntheticPermitZone } from '../permit/simulator/syntheticPermits.js';
import type { SimulatorAction } from './simulatorActionSchema.js';

export { simulatorActionSchema, type SimulatorAction, type SimulatorActionName } from './simulatorActionSchema.js';

/*
 * Simulator actions are used by staff training on the maintenance screen, by demos, by
 * `kioskctl devices test` and by tests. Real devices refuse them.
 */

export type SimulatorActionResult = { ok: true } | { ok: false; reason: 'no-simulator' | 'wrong-kind'; message: LocalizedText };

/**
 * Synthetic payment codes that classify as their wallet (paymentCodeClassification.ts); never
 * real ones. Each ends in a digit the platform simulator reads as "the payer pays at once"
 * (test/platform-sim/README.md: the last digit scripts the payer).
 */
export const SYNTHETIC_PAYMENT_CODES: Readonly<Record<'wechat' | 'alipay' | 'unionpay', string>> = {
  wechat: '134567890123456780',
  alipay: '2812345678901234',
  unionpay: '6212345678901234561',
};

const PAPER_LEFT_FOR_MID_JOB_BYTES = 120;

/** The synthetic people a demo can place at the ID-card reader. */
const PERSONAS = {
  'permit-holder': SYNTHETIC_PERMIT_HOLDER_FIELDS,
  'property-seller': SYNTHETIC_PROPERTY_PARTY_FIELDS.seller,
  'property-buyer': SYNTHETIC_PROPERTY_PARTY_FIELDS.buyer,
  'property-co-owner': SYNTHETIC_PROPERTY_PARTY_FIELDS['co-owner'],
} as const;

/**
 * Applies an action to the simulator of `deviceId`. Pure with respect to the simulators it is
 * given; answers `no-simulator` for a device that is not simulated and `wrong-kind` for an
 * action meant for another kind of device.
 */
export async function applySimulatorAction(simulators: DeviceSimulators, deviceId: string, action: SimulatorAction): Promise<SimulatorActionResult> {
  const link = simulators.links.get(deviceId);
  if (!link) return { ok: false, reason: 'no-simulator', message: NO_SIMULATOR };
  if (action.action === 'unplug') {
    link.unplug();
    return { ok: true };
  }
  if (action.action === 'replug') {
    link.replug();
    return { ok: true };
  }
  const [family] = action.action.split('.') as [string];
  switch (family) {
    case 'idcard': {
      const reader = simulators.idCardReaders.get(deviceId);
      if (!reader) return wrongKind();
      if (action.action === 'idcard.place-card') {
        const persona = action.persona ? PERSONAS[action.persona] : {};
        reader.placeCard(syntheticResidentCard({ ...persona, ...(action.name ? { name: action.name } : {}), ...(action.idNumber ? { idNumber: action.idNumber } : {}) }));
      } else if (action.action === 'idcard.remove-card') reader.removeCard();
      else if (action.action === 'idcard.sam-failure') reader.setSamSelfTestFailed(action.on);
      else if (action.action === 'idcard.fault') reader.injectFault(readerFault(action.fault));
      return { ok: true };
    }
    case 'printer': {
      const printer = simulators.printers.get(deviceId);
      if (!printer) return wrongKind();
      if (action.action === 'printer.paper-near-end') printer.setPaperNearEnd(action.on);
      else if (action.action === 'printer.paper-end') printer.setPaperEnd(action.on);
      else if (action.action === 'printer.paper-out-mid-job') printer.runOutOfPaperAfter(PAPER_LEFT_FOR_MID_JOB_BYTES);
      else if (action.action === 'printer.cover-open') printer.setCoverOpen(action.on);
      else if (action.action === 'printer.cutter-jam') printer.jamCutterOnNextCut();
      else if (action.action === 'printer.cutter-cleared') printer.setCutterError(false);
      else if (action.action === 'printer.silent') printer.setSilent(action.on);
      return { ok: true };
    }
    case 'scanner': {
      const scanner = simulators.scanners.get(deviceId);
      if (!scanner) return wrongKind();
      if (action.action === 'scanner.present-code') await scanner.presentCode(SYNTHETIC_PAYMENT_CODES[action.wallet]);
      else if (action.action === 'scanner.noise') await scanner.sendNoise();
      else if (action.action === 'scanner.unreadable') await scanner.sendUnreadableFrame();
      return { ok: true };
    }
    case 'card-terminal': {
      const terminal = simulators.cardTerminals.get(deviceId);
      if (!terminal) return wrongKind();
      if (action.action === 'card-terminal.behaviour') terminal.behaviour = action.behaviour;
      else if (action.action === 'card-terminal.corrupt-next') terminal.corruptNextResponse();
      return { ok: true };
    }
    case 'permit': {
      const reader = simulators.permitReaders.get(deviceId);
      if (!reader) return wrongKind();
      if (action.action === 'permit.present') await reader.presentDocument(syntheticPermitZone(action.document));
      else if (action.action === 'permit.misread') reader.injectFault({ kind: 'misread', check: action.check });
      else if (action.action === 'permit.noise') await reader.sendNoise();
      return { ok: true };
    }
    default:
      return wrongKind();
  }
}

function readerFault(fault: 'silence' | 'bad-checksum' | 'garbage' | 'card-removed-mid-read'): SimulatedReaderFault {
  switch (fault) {
    case 'silence':
      return { kind: 'silence' };
    case 'bad-checksum':
      return { kind: 'bad-checksum' };
    case 'garbage':
      return { kind: 'garbage-before-reply' };
    case 'card-removed-mid-read':
      return { kind: 'card-removed-mid-read', mode: 'truncate' };
  }
}

const NO_SIMULATOR: LocalizedText = { 'zh-CN': '该设备不是模拟设备', en: 'This device is not simulated.' };

function wrongKind(): SimulatorActionResult {
  return { ok: false, reason: 'wrong-kind', message: { 'zh-CN': '此模拟操作不适用于该设备', en: 'That simulated action does not apply to this device.' } };
}
