/**
 * Where the platform is. https anywhere; plain http only to this machine (the simulator and
 * tests), because signatures protect integrity but not the citizens' data in the bodies.
 */

export type BaseUrlProblemCode = 'not-a-url' | 'unsupported-protocol' | 'plain-http-off-loopback' | 'credentials-or-query';

export type BaseUrlCheck = { ok: true; url: URL } | { ok: false; code: BaseUrlProblemCode; message: string };

export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkPlatformBaseUrl(text: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'not-a-url', message: `"${text}" is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, code: 'unsupported-protocol', message: `${url.protocol} is not http: or https:` };
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    return {
      ok: false,
      code: 'plain-http-off-loopback',
      message: `plain http is allowed only to this machine (127.0.0.1, ::1, localhost), not to ${url.hostname}: use https`,
    };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, code: 'credentials-or-query', message: 'the platform URL must not carry credentials, a query or a fragment' };
  }
  return { ok: true, url };
}

/** The full URL of an operation path under the base URL (which may have a path prefix). */
export function operationUrl(base: URL, path: string, query?: Readonly<Record<string, string | number | undefined>>): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${prefix}${path}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }
  return url;
}
