import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
};

/** With nosniff, an unknown type is never guessed into something executable. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererFileResolution =
  | { kind: 'file'; filePath: string; contentType: string }
  | { kind: 'refused'; reason: string };

/**
 * Maps a URL path (still percent-encoded) to a file inside the built renderer directory,
 * for both shells. It is decoded before any check, so encoded traversal ("..%2f") is
 * caught; backslashes, NUL and drive letters are refused outright, and the resolved path
 * must stay inside `rendererDir`. A path ending in "/" means its index.html.
 */
export function resolveRendererFile(rendererDir: string, urlPathname: string): RendererFileResolution {
  let path: string;
  try {
    path = decodeURIComponent(urlPathname);
  } catch {
    return { kind: 'refused', reason: 'bad percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\')) return { kind: 'refused', reason: 'forbidden character' };
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment.includes(':'))) {
    return { kind: 'refused', reason: 'path traversal' };
  }
  if (path === '' || path.endsWith('/')) segments.push('index.html');
  const root = resolve(rendererDir);
  const filePath = resolve(root, ...segments);
  if (!filePath.startsWith(root + sep)) return { kind: 'refused', reason: 'outside the renderer directory' };
  return { kind: 'file', filePath, contentType: contentTypeFor(filePath) };
}
