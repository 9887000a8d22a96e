import { GS } from './escPosCommands.js';

/**
 * Native QR code, Epson GS ( k with cn = 49 ('1'); the five-function sequence and its byte
 * layout are in shared/research/printer.md §3 (identical to receipt-printer-encoder's output).
 */

export type QrModel = 1 | 2 | 'micro';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrCodeOptions {
  model: QrModel;
  /** Module size in dots; Epson accepts 1..16. */
  moduleSize: number;
  errorCorrection: QrErrorCorrection;
}

export const QR_MODULE_SIZE_RANGE = { min: 1, max: 16 } as const;
/** pL + pH*256 = k + 3 must stay within the KP-628E's documented 4..7092. */
export const QR_MAX_PAYLOAD_BYTES = 7092 - 3;

const QR_CN = 0x31;
const MODEL_CODE: Record<`${QrModel}`, number> = { '1': 49, '2': 50, micro: 51 };
const ERROR_CORRECTION_CODE: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

/** GS ( k pL pH cn fn params: pL/pH count cn, fn and params, little-endian. */
function qrFunction(fn: number, params: ArrayLike<number>): Uint8Array {
  const length = params.length + 2;
  const bytes = new Uint8Array(5 + length);
  bytes.set([GS, 0x28, 0x6b, length & 0xff, length >> 8, QR_CN, fn]);
  bytes.set(params, 7);
  return bytes;
}

/** fn 65: select the model (n2 is always 0). */
export function qrSelectModelCommand(model: QrModel): Uint8Array {
  return qrFunction(0x41, [MODEL_CODE[`${model}`], 0]);
}

/** fn 67: module size in dots. */
export function qrModuleSizeCommand(dots: number): Uint8Array {
  return qrFunction(0x43, [dots]);
}

/** fn 69: error correction level. */
export function qrErrorCorrectionCommand(level: QrErrorCorrection): Uint8Array {
  return qrFunction(0x45, [ERROR_CORRECTION_CODE[level]]);
}

/** fn 80: store the payload in the symbol storage area (m = 48). */
export function qrStoreDataCommand(payload: Uint8Array): Uint8Array {
  const params = new Uint8Array(1 + payload.length);
  params[0] = 0x30;
  params.set(payload, 1);
  return qrFunction(0x50, params);
}

/** fn 81: print the stored symbol (m = 48). */
export function qrPrintCommand(): Uint8Array {
  return qrFunction(0x51, [0x30]);
}
