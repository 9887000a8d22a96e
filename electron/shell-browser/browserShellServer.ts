import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_TOKEN_PLACEHOLDER,
  BRIDGE_WS_PATH,
  MAX_BRIDGE_PHOTO_MESSAGE_BYTES,
} from '../bridge/bridgeChannels.js';
import type { KioskRuntime } from '../runtime/kioskRuntime.js';
import type { Logger } from '../runtime/logger.js';
import { rendererContentSecurityPolicy } from '../shell-common/rendererContentSecurityPolicy.js';
import { resolveRendererFile } from '../shell-common/rendererFiles.js';

export interface BrowserShellOptions {
  runtime: KioskRuntime;
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  /** Per-launch secret the renderer must present to open the bridge WebSocket. */
  token: string;
  logger: Logger;
}

export interface BrowserShell {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The browser shell: serves the built renderer on 127.0.0.1 and carries the bridge contract
 * over a WebSocket guarded by the per-launch token and an Origin check.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { runtime, rendererDir, token, logger } = options;
  let origin = '';
  const startedAt = Date.now();

  const server: Server = createServer((request, response) => {
    serveHttp(request, response).catch((error) => {
      logger.error('http handler failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    // A page on another site that rebinds its DNS name to 127.0.0.1 arrives with its own Host.
    if (!isLoopbackHost(request.headers.host, port())) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const body = JSON.stringify({
        status: 'ok',
        terminalId: runtime.config.terminalId,
        inService: runtime.isInService(),
        sessionActive: runtime.isSessionActive(),
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    const resolved = resolveRendererFile(rendererDir, path);
    const body = resolved.kind === 'file' ? await readFile(resolved.filePath).catch(() => null) : null;
    if (resolved.kind !== 'file' || !body) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const isIndex = resolved.filePath === resolve(rendererDir, 'index.html');
    const payload = isIndex ? Buffer.from(body.toString('utf8').replaceAll(BRIDGE_TOKEN_PLACEHOLDER, token)) : body;
    response.writeHead(200, {
      'Content-Type': resolved.contentType,
      'Content-Security-Policy': rendererContentSecurityPolicy([origin.replace(/^http/, 'ws')]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : payload);
  }

  // Frames up to 2× the photo limit reach the bridge and get a typed, audited refusal; only
  // absurd ones are cut off by ws itself (close code 1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_BRIDGE_PHOTO_MESSAGE_BYTES });
  let connectionCount = 0;

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const presented = url.searchParams.get('token') ?? '';
    const requestOrigin = request.headers.origin;
    const originOk = requestOrigin === undefined || isLoopbackOrigin(requestOrigin, port());
    const hostOk = isLoopbackHost(request.headers.host, port());
    if (url.pathname !== BRIDGE_WS_PATH || !tokensMatch(presented, token) || !originOk || !hostOk) {
      logger.warn('bridge connection refused', { path: url.pathname, originOk });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const peer = `ws#${++connectionCount}`;
    const unsubscribe = runtime.bridge.subscribe((message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    });
    ws.on('message', (data, isBinary) => {
      const raw = isBinary ? null : data.toString();
      runtime.bridge
        .handle(raw, { transport: 'websocket', peer })
        .then((reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
        })
        .catch((error: unknown) => {
          logger.error('bridge reply failed', { peer, error: error instanceof Error ? error.message : String(error) });
        });
    });
    ws.on('close', unsubscribe);
    ws.on('error', (error) => logger.warn('bridge socket error', { peer, error: error.message }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = () => (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port()}`;

  return {
    url: `${origin}/`,
    port: port(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isLoopbackHost(value: string | undefined, port: number): boolean {
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

function isLoopbackOrigin(value: string, port: number): boolean {
  return value === `http://127.0.0.1:${port}` || value === `http://localhost:${port}`;
}

function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
