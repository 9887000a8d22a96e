import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type { BridgeEventMessage, BridgeReply, Intent } from '../../electron/bridge/bridgeContract.js';
import type { KioskSnapshot } from '../../electron/bridge/kioskSnapshot.js';

export interface RunningKiosk {
  url: string;
  pid: number;
  port: number;
  dataDir: string;
  configFile: string;
  /** The per-launch token, read from the served page as the renderer reads it. */
  token(): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  stderr(): string;
}

/** A port nobody listens on now (the embedded platform simulator of each test kiosk gets its own). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built browser shell (out/browser) on a free port with its own data dir, and its
 * embedded platform simulator on another free port. A kiosk started inside a test is stopped
 * when the test finishes, passed or failed, so a failing test leaves no process behind.
 */
export async function startKiosk(
  options: { config?: (c: Record<string, any>) => void; configText?: string; dataDir?: string; port?: number } = {},
): Promise<RunningKiosk> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const configFile = join(dataDir, 'terminal.json');
  if (options.configText !== undefined) writeFileSync(configFile, options.configText);
  else {
    const config = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8'));
    config.platform.baseUrl = `http://127.0.0.1:${await freePort()}/`;
    options.config?.(config);
    writeFileSync(configFile, JSON.stringify(config, null, 2));
  }
  const child: ChildProcess = spawn(process.execPath, ['out/browser/browser-shell.mjs', '--port', String(options.port ?? 0), '--no-open'], {
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: configFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kiosk not ready in 20 s:\n${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /kiosk ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`kiosk exited with ${code}:\n${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    onTestFinished(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    });
  } catch {
    // Started in beforeAll/beforeEach: the suite's afterAll stops it.
  }
  return {
    url,
    pid: child.pid!,
    port: Number(new URL(url).port),
    dataDir,
    configFile,
    token: async () => {
      const html = await (await fetch(url)).text();
      const match = /name="kiosk-bridge-token" content="([^"]+)"/.exec(html);
      if (!match) throw new Error('no bridge token in the page');
      return match[1]!;
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    stderr: () => stderr,
  };
}

/** A test driver speaking the real bridge protocol over the WebSocket, as the renderer does. */
export class BridgeTestClient {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: BridgeReply) => void>();
  readonly snapshots: KioskSnapshot[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as BridgeReply | BridgeEventMessage;
      if (message.kind === 'reply') this.pending.get(message.id)?.(message);
      else if (message.event.type === 'snapshot') this.snapshots.push(message.event.snapshot);
    });
  }

  static async connect(kiosk: RunningKiosk, token?: string, headers: Record<string, string> = {}): Promise<BridgeTestClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${kiosk.port}/bridge?token=${token ?? (await kiosk.token())}`, { headers });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new BridgeTestClient(ws);
  }

  /** Sends an intent (wrapped in an envelope) or any other value as-is (the reply then carries its id, or -1). */
  send(raw: unknown): Promise<BridgeReply> {
    if (typeof raw === 'object' && raw !== null && 'type' in raw) {
      const id = this.nextId++;
      return this.sendRaw(JSON.stringify({ kind: 'intent', id, intent: raw }), id);
    }
    const id = (raw as { id?: unknown } | null)?.id;
    return this.sendRaw(JSON.stringify(raw), typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : -1);
  }

  intent(intent: Intent): Promise<BridgeReply> {
    return this.send(intent);
  }

  async snapshot(): Promise<KioskSnapshot> {
    const id = this.nextId++;
    const reply = await this.sendRaw(JSON.stringify({ kind: 'query', id, query: { type: 'snapshot.get' } }), id);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.result as KioskSnapshot;
  }

  /** Sends text as-is; resolves with the reply carrying `expectId` (use -1 for hopeless messages). */
  sendRaw(text: string, expectId: number): Promise<BridgeReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply in 5 s')), 5_000);
      this.pending.set(expectId, (reply) => {
        clearTimeout(timer);
        this.pending.delete(expectId);
        resolve(reply);
      });
      this.ws.send(text);
    });
  }

  close(): void {
    this.ws.close();
  }
}
