import type { TerminalSummary } from '../../electron/platform/platformApiTypes.js';

/** The fleet at a glance: one server-rendered HTML page, no script. */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function devicesCell(terminal: TerminalSummary): string {
  if (terminal.devices.length === 0) return '—';
  return terminal.devices
    .map((d) => {
      const problem = d.state === 'fault' || d.state === 'offline' || d.paper === 'near-end' || d.paper === 'out';
      const text = `${d.id}: ${d.state}${d.faultCode ? ` (${d.faultCode})` : ''}${d.paper && d.paper !== 'ok' ? `, paper ${d.paper}` : ''}`;
      return `<span class="${problem ? 'bad' : 'good'}">${escapeHtml(text)}</span>`;
    })
    .join('<br>');
}

export function renderFleetPage(terminals: readonly TerminalSummary[], serverTime: string): string {
  const rows = terminals
    .map(
      (t) => `<tr>
  <td>${escapeHtml(t.terminalId)}<br><small>${escapeHtml(t.groups.join(', '))}</small></td>
  <td class="${t.online ? 'good' : 'bad'}">${t.online ? 'online' : 'offline'}<br><small>${t.secondsSinceHeartbeat === null ? 'never' : `${t.secondsSinceHeartbeat} s ago`}</small></td>
  <td>${escapeHtml(t.serviceState ?? '—')}${t.sessionActive ? '<br><small>citizen being served</small>' : ''}</td>
  <td>${escapeHtml(t.versions.app)}</td>
  <td>${t.configVersion ?? '—'}</td>
  <td>${t.outbox ? `${t.outbox.depth}${t.outbox.oldestAgeSeconds !== null ? ` (oldest ${Math.round(t.outbox.oldestAgeSeconds)} s)` : ''}` : '—'}</td>
  <td>${devicesCell(t)}</td>
  <td>${t.diskFreeBytes === null ? '—' : `${(t.diskFreeBytes / 1e9).toFixed(1)} GB`}</td>
  <td>${t.clockOffsetMs === null ? '—' : `${t.clockOffsetMs} ms`}</td>
  <td>${t.pendingCommands}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fleet — platform simulator</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}
.good{color:#0a6b2d}.bad{color:#b00020}small{color:#555}
</style></head><body>
<h1>Fleet (${terminals.length} terminal${terminals.length === 1 ? '' : 's'})</h1>
<p><small>platform time ${escapeHtml(serverTime)}</small></p>
<table><thead><tr><th>terminal</th><th>heartbeat</th><th>service</th><th>app</th><th>config</th><th>outbox</th><th>devices</th><th>disk free</th><th>clock offset</th><th>pending commands</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="10">No terminal has registered yet.</td></tr>'}
</tbody></table>
</body></html>
`;
}
