// A full ID-card read (find + select + read text+photo, the 1,295-byte reply) by the real driver
// against the SIMULATED reader over a socat pseudo-terminal pair at 115,200 baud, the simulator
// pacing its replies at the baud rate. Prints the median of N runs next to the wire-time floor for
// the bytes exchanged (10 bits per byte), and how far above the floor it is (target: within 10 %).
// Run: node --import tsx scripts/benchIdCardRead.ts   (BENCH_RUNS=N, default 20)
import { IdCardReader } from '../drivers/idcard/reader/idCardReader.js';
import { samWireTimeMs } from '../drivers/idcard/reader/samWireTime.js';
import { IdCardReaderSimulator } from '../drivers/idcard/simulator/idCardReaderSimulator.js';
import { syntheticResidentCard } from '../drivers/idcard/simulator/simulatedCard.js';
import { SerialTransport } from '../drivers/transport/serialTransport.js';
import { startSocatPtyPair } from '../test/helpers/socatPty.js';

const BAUD = 115200;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP_RUNS = 2;
const TARGET_PERCENT_ABOVE_FLOOR = 10;

const pty = await startSocatPtyPair();
const host = new SerialTransport({ path: pty.hostPath, baudRate: BAUD });
const device = new SerialTransport({ path: pty.devicePath, baudRate: BAUD });
try {
  const simulator = new IdCardReaderSimulator(device, { pacing: 'wire-time', baudRate: BAUD });
  await simulator.start();
  const reader = new IdCardReader({ id: 'bench-idcard', transport: host, binding: `serial ${pty.hostPath}`, simulated: true, baudRate: BAUD });
  await reader.open();
  if (reader.status().state !== 'ready') throw new Error(`reader did not become ready: ${JSON.stringify(reader.status().fault)}`);

  // Count what actually crosses the line in each direction during a read.
  let hostToDevice = 0;
  let deviceToHost = 0;
  device.onData((chunk) => (hostToDevice += chunk.length));
  host.onData((chunk) => (deviceToHost += chunk.length));

  const card = syntheticResidentCard();
  const times: number[] = [];
  let bytesPerRead: { commands: number; replies: number } | null = null;
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    simulator.placeCard(card); // a fresh card in the field: find answers 9F, not 80
    hostToDevice = 0;
    deviceToHost = 0;
    const started = performance.now();
    const result = await reader.readCard({ timeoutMs: 5_000 });
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error(`read ${run} failed: ${result.reason} ${result.detail ?? ''}`);
    const exchanged = { commands: hostToDevice, replies: deviceToHost };
    if (bytesPerRead && (bytesPerRead.commands !== exchanged.commands || bytesPerRead.replies !== exchanged.replies)) {
      throw new Error(`read ${run} exchanged ${JSON.stringify(exchanged)}, earlier reads ${JSON.stringify(bytesPerRead)}`);
    }
    bytesPerRead = exchanged;
    if (run >= WARMUP_RUNS) times.push(elapsed);
  }
  await reader.close();
  await simulator.stop();

  const { commands, replies } = bytesPerRead!;
  const floorMs = samWireTimeMs(commands + replies, BAUD);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const percent = ((median - floorMs) / floorMs) * 100;
  const verdict = percent <= TARGET_PERCENT_ABOVE_FLOOR ? 'within target' : 'OVER TARGET';
  console.log(
    `ID-card read over pty @${BAUD}: median ${median.toFixed(1)} ms, wire floor ${floorMs.toFixed(1)} ms (${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %)  ` +
      `target ≤ +${TARGET_PERCENT_ABOVE_FLOOR} %: ${verdict}`,
  );
  // Only the simulator paces its bytes; a pty delivers the host's commands at once, so a read can beat the full floor.
  const replyFloorMs = samWireTimeMs(replies, BAUD);
  console.log(
    `  replies alone: wire floor ${replyFloorMs.toFixed(1)} ms, median ${(median - replyFloorMs).toFixed(1)} ms above it (the pty does not pace the host's commands)`,
  );
  console.log(
    `  ${RUNS} runs (min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)} ms); per read ${commands} bytes sent + ${replies} bytes received = ${commands + replies} bytes on the wire`,
  );
} finally {
  await host.close();
  await device.close();
  await pty.stop();
}
