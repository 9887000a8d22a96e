import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  buildFeedDocument,
  CHANNEL_FILES,
  readReleaseDirectory,
  renderFeedYaml,
  type ChannelFile,
} from './updateFeed.js';

/**
 * Serves the update feed and its files over HTTP, node:http style, for the platform (and
 * its simulator, which mounts it under /updates/). Returns false for requests outside the
 * mount path, so it can be tried before other handlers. Routes below the mount:
 *   <channel>.yml                    the newest version of that channel
 *   versions/<version>/<channel>.yml that version (staged rollout and rollback)
 *   [versions/<version>/]<file>      a release file, signature or block map (Range supported)
 * Only names listed in the release directory are served; nothing else of the file system.
 */

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface UpdateFeedHandlerOptions {
  /** Default "/updates/". */
  mountPath?: string;
}

export function createUpdateFeedHandler(dir: string, options: UpdateFeedHandlerOptions = {}): RequestHandler {
  const mount = options.mountPath ?? '/updates/';
  const hashCache = new Map<string, { size: number; mtimeMs: number; sha512: string }>();
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed.invalid').pathname;
    if (!path.startsWith(mount)) return false;
    serve(req, res, path.slice(mount.length)).catch((error: unknown) => {
      if (!res.headersSent) plain(res, 500, `update feed error: ${error instanceof Error ? error.message : String(error)}`);
      else res.destroy();
    });
    return true;
  };

  async function serve(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'method not allowed');
    }
    let segments: string[];
    try {
      segments = route.split('/').map(decodeURIComponent);
    } catch {
      return plain(res, 400, 'bad path');
    }
    let version: string | undefined;
    if (segments[0] === 'versions' && segments.length === 3) {
      version = segments[1];
      segments = segments.slice(2);
    }
    const name = segments.length === 1 ? segments[0] : undefined;
    if (!name) return plain(res, 404, 'not found');

    const directory = await readReleaseDirectory(dir, hashCache);
    if ((CHANNEL_FILES as readonly string[]).includes(name)) {
      const document = buildFeedDocument(directory.releases, name as ChannelFile, version);
      if (!document) return plain(res, 404, version ? `no release ${version} for ${name}` : `no release for ${name}`);
      const body = renderFeedYaml(document);
      res.writeHead(200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const release = directory.releases.find((r) => r.name === name);
    if (!release && !directory.assets.includes(name)) return plain(res, 404, 'not found');
    const size = release?.size ?? (await stat(join(dir, name))).size;
    sendFile(req, res, join(dir, name), size);
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, size: number): void {
  const headers = { 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
  const range = parseSingleRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  const length = size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'Content-Length': length,
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** A single "bytes=a-b" range; anything else (several ranges, junk) serves the whole file. */
export function parseSingleRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
