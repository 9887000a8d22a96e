import { z } from 'zod';
import type { LocalizedText } from '../../config/localizedText.js';
import type { ReadCardFailureReason, ReadCardProgress } from '../idcard/reader/readCardResult.js';
import type { IdentityCard } from '../idcard/textBlock/identityCard.js';
import type { CardQueryOutcome, CardTerminalOutcome } from '../payment/ecr/cardTerminal.js';
import type { DeviceState } from '../model/deviceStatus.js';
import type { ScanResult } from '../payment/scanner/paymentCodeScanner.js';
import type { ReadPermitResult } from '../permit/reader/readPermitResult.js';
import type { PrintResult } from '../printer/device/printResult.js';
import { simulatorActionSchema, type SimulatorActionResult } from './simulatorAction.js';
import type { SelfTestResult } from './deviceSelfTest.js';

/**
 * The commands the runtime (and kioskctl) may give a device, after XFS4IoT's command/completion
 * model: one request, one completion, progress events in between. They cross the device-host
 * IPC channel as JSON, so every field is plain data (bytes travel as base64) and the request is
 * a zod schema the host validates.
 */

const timeoutMs = z.number().int().min(100).max(10 * 60_000);
const reference = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or -');
const amountFen = z.number().int().positive().max(100_000_000);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const deviceOperationSchema = z.discriminatedUnion('op', [
  /** Find → select → read until a card is read or the time is up. */
  z.strictObject({ op: z.literal('idcard.read'), timeoutMs }),
  /** One ESC/POS job. The caller keeps the durable journal and records the job first. */
  z.strictObject({ op: z.literal('printer.print'), jobId: z.string().min(1).max(80), bytesBase64: base64 }),
  z.strictObject({ op: z.literal('scanner.scan'), timeoutMs }),
  /** Reads a card permit's machine-readable zone; `accept` limits the document kinds. */
  z.strictObject({
    op: z.literal('permit.read'),
    timeoutMs,
    accept: z.array(z.enum(['hk-macau-permit', 'taiwan-permit'])).min(1).optional(),
  }),
  z.strictObject({ op: z.literal('card.sale'), reference, amountFen }),
  z.strictObject({ op: z.literal('card.void'), reference, amountFen, originalVoucherNo: z.string().regex(/^\d{1,12}$/) }),
  z.strictObject({
    op: z.literal('card.refund'),
    reference,
    amountFen,
    originalReferenceNo: z.string().regex(/^[A-Za-z0-9]{1,24}$/),
    originalDate: z.string().regex(/^\d{8}$/, 'must be YYYYMMDD'),
  }),
  z.strictObject({ op: z.literal('card.query-last'), reference }),
  z.strictObject({ op: z.literal('card.settle'), reference }),
  /** What `kioskctl devices test` runs: read a card, print a test page, scan, terminal status. */
  z.strictObject({ op: z.literal('self-test'), timeoutMs, terminalId: z.string().max(40).optional() }),
  /** A passive check (status query, SAM status): nothing printed, nothing read; for remote self-tests. */
  z.strictObject({ op: z.literal('check-health') }),
  /** Drives the simulator behind a `simulated` binding (training, demos, tests). */
  z.strictObject({ op: z.literal('simulate'), action: simulatorActionSchema }),
]);
export type DeviceOperation = z.infer<typeof deviceOperationSchema>;
export type DeviceOperationName = DeviceOperation['op'];

/** An ID-card read as it crosses the process boundary: the WLT photo as base64. */
export type WireReadCardResult =
  | { ok: true; card: IdentityCard; photoBase64: string; idNumberValid: boolean; cardWasLeftOnReader: boolean }
  | { ok: false; reason: ReadCardFailureReason; message: LocalizedText; detail: string | null };

export interface DeviceOperationResults {
  'idcard.read': WireReadCardResult;
  'printer.print': PrintResult;
  'scanner.scan': ScanResult;
  'permit.read': ReadPermitResult;
  'card.sale': CardTerminalOutcome;
  'card.void': CardTerminalOutcome;
  'card.refund': CardTerminalOutcome;
  'card.query-last': CardQueryOutcome;
  'card.settle': CardTerminalOutcome;
  'self-test': SelfTestResult;
  'check-health': { ok: boolean; state: DeviceState; faultCode: string | null };
  simulate: SimulatorActionResult;
}

/** Progress a long operation reports before it completes. */
export type DeviceOperationProgress = { op: 'idcard.read'; progress: ReadCardProgress };

/**
 * Why an operation never reached the driver, or never came back from it. For a card payment,
 * `device-host-restarted` means the outcome is unknown: query by reference, never repeat it.
 */
export type DeviceOperationFailureReason =
  | 'unknown-device'
  | 'wrong-kind'
  | 'not-simulated'
  | 'device-host-restarted'
  | 'device-host-unavailable'
  | 'invalid-operation'
  | 'no-driver'
  | 'driver-error';

export interface DeviceOperationFailure {
  reason: DeviceOperationFailureReason;
  message: LocalizedText;
  detail: string | null;
}

export type DeviceOperationReply<Op extends DeviceOperationName = DeviceOperationName> =
  | { ok: true; result: DeviceOperationResults[Op] }
  | { ok: false; failure: DeviceOperationFailure };

export const DEVICE_OPERATION_FAILURE_MESSAGES: Readonly<Record<DeviceOperationFailureReason, LocalizedText>> = {
  'unknown-device': { 'zh-CN': '未配置该设备', en: 'No such device is configured.' },
  'wrong-kind': { 'zh-CN': '该设备不支持此操作', en: 'This device does not support that operation.' },
  'not-simulated': { 'zh-CN': '只有模拟设备可以注入故障', en: 'Only simulated devices take simulated faults.' },
  'device-host-restarted': {
    'zh-CN': '设备服务正在重新连接，请稍候再试',
    en: 'Reconnecting to the devices; please try again in a moment.',
  },
  'device-host-unavailable': { 'zh-CN': '设备服务暂不可用，请稍候', en: 'The device service is not available yet; please wait.' },
  'invalid-operation': { 'zh-CN': '设备指令无效', en: 'The device command is not valid.' },
  'no-driver': { 'zh-CN': '该设备的驱动未能加载，请联系工作人员', en: 'This device has no working driver; please ask staff for help.' },
  'driver-error': { 'zh-CN': '设备驱动出错，请联系工作人员', en: 'The device driver failed; please ask staff for help.' },
};

export function operationFailure(reason: DeviceOperationFailureReason, detail: string | null = null): { ok: false; failure: DeviceOperationFailure } {
  return { ok: false, failure: { reason, message: DEVICE_OPERATION_FAILURE_MESSAGES[reason], detail } };
}

/** The device kind an operation needs; `self-test`, `check-health` and `simulate` work on every kind. */
export function operationKind(op: DeviceOperationName): 'id-card-reader' | 'receipt-printer' | 'payment-code-scanner' | 'card-payment-terminal' | 'permit-reader' | null {
  if (op === 'idcard.read') return 'id-card-reader';
  if (op === 'permit.read') return 'permit-reader';
  if (op === 'printer.print') return 'receipt-printer';
  if (op === 'scanner.scan') return 'payment-code-scanner';
  if (op.startsWith('card.')) return 'card-payment-terminal';
  return null;
}
