import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerminalCredential } from '../../../electron/platform/loadTerminalCredential.js';
import { platformSettingsSchema } from '../../../electron/platform/platformSettingsSchema.js';

describe('platform settings', () => {
  it('keeps existing configs valid: the new fields are optional or defaulted', () => {
    const parsed = platformSettingsSchema.parse({ baseUrl: 'https://platform.example.gov.cn', requestTimeoutSeconds: 10 });
    expect(parsed).toEqual({ baseUrl: 'https://platform.example.gov.cn', requestTimeoutSeconds: 10, timestampSkewSeconds: 300 });
  });

  it('reads a credential with the algorithm defaulting to HMAC-SHA256', () => {
    const parsed = platformSettingsSchema.parse({
      baseUrl: 'https://platform.example.gov.cn',
      requestTimeoutSeconds: 10,
      credential: { keyId: 'GZ-TH-0001', secretFile: '/etc/kiosk/platform.secret' },
      caFile: '/etc/kiosk/platform-ca.pem',
    });
    expect(parsed.credential).toEqual({ keyId: 'GZ-TH-0001', secretFile: '/etc/kiosk/platform.secret', algorithm: 'hmac-sha256' });
  });

  it('refuses plain http off this machine, a pinned CA without https, and unknown fields', () => {
    const http = platformSettingsSchema.safeParse({ baseUrl: 'http://platform.example.gov.cn', requestTimeoutSeconds: 10 });
    expect(http.success ? [] : http.error.issues.map((i) => i.path.join('.'))).toEqual(['baseUrl']);
    const ca = platformSettingsSchema.safeParse({ baseUrl: 'http://127.0.0.1:8420', requestTimeoutSeconds: 10, caFile: '/ca.pem' });
    expect(ca.success ? [] : ca.error.issues.map((i) => i.path.join('.'))).toEqual(['caFile']);
    const typo = platformSettingsSchema.safeParse({
      baseUrl: 'https://platform.example.gov.cn',
      requestTimeoutSeconds: 10,
      credential: { keyId: 'GZ-TH-0001', secretFile: '/s', algorithm: 'hmac-md5' },
    });
    expect(typo.success ? [] : typo.error.issues.map((i) => i.path.join('.'))).toEqual(['credential.algorithm']);
  });
});

describe('terminal credential file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'platform-secret-'));
  const write = (name: string, text: string, mode: number) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    chmodSync(file, mode);
    return file;
  };
  const secret = 'a-terminal-secret-of-forty-characters-00';

  it('reads a one-line secret from a file only its owner can read', () => {
    const file = write('ok.secret', `${secret}\n`, 0o600);
    expect(loadTerminalCredential({ keyId: 'GZ-TH-0001', secretFile: file, algorithm: 'hmac-sm3' }, { platform: 'linux' })).toEqual({
      ok: true,
      credential: { keyId: 'GZ-TH-0001', secret, algorithm: 'hmac-sm3' },
    });
  });

  it('refuses a file that group or others can read, naming the mode and the fix', () => {
    const file = write('open.secret', secret, 0o644);
    const result = loadTerminalCredential({ keyId: 'k', secretFile: file, algorithm: 'hmac-sha256' }, { platform: 'linux' });
    expect(result.ok ? null : result.problem.code).toBe('secret-file-too-open');
    expect(result.ok ? '' : result.problem.message.en).toMatch(/mode 644.*chmod 600/);
    // Windows has no mode bits to check.
    expect(loadTerminalCredential({ keyId: 'k', secretFile: file, algorithm: 'hmac-sha256' }, { platform: 'win32' }).ok).toBe(true);
  });

  it('refuses a short or multi-line secret, and a missing file', () => {
    const short = write('short.secret', 'too-short', 0o600);
    const twoLines = write('two.secret', `${secret}\n${secret}\n`, 0o600);
    for (const file of [short, twoLines]) {
      const result = loadTerminalCredential({ keyId: 'k', secretFile: file, algorithm: 'hmac-sha256' }, { platform: 'linux' });
      expect(result.ok ? null : result.problem.code).toBe('secret-too-short');
    }
    const missing = loadTerminalCredential({ keyId: 'k', secretFile: join(dir, 'nope'), algorithm: 'hmac-sha256' });
    expect(missing.ok ? null : missing.problem.code).toBe('secret-file-unreadable');
  });
});
