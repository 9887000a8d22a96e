import type { ByteTransport } from '../../transport/byteTransport.js';
import { encodeHidPosReports, HID_POS_DATA_CAPACITY, HID_POS_REPORT_BYTES, HID_POS_REPORT_ID } from './hidPosReport.js';
import type { ScannerWire } from './paymentCodeScanner.js';
import { encodeSerialLine } from './serialLineFramer.js';

/**
 * A SIMULATED payment-code scanner: sits on the device end of a transport and puts exactly the
 * bytes a real scanner in the configured mode would send (HID-POS reports of the vendor layout,
 * or a line with the programmed suffix). Faults on command: noise, an unreadable frame.
 * Use synthetic codes only: a real 付款码 is a bearer secret.
 */
export class SimulatedPaymentCodeScanner {
  constructor(
    private readonly transport: ByteTransport,
    private readonly wire: ScannerWire,
  ) {}

  open(): Promise<void> {
    return this.transport.open();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** A citizen holds a phone showing `code` under the scanner. */
  async presentCode(code: string): Promise<void> {
    await this.transport.write(this.frameFor(Uint8Array.from(code, (c) => c.charCodeAt(0) & 0xff)));
  }

  /**
   * Line noise: bytes that are not a code. On HID they never form a report (no 0x02 report id);
   * on serial they end in the suffix, as a glitch read does, with non-printable content.
   */
  async sendNoise(byteCount = 16): Promise<void> {
    // All ≥ 0x80: never a report id, never printable.
    const noise = Uint8Array.from({ length: byteCount }, (_, i) => 0x80 + ((i * 37) % 0x80));
    await this.transport.write(this.wire.type === 'hid-pos' ? noise : encodeSerialLine(noise, this.wire.suffix));
  }

  /** A frame that arrives whole but cannot be a code: HID length beyond the data field; serial overlong line. */
  async sendUnreadableFrame(): Promise<void> {
    if (this.wire.type === 'hid-pos') {
      const report = new Uint8Array(HID_POS_REPORT_BYTES);
      report[0] = HID_POS_REPORT_ID;
      report[1] = HID_POS_DATA_CAPACITY + 1;
      await this.transport.write(report);
    } else {
      const overlong = new Uint8Array((this.wire.maxLineBytes ?? 512) + 1).fill(0x39);
      await this.transport.write(encodeSerialLine(overlong, this.wire.suffix));
    }
  }

  private frameFor(data: Uint8Array): Uint8Array {
    if (this.wire.type === 'serial') return encodeSerialLine(data, this.wire.suffix);
    const reports = encodeHidPosReports(data, this.wire.vendor, { vendorSymbology: this.wire.vendor === 'honeywell' ? 0x73 : 0 });
    const bytes = new Uint8Array(reports.length * HID_POS_REPORT_BYTES);
    reports.forEach((report, i) => bytes.set(report, i * HID_POS_REPORT_BYTES));
    return bytes;
  }
}
