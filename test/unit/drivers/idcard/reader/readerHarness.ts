import { IdCardReader } from '../../../../../drivers/idcard/reader/idCardReader.js';
import type { IdCardReaderTimings } from '../../../../../drivers/idcard/reader/idCardReaderTimings.js';
import { IdCardReaderSimulator, type IdCardReaderSimulatorOptions } from '../../../../../drivers/idcard/simulator/idCardReaderSimulator.js';
import type { DeviceState } from '../../../../../drivers/model/deviceStatus.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';

/**
 * Short but generous timeouts: replies arrive within a few event-loop turns, so these only
 * decide how long a silence test waits. Tests never assert on durations.
 */
export const FAST_TIMINGS: IdCardReaderTimings = {
  controlTimeoutMs: 80,
  findTimeoutMs: 80,
  selectTimeoutMs: 80,
  readTimeoutMs: 400,
  pollIntervalMs: 1,
  silentCommandsBeforeFault: 3,
};

/** The driver under test and a SIMULATED reader, joined by an in-memory transport pair. */
export async function readerOnSimulator(options: { simulator?: IdCardReaderSimulatorOptions; timings?: Partial<IdCardReaderTimings>; startSimulator?: boolean } = {}) {
  const pair = createInMemoryTransportPair('idcard');
  const simulator = new IdCardReaderSimulator(pair.device, options.simulator);
  if (options.startSimulator !== false) await simulator.start();
  const reader = new IdCardReader({
    id: 'idcard-1',
    transport: pair.host,
    binding: 'simulated',
    simulated: true,
    baudRate: options.simulator?.baudRate ?? 115200,
    timings: { ...FAST_TIMINGS, ...options.timings },
  });
  const states: DeviceState[] = [];
  reader.onStatusChange((status) => {
    if (states.at(-1) !== status.state) states.push(status.state);
  });
  return { pair, simulator, reader, states };
}

/** Waits (in event-loop turns, not wall time) until the condition holds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 100_000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

export const countOf = (commands: readonly string[], name: string) => commands.filter((c) => c === name).length;
