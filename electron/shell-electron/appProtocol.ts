import type { CustomScheme } from 'electron';
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME } from '../bridge/bridgeChannels.js';
import type { Logger } from '../runtime/logger.js';
import { rendererContentSecurityPolicy } from '../shell-common/rendererContentSecurityPolicy.js';
import { resolveRendererFile, type RendererFileResolution } from '../shell-common/rendererFiles.js';

export { contentTypeFor } from '../shell-common/rendererFiles.js';

/**
 * app:// is registered as a standard, secure scheme so the renderer gets a real origin
 * (app://kiosk), a secure context (getUserMedia needs one) and fetch() of its own assets.
 * No bypassCSP, no service workers, no CORS: the renderer talks to the runtime over IPC.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Strict CSP for everything served on app://; the renderer bundle needs nothing inline. */
export const APP_CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

/** Headers on every app:// response, errors included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // After an update the new bundle must be served, never a cached old one.
    'Cache-Control': 'no-cache',
  };
}

export type AppRequestResolution = RendererFileResolution;

/**
 * Maps an app:// request URL to a file inside the built renderer directory: only the
 * app scheme and host "kiosk" (no port, no credentials), then the shared path rules.
 */
export function resolveAppRequest(requestUrl: string, rendererDir: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', reason: 'unparseable URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:`) return { kind: 'refused', reason: 'wrong scheme' };
  if (url.hostname.toLowerCase() !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return { kind: 'refused', reason: 'wrong host' };
  }
  return resolveRendererFile(rendererDir, url.pathname);
}

/** Reads a whole file; injected so tests can serve from memory. */
export type ReadRendererFile = (filePath: string) => Promise<Uint8Array>;

export interface AppProtocolHandlerOptions {
  rendererDir: string;
  logger: Logger;
  readFile?: ReadRendererFile;
}

/** The protocol.handle('app', …) handler: GET/HEAD of files in the renderer directory. */
export function createAppProtocolHandler(options: AppProtocolHandlerOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? readFileFromDisk;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(405, 'method not allowed');
    }
    const resolution = resolveAppRequest(request.url, options.rendererDir);
    if (resolution.kind === 'refused') {
      options.logger.warn('app protocol request refused', { reason: resolution.reason });
      // 404 rather than 403: the page learns nothing about what exists outside.
      return errorResponse(404, 'not found');
    }
    let body: Uint8Array;
    try {
      body = await readFile(resolution.filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return errorResponse(404, 'not found');
      options.logger.error('app protocol read failed', { code: code ?? 'unknown' });
      return errorResponse(500, 'read failed');
    }
    const headers = appResponseHeaders(resolution.contentType);
    // Copy into a fresh ArrayBuffer-backed view: Response wants BufferSource, not SharedArrayBuffer.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function errorResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}
