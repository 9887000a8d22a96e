import type { Device } from '../../model/device.js';
import { DeviceStatusTracker } from '../../model/device.js';
import { openDeviceTransport } from '../../model/openDeviceTransport.js';
import { recordLinkClosed } from '../../model/recordLinkClosed.js';
import type { DeviceFault, DeviceStatus } from '../../model/deviceStatus.js';
import type { ByteTransport, TransportCloseReason } from '../../transport/byteTransport.js';
import { HidPosCodeAssembler } from './hidPosCodeAssembler.js';
import type { HidPosVendor } from './hidPosReport.js';
import { classifyPaymentCode, DEFAULT_PAYMENT_CODE_RULES, type PaymentCodeKind, type PaymentCodeRule } from './paymentCodeClassification.js';
import type { DecodedScan, ScannerDecoder, ScannerDecoderEvent } from './scannerDecoder.js';
import { SerialLineFramer, type SerialSuffix } from './serialLineFramer.js';

/** How the scanner is programmed to send codes (fixed at commissioning, from config). */
export type ScannerWire = { type: 'hid-pos'; vendor: HidPosVendor } | { type: 'serial'; suffix: SerialSuffix; maxLineBytes?: number };

export type ScanResult =
  /** `code` is the bearer secret itself: hand it to the payment request and nowhere else. */
  | { ok: true; code: string; kind: PaymentCodeKind; masked: string }
  | { ok: false; reason: 'timeout' | 'cancelled' | 'scanner-offline' | 'unreadable' };

export interface ScanRequest {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface PaymentCodeScannerOptions {
  id: string;
  transport: ByteTransport;
  wire: ScannerWire;
  /** For status: "simulated", "hid 1eab:0d10", "serial /dev/ttyACM0". */
  binding?: string;
  simulated?: boolean;
  classificationRules?: readonly PaymentCodeRule[];
}

const FAULTS = {
  notFound: { code: 'scanner-not-found', message: { 'zh-CN': '未找到扫码器', en: 'payment-code scanner not found' } },
  disconnected: { code: 'scanner-disconnected', message: { 'zh-CN': '扫码器已断开', en: 'payment-code scanner disconnected' } },
} satisfies Record<string, DeviceFault>;

interface ActiveScan {
  finish(result: ScanResult): void;
}

/**
 * The payment-code scanner as the flows see it: "give me a code within N seconds". Input is
 * gated: the scanner is physically always on, but a code that arrives while no scan was asked
 * for (a citizen waving a phone at the attract screen) is discarded, never queued for the next
 * payment. A new scan() cancels one still running, so a restarted screen never waits on a stale
 * request.
 *
 * The full code exists only in the ScanResult returned to the caller; statistics and status
 * never carry it.
 */
export class PaymentCodeScanner implements Device {
  readonly kind = 'payment-code-scanner' as const;
  readonly id: string;
  private readonly tracker: DeviceStatusTracker;
  private readonly decoder: ScannerDecoder;
  private readonly rules: readonly PaymentCodeRule[];
  private active: ActiveScan | null = null;
  private subscribed = false;

  constructor(private readonly options: PaymentCodeScannerOptions) {
    this.id = options.id;
    const { wire } = options;
    this.decoder = wire.type === 'hid-pos' ? new HidPosCodeAssembler(wire.vendor) : new SerialLineFramer(wire.suffix, wire.maxLineBytes);
    this.rules = options.classificationRules ?? DEFAULT_PAYMENT_CODE_RULES;
    const wireName = wire.type === 'hid-pos' ? `hid-pos-${wire.vendor}` : `serial-${wire.suffix.toLowerCase()}`;
    this.tracker = new DeviceStatusTracker({
      id: options.id,
      kind: 'payment-code-scanner',
      binding: options.binding ?? options.transport.description,
      simulated: options.simulated ?? false,
      capabilities: ['scan-payment-code', wireName],
    });
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }

  async open(): Promise<void> {
    const { transport } = this.options;
    if (!this.subscribed) {
      transport.onData((chunk) => this.onData(chunk));
      transport.onClose((reason) => this.onTransportClose(reason));
      this.subscribed = true;
    }
    if (!(await openDeviceTransport(transport, this.tracker, FAULTS.notFound))) return;
    this.decoder.abandonPartial();
    this.tracker.set('ready');
  }

  async close(): Promise<void> {
    this.active?.finish({ ok: false, reason: 'cancelled' });
    await this.options.transport.close();
    this.tracker.set('offline');
  }

  async checkHealth(): Promise<DeviceStatus> {
    // Scanners in these modes have no status query; an open link is all there is to check.
    if (!this.options.transport.isOpen && this.tracker.status().state !== 'offline') this.tracker.set('offline', FAULTS.disconnected);
    return this.tracker.status();
  }

  scan(request: ScanRequest): Promise<ScanResult> {
    this.active?.finish({ ok: false, reason: 'cancelled' });
    const state = this.tracker.status().state;
    if (!this.options.transport.isOpen || (state !== 'ready' && state !== 'busy')) return Promise.resolve({ ok: false, reason: 'scanner-offline' });
    if (request.signal?.aborted) return Promise.resolve({ ok: false, reason: 'cancelled' });

    // Bytes of a code that started before this request belong to nobody: drop them.
    this.decoder.abandonPartial();
    this.tracker.count('scans');
    this.tracker.set('busy');
    return new Promise<ScanResult>((resolve) => {
      const onAbort = () => scan.finish({ ok: false, reason: 'cancelled' });
      const timer = setTimeout(() => scan.finish({ ok: false, reason: 'timeout' }), request.timeoutMs);
      const scan: ActiveScan = {
        finish: (result) => {
          if (this.active !== scan) return;
          this.active = null;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          if (this.tracker.status().state === 'busy') this.tracker.set('ready');
          if (!result.ok) this.tracker.count(`scan-${result.reason}`);
          resolve(result);
        },
      };
      this.active = scan;
      request.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private onData(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) this.handle(event);
  }

  private handle(event: ScannerDecoderEvent): void {
    if (event.type === 'error') {
      this.tracker.count('wireErrors');
      // Bytes between HID reports are line noise, not a code read badly: keep waiting.
      if (event.error.code !== 'unexpected-report-id') this.active?.finish({ ok: false, reason: 'unreadable' });
      return;
    }
    if (!this.active) {
      this.tracker.count('codesDiscarded');
      return;
    }
    const code = asciiText(event.scan);
    if (code === null) {
      this.active.finish({ ok: false, reason: 'unreadable' });
      return;
    }
    this.tracker.count('codesRead');
    const { kind, masked } = classifyPaymentCode(code, this.rules);
    this.active.finish({ ok: true, code, kind, masked });
  }

  private onTransportClose(reason: TransportCloseReason): void {
    this.active?.finish({ ok: false, reason: 'scanner-offline' });
    this.decoder.abandonPartial();
    recordLinkClosed(this.tracker, reason, () => FAULTS.disconnected);
  }
}

/** Payment codes are printable ASCII; anything else is a misread, not a code. */
function asciiText(scan: DecodedScan): string | null {
  if (scan.data.length === 0) return null;
  for (const byte of scan.data) if (byte < 0x20 || byte > 0x7e) return null;
  return String.fromCharCode(...scan.data);
}
