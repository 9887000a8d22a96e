import { BRIDGE_TOKEN_META_NAME, BRIDGE_WS_PATH } from '../../../electron/bridge/bridgeChannels.js';

/** The per-launch token the browser shell wrote into index.html; "" when there is none. */
export function readBridgeToken(doc: Pick<Document, 'querySelector'>): string {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${BRIDGE_TOKEN_META_NAME}"]`);
  return meta?.content ?? '';
}

/** ws://<host>/bridge?token=… on the same host that served the page (wss:// under https). */
export function buildBridgeUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${BRIDGE_WS_PATH}?token=${encodeURIComponent(token)}`;
}
