import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { createSocatNotifyTransport } from '../../../electron/runtime/systemdWatchdog.js';

/**
 * The watchdog's real transport against a real unix datagram socket, standing in for
 * systemd's NOTIFY_SOCKET: a socat receiver that prints each datagram it gets.
 */
const hasSocat = spawnSync('socat', ['-V']).status === 0;
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

describe('sd_notify datagrams through socat', () => {
  it.skipIf(!hasSocat)('arrive one message per datagram (skipped: socat not installed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-'));
    const socketPath = join(dir, 'notify');
    const receiver = spawn('socat', ['-u', `UNIX-RECV:${socketPath}`, 'STDOUT']);
    let received = '';
    receiver.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
    cleanup.push(() => {
      receiver.kill();
      rmSync(dir, { recursive: true, force: true });
    });
    await vi.waitFor(() => expect(existsSync(socketPath)).toBe(true), { timeout: 5000 });

    const transport = createSocatNotifyTransport(socketPath, { logger: silentLogger });
    cleanup.push(() => transport.close());
    transport.send('READY=1');
    await vi.waitFor(() => expect(received).toBe('READY=1\n'), { timeout: 5000 });
    transport.send('WATCHDOG=1');
    await vi.waitFor(() => expect(received).toBe('READY=1\nWATCHDOG=1\n'), { timeout: 5000 });
  });
});
