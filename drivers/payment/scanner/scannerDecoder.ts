import type { ScannerWireError } from './scannerWireError.js';

/** A code as the scanner delivered it, before any payment meaning is given to it. */
export interface DecodedScan {
  /** The data bytes with framing removed (AIM prefix, suffix, report headers). */
  data: Uint8Array;
  /** AIM symbology identifier such as "]Q1" (Honeywell) when the wire carries one. */
  aim?: string;
  /** The vendor's own symbology byte (Honeywell code id, Newland symbology id). */
  vendorSymbology?: number;
}

export type ScannerDecoderEvent = { type: 'code'; scan: DecodedScan } | { type: 'error'; error: ScannerWireError };

/**
 * The pure, incremental half of every scanner wire format (HID-POS, serial lines): feed it
 * whatever the transport delivered and get back completed codes and typed errors. Never throws.
 */
export interface ScannerDecoder {
  push(chunk: Uint8Array): ScannerDecoderEvent[];
  /** Drops a code in progress (a scan starts or ends): its bytes are reported, not kept. */
  abandonPartial(): ScannerDecoderEvent[];
  readonly pendingByteCount: number;
}
