import type { ByteTransport } from '../../transport/byteTransport.js';
import { EscPosStreamParser, type EscPosToken } from '../escpos/escPosStreamParser.js';
import { SimulatedPrintedOutput } from './simulatedPrintedOutput.js';
import { isOffline, simulatedStatusByte, type SimulatedPrinterCondition } from './simulatedStatusBytes.js';

export interface ReceiptPrinterSimulatorOptions {
  /** Pace bytes at this rate, 10 bits per byte as on a serial line; off (instant) by default. */
  baudRate?: number;
  /** How wire time is waited for; tests pass a recorder instead of sleeping. */
  wait?: (milliseconds: number) => Promise<void>;
}

export interface ReceiptPrinterSimulatorCounters {
  receivedBytes: number;
  statusRequests: number;
  /** Print commands dropped because the printer could not print (paper end, cover open, cutter error, silent). */
  discardedCommands: number;
  unknownCommands: number;
}

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * A SIMULATED ESC/POS receipt printer on the device end of a ByteTransport: it parses what the
 * host sends byte for byte, keeps a model of the paper for tests to inspect, and answers
 * DLE EOT 1..4 from its fault state, so the real driver can be tested without hardware.
 *
 * Simplification: while it cannot print it drops print data, where a real printer would hold it
 * in its receive buffer; the driver treats such a job as failed and reprints it anyway.
 */
export class ReceiptPrinterSimulator {
  readonly output = new SimulatedPrintedOutput();
  private readonly parser = new EscPosStreamParser();
  private readonly state: SimulatedPrinterCondition = { paperNearEnd: false, paperEnd: false, coverOpen: false, cutterError: false };
  private silent = false;
  private jamOnNextCut = false;
  private paperLeftBytes: number | null = null;
  private readonly counts: ReceiptPrinterSimulatorCounters = { receivedBytes: 0, statusRequests: 0, discardedCommands: 0, unknownCommands: 0 };
  private subscribed = false;
  /** With pacing on, chunks are handled one after another, each after its wire time. */
  private paced: Promise<void> = Promise.resolve();
  private readonly wait: (milliseconds: number) => Promise<void>;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: ReceiptPrinterSimulatorOptions = {},
  ) {
    this.wait = options.wait ?? sleep;
  }

  /** Opens the device end (again after a replug) and starts listening. */
  async start(): Promise<void> {
    if (!this.subscribed) {
      this.subscribed = true;
      this.transport.onData((chunk) => this.onChunk(chunk));
      // Pulling the cable loses a half-received command.
      this.transport.onClose(() => this.parser.reset());
    }
    if (!this.transport.isOpen) await this.transport.open();
  }

  async stop(): Promise<void> {
    await this.transport.close();
  }

  condition(): Readonly<SimulatedPrinterCondition> {
    return { ...this.state };
  }

  counters(): Readonly<ReceiptPrinterSimulatorCounters> {
    return { ...this.counts };
  }

  // --- faults on command -------------------------------------------------------------------

  setPaperNearEnd(on: boolean): void {
    this.state.paperNearEnd = on;
  }

  /** true: the roll is out; false: staff loaded a new roll, which also clears the near-end sensor. */
  setPaperEnd(on: boolean): void {
    this.state.paperEnd = on;
    if (on) return;
    this.state.paperNearEnd = false;
    this.paperLeftBytes = null;
  }

  /** The roll runs out after this many more received bytes: the job in progress stops there. */
  runOutOfPaperAfter(bytes: number): void {
    this.paperLeftBytes = Math.max(0, Math.floor(bytes));
  }

  setCoverOpen(open: boolean): void {
    this.state.coverOpen = open;
  }

  /** The next cut jams: the cut does not happen and the printer reports an autocutter error. */
  jamCutterOnNextCut(): void {
    this.jamOnNextCut = true;
  }

  /** true: the cutter is jammed now; false: staff cleared it. */
  setCutterError(on: boolean): void {
    this.state.cutterError = on;
    if (!on) this.jamOnNextCut = false;
  }

  /** A hung controller: nothing is printed and no status request is answered. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  // --- the wire ------------------------------------------------------------------------------

  private wireTime(bytes: number): number {
    return this.options.baudRate ? (bytes * 10 * 1000) / this.options.baudRate : 0;
  }

  private onChunk(chunk: Uint8Array): void {
    if (!this.options.baudRate) {
      this.receive(chunk);
      return;
    }
    const copy = Uint8Array.from(chunk);
    this.paced = this.paced.then(() => this.wait(this.wireTime(copy.length))).then(() => this.receive(copy));
  }

  private receive(chunk: Uint8Array): void {
    this.counts.receivedBytes += chunk.length;
    let rest = chunk;
    if (this.paperLeftBytes !== null) {
      if (rest.length >= this.paperLeftBytes) {
        this.handle(this.parser.push(rest.subarray(0, this.paperLeftBytes)));
        rest = rest.subarray(this.paperLeftBytes);
        this.paperLeftBytes = null;
        this.state.paperEnd = true;
      } else {
        this.paperLeftBytes -= rest.length;
      }
    }
    this.handle(this.parser.push(rest));
  }

  private handle(tokens: EscPosToken[]): void {
    for (const token of tokens) {
      if (token.kind === 'real-time-status-request') {
        this.answerStatus(token.n);
        continue;
      }
      if (token.kind === 'unknown') this.counts.unknownCommands += 1;
      if (this.silent || isOffline(this.state)) {
        this.counts.discardedCommands += 1;
        continue;
      }
      if (token.kind === 'cut' && this.jamOnNextCut) {
        this.jamOnNextCut = false;
        this.state.cutterError = true;
        continue;
      }
      this.output.apply(token);
    }
  }

  private answerStatus(n: number): void {
    this.counts.statusRequests += 1;
    if (this.silent) return;
    const byte = simulatedStatusByte(n, this.state);
    if (byte !== undefined) void this.send(Uint8Array.of(byte));
  }

  private async send(bytes: Uint8Array): Promise<void> {
    try {
      if (this.options.baudRate) await this.wait(this.wireTime(bytes.length));
      await this.transport.write(bytes);
    } catch {
      // The cable was pulled while answering: the host sees no reply, as with real hardware.
    }
  }
}
