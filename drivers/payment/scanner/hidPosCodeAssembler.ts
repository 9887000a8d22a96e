import { HID_POS_REPORT_BYTES, HID_POS_REPORT_ID, parseHidPosReport, type HidPosVendor } from './hidPosReport.js';
import type { DecodedScan, ScannerDecoder, ScannerDecoderEvent } from './scannerDecoder.js';

/** Longer than any QR payload (2,953 bytes) so only runaway continuation trips it. */
export const DEFAULT_MAX_HID_CODE_BYTES = 4096;

/**
 * Turns the byte stream of a HID-POS scanner into whole codes. node-hid hands over one report
 * per read, but the in-memory pair (and any stream transport) may split or join them, so the
 * assembler cuts the stream into 64-byte reports itself and realigns on the report id when a
 * report does not start with 0x02. Continued reports are joined until the last one.
 */
export class HidPosCodeAssembler implements ScannerDecoder {
  private readonly report = new Uint8Array(HID_POS_REPORT_BYTES);
  private reportLength = 0;
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private partReports = 0;
  private first: { aim?: string; vendorSymbology: number } | null = null;
  private discarding = false;
  private skipped = 0;
  private firstSkippedByte = 0;

  constructor(
    private readonly vendor: HidPosVendor,
    private readonly maxCodeBytes = DEFAULT_MAX_HID_CODE_BYTES,
  ) {}

  get pendingByteCount(): number {
    return this.reportLength + this.partReports * HID_POS_REPORT_BYTES;
  }

  push(chunk: Uint8Array): ScannerDecoderEvent[] {
    const events: ScannerDecoderEvent[] = [];
    for (const byte of chunk) {
      if (this.reportLength === 0 && byte !== HID_POS_REPORT_ID) {
        if (this.skipped++ === 0) this.firstSkippedByte = byte;
        continue;
      }
      this.flushSkipped(events);
      this.report[this.reportLength++] = byte;
      if (this.reportLength === HID_POS_REPORT_BYTES) {
        this.reportLength = 0;
        this.takeReport(events);
      }
    }
    this.flushSkipped(events);
    return events;
  }

  abandonPartial(): ScannerDecoderEvent[] {
    const events: ScannerDecoderEvent[] = [];
    this.flushSkipped(events);
    const byteCount = this.pendingByteCount;
    if (byteCount > 0) events.push({ type: 'error', error: { code: 'incomplete-code', byteCount } });
    this.reportLength = 0;
    this.resetCode();
    return events;
  }

  private takeReport(events: ScannerDecoderEvent[]): void {
    const parsed = parseHidPosReport(this.report, this.vendor);
    if (!parsed.ok) {
      // Only 'length-exceeds-payload' can happen here: the id was checked and the report is whole.
      // Drop just the id byte and realign: the real report may start inside this one.
      events.push({ type: 'error', error: { code: 'length-exceeds-payload', declaredLength: this.report[1] ?? 0, byteCount: 1 } });
      const rest = this.report.slice(1);
      events.push(...this.push(rest));
      return;
    }
    const { segment } = parsed;
    this.partReports++;
    if (this.first === null) this.first = { ...(segment.aim === undefined ? {} : { aim: segment.aim }), vendorSymbology: segment.vendorSymbology };
    if (!this.discarding) {
      if (this.partBytes + segment.data.length > this.maxCodeBytes) {
        this.discarding = true;
        this.parts = [];
      } else {
        this.parts.push(segment.data);
        this.partBytes += segment.data.length;
      }
    }
    if (segment.continued) return;

    if (this.discarding) {
      events.push({ type: 'error', error: { code: 'code-too-long', byteCount: this.partReports * HID_POS_REPORT_BYTES } });
    } else {
      const data = new Uint8Array(this.partBytes);
      let at = 0;
      for (const part of this.parts) {
        data.set(part, at);
        at += part.length;
      }
      const scan: DecodedScan = { data, vendorSymbology: this.first.vendorSymbology };
      if (this.first.aim !== undefined) scan.aim = this.first.aim;
      events.push({ type: 'code', scan });
    }
    this.resetCode();
  }

  private resetCode(): void {
    this.parts = [];
    this.partBytes = 0;
    this.partReports = 0;
    this.first = null;
    this.discarding = false;
  }

  private flushSkipped(events: ScannerDecoderEvent[]): void {
    if (this.skipped === 0) return;
    events.push({ type: 'error', error: { code: 'unexpected-report-id', reportId: this.firstSkippedByte, byteCount: this.skipped } });
    this.skipped = 0;
  }
}
