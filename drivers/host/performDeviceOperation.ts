import { IdCardReader } from '../idcard/reader/idCardReader.js';
import type { DeviceSimulators } from '../manager/createConfiguredDevices.js';
import type { Device } from '../model/device.js';
import { CardPaymentTerminal } from '../payment/ecr/cardPaymentTerminal.js';
import { PaymentCodeScanner } from '../payment/scanner/paymentCodeScanner.js';
import { PermitReader } from '../permit/reader/permitReader.js';
import { ReceiptPrinter } from '../printer/device/receiptPrinter.js';
import {
  operationFailure,
  operationKind,
  type DeviceOperation,
  type DeviceOperationProgress,
  type DeviceOperationReply,
} from './deviceOperation.js';
import { runDeviceSelfTest } from './deviceSelfTest.js';
import { applySimulatorAction } from './simulatorAction.js';

export interface OperationContext {
  devices: readonly Device[];
  simulators: DeviceSimulators;
  signal?: AbortSignal;
  onProgress?: (progress: DeviceOperationProgress) => void;
}

/**
 * Runs one operation against the configured devices: finds the device, checks that it is the
 * kind the operation needs (a serial reader that could not be built is an
 * UnsupportedBindingDevice, not an IdCardReader), and turns the driver's answer into plain data
 * that can cross the device-host channel. Drivers report failures as values; a throw is a driver
 * bug and comes back as `driver-error`, never as a crash of the host.
 */
export async function performDeviceOperation(deviceId: string, operation: DeviceOperation, context: OperationContext): Promise<DeviceOperationReply> {
  const device = context.devices.find((d) => d.id === deviceId);
  if (!device) return operationFailure('unknown-device', deviceId);
  const needed = operationKind(operation.op);
  if (needed !== null && device.kind !== needed) return operationFailure('wrong-kind', `${deviceId} is a ${device.kind}, ${operation.op} needs a ${needed}`);
  try {
    return await dispatch(device, operation, context);
  } catch (error) {
    return operationFailure('driver-error', error instanceof Error ? error.message : String(error));
  }
}

async function dispatch(device: Device, operation: DeviceOperation, context: OperationContext): Promise<DeviceOperationReply> {
  const { signal } = context;
  switch (operation.op) {
    case 'simulate': {
      if (!context.simulators.links.has(device.id)) return operationFailure('not-simulated', device.id);
      return { ok: true, result: await applySimulatorAction(context.simulators, device.id, operation.action) };
    }
    case 'check-health': {
      const status = await device.checkHealth();
      return { ok: true, result: { ok: status.state === 'ready', state: status.state, faultCode: status.fault?.code ?? null } };
    }
    case 'self-test':
      return { ok: true, result: await runDeviceSelfTest(device, { timeoutMs: operation.timeoutMs, signal, terminalId: operation.terminalId }) };
    case 'idcard.read': {
      if (!(device instanceof IdCardReader)) return unavailable(device);
      const result = await device.readCard({
        timeoutMs: operation.timeoutMs,
        signal,
        onProgress: (progress) => context.onProgress?.({ op: 'idcard.read', progress }),
      });
      if (!result.ok) return { ok: true, result };
      const { card, photo, idNumberValid, cardWasLeftOnReader } = result;
      return { ok: true, result: { ok: true, card, photoBase64: Buffer.from(photo).toString('base64'), idNumberValid, cardWasLeftOnReader } };
    }
    case 'printer.print': {
      if (!(device instanceof ReceiptPrinter)) return unavailable(device);
      return { ok: true, result: await device.print(Buffer.from(operation.bytesBase64, 'base64'), { jobId: operation.jobId }) };
    }
    case 'permit.read': {
      if (!(device instanceof PermitReader)) return unavailable(device);
      return { ok: true, result: await device.readPermit({ timeoutMs: operation.timeoutMs, signal, ...(operation.accept ? { accept: operation.accept } : {}) }) };
    }
    case 'scanner.scan': {
      if (!(device instanceof PaymentCodeScanner)) return unavailable(device);
      return { ok: true, result: await device.scan({ timeoutMs: operation.timeoutMs, signal }) };
    }
    case 'card.sale':
    case 'card.void':
    case 'card.refund':
    case 'card.query-last':
    case 'card.settle': {
      if (!(device instanceof CardPaymentTerminal)) return unavailable(device);
      return { ok: true, result: await cardOperation(device, operation) };
    }
  }
}

function cardOperation(terminal: CardPaymentTerminal, operation: Extract<DeviceOperation, { op: `card.${string}` }>) {
  switch (operation.op) {
    case 'card.sale':
      return terminal.sale({ reference: operation.reference, amountFen: operation.amountFen });
    case 'card.void':
      return terminal.voidSale({ reference: operation.reference, amountFen: operation.amountFen, originalVoucherNo: operation.originalVoucherNo });
    case 'card.refund':
      return terminal.refund({
        reference: operation.reference,
        amountFen: operation.amountFen,
        originalReferenceNo: operation.originalReferenceNo,
        originalDate: operation.originalDate,
      });
    case 'card.query-last':
      return terminal.queryLast({ reference: operation.reference });
    case 'card.settle':
      return terminal.settle({ reference: operation.reference });
  }
}

/** The configured device of the right kind has no working driver (unsupported binding): say why. */
function unavailable(device: Device): DeviceOperationReply {
  const fault = device.status().fault;
  return operationFailure('no-driver', fault ? fault.message.en : `${device.id} has no driver for this operation`);
}
