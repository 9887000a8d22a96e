import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUpdateFeedHandler } from '../../../../electron/runtime/updates/updateFeedHandler.js';

/** A release directory as the platform keeps it, with synthetic package bytes. */
export function releaseDirectory(files: Record<string, Buffer | string>): { dir: string; sha512: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-releases-'));
  const bytes = new Map<string, Buffer>();
  let day = 1;
  for (const [name, content] of Object.entries(files)) {
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
    writeFileSync(join(dir, name), buffer);
    const when = new Date(Date.UTC(2026, 10, day++, 3, 0, 0));
    utimesSync(join(dir, name), when, when);
    bytes.set(name, buffer);
  }
  return {
    dir,
    sha512: (name) => createHash('sha512').update(bytes.get(name) ?? Buffer.alloc(0)).digest('base64'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const packageBytes = (size = 4096) => randomBytes(size);

/** The feed handler mounted under /updates/ on a loopback port, as the platform simulator mounts it. */
export async function serveFeed(dir: string): Promise<{ server: Server; baseUrl: string; feedUrl: string; close: () => Promise<void> }> {
  const handler = createUpdateFeedHandler(dir);
  const server = createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404);
      res.end('not the feed');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    server,
    baseUrl,
    feedUrl: `${baseUrl}/updates/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
