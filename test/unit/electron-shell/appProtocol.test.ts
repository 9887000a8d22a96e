import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../electron/shell-electron/appProtocol.js';
import { silentLogger } from '../../../electron/runtime/logger.js';

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'voice zh.mp3'), 'ID3');
  // Siblings that must never be reachable.
  writeFileSync(join(root, 'secret.txt'), 'secret');
  mkdirSync(join(root, 'renderer-evil'));
  writeFileSync(join(root, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers app: as standard, secure and fetchable, nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('resolveAppRequest', () => {
  it.each([
    ['app://kiosk/', 'index.html'],
    ['app://kiosk', 'index.html'],
    ['app://kiosk/index.html', 'index.html'],
    ['app://kiosk/index.html?x=1#top', 'index.html'],
    ['app://kiosk/assets/main.js', 'assets/main.js'],
    ['app://kiosk/assets/voice%20zh.mp3', 'assets/voice zh.mp3'],
    ['app://kiosk/assets/', 'assets/index.html'],
    // Dot segments that URL parsing folds away stay inside the directory.
    ['app://kiosk/assets/../index.html', 'index.html'],
    ['app://kiosk/../../index.html', 'index.html'],
    ['app://kiosk/%2e%2e/index.html', 'index.html'],
  ])('%s → %s', (url, relative) => {
    const resolution = resolveAppRequest(url, rendererDir);
    expect(resolution).toMatchObject({ kind: 'file', filePath: join(rendererDir, relative) });
  });

  it.each([
    ['encoded traversal', 'app://kiosk/..%2fsecret.txt'],
    ['double encoded slash traversal', 'app://kiosk/assets/..%2f..%2fsecret.txt'],
    ['encoded backslash', 'app://kiosk/..%5csecret.txt'],
    ['sibling dir prefix', 'app://kiosk/..%2frenderer-evil/x.js'],
    ['NUL byte', 'app://kiosk/index.html%00.js'],
    ['bad percent encoding', 'app://kiosk/%E0%A4%A'],
    ['drive letter', 'app://kiosk/C:/Windows/win.ini'],
    ['other host', 'app://evil/index.html'],
    ['userinfo', 'app://kiosk@evil/index.html'],
    ['port', 'app://kiosk:1/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['http', 'http://kiosk/index.html'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppRequest(url, rendererDir).kind).toBe('refused');
  });

  it('maps content types, with a safe default', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/main.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a/app.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/voice.mp3')).toBe('audio/mpeg');
    expect(contentTypeFor('a/thing.exe')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  const handler = () => createAppProtocolHandler({ rendererDir, logger: silentLogger });

  function expectSecurityHeaders(response: Response) {
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  }

  it('serves index.html for / with the strict CSP', async () => {
    const response = await handler()(new Request('app://kiosk/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>kiosk</title>');
    expectSecurityHeaders(response);
  });

  it('CSP has every directive the kiosk relies on', () => {
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "media-src 'self' blob: mediastream:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]) {
      expect(APP_CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(APP_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('serves assets with their content type', async () => {
    const response = await handler()(new Request('app://kiosk/assets/main.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers a missing file with 404, still with the CSP', async () => {
    const response = await handler()(new Request('app://kiosk/nope.js'));
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('answers a directory without index.html with 404', async () => {
    expect((await handler()(new Request('app://kiosk/assets/'))).status).toBe(404);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of ['app://kiosk/..%2fsecret.txt', 'app://kiosk/..%2frenderer-evil/x.js', 'app://evil/index.html']) {
      const response = await handler()(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret');
      expectSecurityHeaders(response);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler()(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    const head = await handler()(new Request('app://kiosk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('reports read errors other than "missing" as 500', async () => {
    const failing = createAppProtocolHandler({
      rendererDir,
      logger: silentLogger,
      readFile: () => Promise.reject(Object.assign(new Error('io'), { code: 'EIO' })),
    });
    const response = await failing(new Request('app://kiosk/index.html'));
    expect(response.status).toBe(500);
    expectSecurityHeaders(response);
  });
});
