import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { PlatformTransport, TransportFailureCause, TransportRequest, TransportResult } from './platformTransport.js';

/**
 * The platform transport over node:http and node:https with kept-alive connections.
 *
 * TLS: with `ca` given, exactly those certificates are trusted (Node replaces its bundled
 * Mozilla roots when `ca` is set): the platform's CA is pinned. Without it, the system's
 * default roots apply.
 *
 * "sent" is decided conservatively: the request counts as sent once the socket is connected
 * (after the TLS handshake for https) and the whole body has been flushed to it. A failure
 * before that cannot have reached the platform's application.
 */

export interface NodeHttpTransportOptions {
  /** PEM of the CA (or CAs) to trust for https; replaces the default roots. */
  ca?: string | Buffer;
  /** Largest response body accepted (default 16 MiB). */
  maxResponseBytes?: number;
  /** Connections per origin (default 64). */
  maxSockets?: number;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

function classify(error: NodeJS.ErrnoException): TransportFailureCause {
  const code = error.code ?? '';
  if (TLS_CODE.test(code)) return 'tls';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'connection-reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  return 'network';
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): PlatformTransport {
  const maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(options.ca === undefined ? agentOptions : { ...agentOptions, ca: options.ca });

  const send = (request: TransportRequest): Promise<TransportResult> =>
    new Promise((resolve) => {
      const secure = request.url.protocol === 'https:';
      let connected = false;
      let flushed = false;
      let settled = false;
      let timedOut = false;
      const sent = () => connected && flushed;

      const finish = (result: TransportResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const fail = (cause: TransportFailureCause, detail: string, afterSend = sent()) =>
        finish({ kind: 'failure', sent: afterSend, cause, detail });

      const headers: Record<string, string> = { ...request.headers };
      if (request.body) headers['content-length'] = String(request.body.length);
      const req = (secure ? https : http).request(request.url, {
        method: request.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });

      const timer = setTimeout(() => {
        timedOut = true;
        fail('timeout', `no complete answer within ${request.timeoutMs} ms`);
        req.destroy();
      }, request.timeoutMs);

      req.on('socket', (socket: Socket) => {
        // A kept-alive socket handed out again is connected (and past its handshake) already.
        const ready = secure ? (socket as TLSSocket).authorized === true : !socket.connecting;
        if (ready) connected = true;
        else
          socket.once(secure ? 'secureConnect' : 'connect', () => {
            connected = true;
          });
      });
      req.on('finish', () => {
        flushed = true;
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (timedOut) return;
        fail(classify(error), error.message);
      });
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            fail('response-too-large', `response larger than ${maxResponseBytes} bytes`, true);
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          finish({ kind: 'response', status: response.statusCode ?? 0, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks) });
        });
        // The answer was coming: whatever breaks now, the platform had the whole request.
        response.on('aborted', () => fail('connection-reset', 'the connection closed in the middle of the answer', true));
        response.on('error', (error: NodeJS.ErrnoException) => {
          if (!timedOut) fail(classify(error), error.message, true);
        });
      });
      req.end(request.body ?? undefined);
    });

  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
