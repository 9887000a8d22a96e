/**
 * The browser shell's CSP: the same policy as the Electron shell's app:// responses, with
 * connect-src naming the loopback WebSocket explicitly (older Chromium builds do not let
 * 'self' cover ws:).
 */
export function browserShellCsp(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${wsOrigin}`,
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
