/**
 * The CSP both shells send with the renderer: nothing inline, nothing remote. The browser
 * shell adds its loopback WebSocket to connect-src (older Chromium builds do not let
 * 'self' cover ws:); the Electron shell talks over IPC and adds nothing.
 */
export function rendererContentSecurityPolicy(extraConnectSources: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...extraConnectSources].join(' '),
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
