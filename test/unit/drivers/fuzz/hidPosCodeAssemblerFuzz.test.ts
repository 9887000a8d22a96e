import { describe, expect, it } from 'vitest';
import { HidPosCodeAssembler } from '../../../../drivers/payment/scanner/hidPosCodeAssembler.js';
import { encodeHidPosReports, HID_POS_DATA_CAPACITY, HID_POS_REPORT_BYTES, HID_POS_REPORT_ID, type HidPosVendor } from '../../../../drivers/payment/scanner/hidPosReport.js';
import type { ScannerDecoderEvent } from '../../../../drivers/payment/scanner/scannerDecoder.js';
import { applyFuzzMutations } from '../../../helpers/fuzzMutations.js';
import { mulberry32 } from '../../../helpers/seededRandom.js';

/**
 * 100,000 random and mutated inputs for the HID-POS code assembler, from a fixed seed (same
 * approach as the SAM decoder's fuzz test). It never throws, never returns a code over its limit,
 * and accounts for the stream as scannerWireError.ts promises: every discarded byte is in exactly
 * one error's byteCount, and every code took whole 64-byte reports, at least one per 56 data bytes.
 * The codes and errors do not depend on how the stream was chunked.
 */
const INPUTS = 100_000;
const SEED = 0x41d_8c02;
const MAX_CODE_BYTES = 120;
const VENDORS: HidPosVendor[] = ['newland', 'honeywell'];
const KNOWN_ERROR_CODES = new Set(['unexpected-report-id', 'length-exceeds-payload', 'code-too-long', 'incomplete-code']);
/** The report id, the byte the assembler realigns on; 0x01 is the continuation flag. */
const SYNC_BYTES = [HID_POS_REPORT_ID, HID_POS_REPORT_ID, 0x01, 0x00];

/** unexpected-report-id runs are reported once per push, so runs split by chunking are merged before comparing. */
function signature(events: readonly ScannerDecoderEvent[]): string {
  const out: string[] = [];
  let skipped = 0;
  for (const event of events) {
    if (event.type === 'error' && event.error.code === 'unexpected-report-id') {
      skipped += event.error.byteCount;
      continue;
    }
    if (skipped > 0) out.push(`skip:${skipped}`);
    skipped = 0;
    out.push(event.type === 'code' ? `code:${event.scan.aim ?? ''}:${event.scan.vendorSymbology}:${Buffer.from(event.scan.data).toString('hex')}` : `${event.error.code}:${event.error.byteCount}`);
  }
  if (skipped > 0) out.push(`skip:${skipped}`);
  return out.join();
}

function feed(vendor: HidPosVendor, input: Uint8Array, chunkSize: () => number): { events: ScannerDecoderEvent[]; lost: string | null } {
  const assembler = new HidPosCodeAssembler(vendor, MAX_CODE_BYTES);
  const events: ScannerDecoderEvent[] = [];
  let lost: string | null = null;
  for (let offset = 0; offset < input.length; ) {
    const size = chunkSize();
    events.push(...assembler.push(input.subarray(offset, offset + size)));
    offset += size;
  }
  events.push(...assembler.abandonPartial());
  if (assembler.pendingByteCount !== 0) lost = `${assembler.pendingByteCount} bytes left after abandonPartial()`;
  return { events, lost };
}

describe('HidPosCodeAssembler fuzz', () => {
  it(`survives ${INPUTS.toLocaleString('en')} random and mutated inputs, accounting for every byte`, () => {
    const random = mulberry32(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const problems: string[] = [];
    let codesSeen = 0;
    let errorsSeen = 0;

    const randomBytes = () => {
      const bytes = new Uint8Array(int(160));
      for (let k = 0; k < bytes.length; k++) bytes[k] = random() < 0.1 ? SYNC_BYTES[int(SYNC_BYTES.length)]! : int(256);
      return bytes;
    };
    const mutatedReports = (vendor: HidPosVendor) => {
      const bytes: number[] = [];
      for (let n = 1 + int(2); n > 0; n--) {
        // Up to three reports per code, so continuation and the 120-byte limit are both exercised.
        const data = new Uint8Array(1 + int(150));
        for (let k = 0; k < data.length; k++) data[k] = 0x30 + int(10);
        for (const report of encodeHidPosReports(data, vendor, { aim: ']Q1', vendorSymbology: int(256) })) for (const byte of report) bytes.push(byte);
      }
      applyFuzzMutations(bytes, int, { rounds: 4, syncBytes: SYNC_BYTES, maxDuplicate: HID_POS_REPORT_BYTES });
      return Uint8Array.from(bytes);
    };

    for (let i = 0; i < INPUTS; i++) {
      const vendor = VENDORS[i % 2]!;
      const input = i % 4 < 2 ? randomBytes() : mutatedReports(vendor);
      try {
        const chunked = feed(vendor, input, () => 1 + int(random() < 0.5 ? 4 : 100));
        if (chunked.lost) problems.push(`input ${i}: ${chunked.lost}`);

        let errorBytes = 0;
        let codes = 0;
        let minimumCodeReports = 0;
        for (const event of chunked.events) {
          if (event.type === 'code') {
            codes++;
            const length = event.scan.data.length;
            minimumCodeReports += Math.max(1, Math.ceil(length / HID_POS_DATA_CAPACITY));
            if (length > MAX_CODE_BYTES) problems.push(`input ${i}: code of ${length} bytes`);
            if (vendor === 'honeywell' && event.scan.aim?.length !== 3) problems.push(`input ${i}: Honeywell code without a 3-character AIM`);
          } else {
            errorBytes += event.error.byteCount;
            if (!KNOWN_ERROR_CODES.has(event.error.code) || event.error.byteCount < 1) problems.push(`input ${i}: bad error ${JSON.stringify(event.error)}`);
          }
        }
        codesSeen += codes;
        errorsSeen += chunked.events.length - codes;
        // What no error claims went into codes, in whole reports: at least one each, and enough for their data.
        const codeBytes = input.length - errorBytes;
        if (codeBytes < 0 || codeBytes % HID_POS_REPORT_BYTES !== 0 || codeBytes / HID_POS_REPORT_BYTES < minimumCodeReports) {
          problems.push(`input ${i}: ${errorBytes} error bytes and ${codes} codes do not account for ${input.length} bytes`);
        }

        // The whole stream in one piece gives the same codes and errors.
        const whole = feed(vendor, input, () => input.length);
        if (signature(whole.events) !== signature(chunked.events)) problems.push(`input ${i}: chunking changed the result`);
      } catch (error) {
        problems.push(`input ${i}: threw ${String(error)}`);
      }
      if (problems.length > 10) break;
    }

    expect(problems).toEqual([]);
    expect(codesSeen).toBeGreaterThan(INPUTS / 10);
    expect(errorsSeen).toBeGreaterThan(INPUTS / 2);
  }, 20_000);
});
