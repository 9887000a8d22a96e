// npm run bench (part): machine time of the happy scenarios (endorsement-happy,
// property-transfer-happy) — an instant simulated citizen, the simulated devices paced at their
// baud rates, and the platform simulator on loopback answering every call after 80 ms (a
// realistic provincial-platform round trip). Each run gets its own simulator: it serves one
// accepted submission per property case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../electron/runtime/scenarios/runScenario.js';
import { startPlatformSimulator } from '../test/platform-sim/platformSimulator.js';

const RUNS = Number(process.env.BENCH_SCENARIO_RUNS ?? 3);
const PLATFORM_LATENCY_MS = 80;

for (const name of ['endorsement-happy', 'property-transfer-happy']) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-scenario-'));
    const sim = await startPlatformSimulator({ dataDir: join(dir, 'sim') });
    sim.faults.add({ kind: 'latency', latencyMs: PLATFORM_LATENCY_MS, path: '/v1/*', count: null });
    const result = await runScenario(name, { dataDir: dir, platformUrl: sim.url, sampleConfigFile: 'config/terminal.sample.json' });
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    if (!result.ok) throw new Error(`${name} failed: ${result.problems.join('; ')}`);
    times.push(result.elapsedMs);
  }
  times.sort((a, b) => a - b);
  console.log(
    `scenario ${name} (platform +${PLATFORM_LATENCY_MS} ms per call, devices at wire speed), ${RUNS} runs: median ${times[Math.floor(times.length / 2)]} ms (min ${times[0]}, max ${times.at(-1)})`,
  );
}
