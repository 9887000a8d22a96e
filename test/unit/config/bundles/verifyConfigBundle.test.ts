import { beforeAll, describe, expect, it } from 'vitest';
import { generateAdminSigningKey, trustedKeyOf, type AdminSigningKey } from '../../../../config/bundles/adminSigningKey.js';
import { localBundleContextFromLayers } from '../../../../config/bundles/localBundleContext.js';
import {
  verifyConfigBundle,
  type BundleHistory,
  type BundleVerdict,
  type SeenBundleVersion,
} from '../../../../config/bundles/verifyConfigBundle.js';
import { draft, localLayersOf, sampleFile, SIGNED_AT, signedBundle, signedWithoutChecks, terminalFileTrusting } from './bundleFixtures.js';

let admin: AdminSigningKey;
let gmAdmin: AdminSigningKey;
let outsider: AdminSigningKey;

beforeAll(() => {
  admin = generateAdminSigningKey('ed25519', 'admin-2026');
  gmAdmin = generateAdminSigningKey('sm2', 'gm-admin');
  outsider = generateAdminSigningKey('ed25519', 'outsider');
});

function history(lastAppliedVersion = 0, seen: Record<number, SeenBundleVersion> = {}): BundleHistory {
  return { lastAppliedVersion, seen: (v) => seen[v] };
}

/** Judged by the sample terminal (DEMO-HALL-0001, group hall-east) trusting admin and gmAdmin, as its file says. */
function judge(bundle: unknown, options: { history?: BundleHistory; now?: number; file?: Record<string, unknown> } = {}): BundleVerdict {
  const local = localBundleContextFromLayers(localLayersOf(options.file ?? terminalFileTrusting([trustedKeyOf(admin), trustedKeyOf(gmAdmin)])));
  if (!local.ok) throw new Error(`fixture terminal config is invalid: ${JSON.stringify(local.problems)}`);
  return verifyConfigBundle(bundle, {
    terminalId: local.terminalId,
    settings: local.settings,
    localLayers: local.layers,
    history: options.history ?? history(),
    now: options.now ?? SIGNED_AT + 60_000,
  });
}

function rejection(verdict: BundleVerdict) {
  if (verdict.kind !== 'reject') throw new Error(`expected a rejection, got ${verdict.kind}`);
  return verdict.rejection;
}

describe('verifyConfigBundle accepts', () => {
  it('a good Ed25519 bundle, merging its layer over the terminal file', () => {
    const verdict = judge(JSON.stringify(signedBundle(admin, { version: 3 })));
    expect(verdict.kind).toBe('apply');
    if (verdict.kind !== 'apply') return;
    expect(verdict.config.idle).toEqual({ warnAfterSeconds: 120, countdownSeconds: 45 });
    expect(verdict.config.hall).toEqual(sampleFile().hall);
    expect(verdict.sources.at(-1)).toBe('remote bundle v3');
    expect(verdict.authentic.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a good SM2 bundle, targeted by group', () => {
    const verdict = judge(signedBundle(gmAdmin, { version: 2, targets: { groups: ['hall-east'] } }));
    expect(verdict.kind).toBe('apply');
  });

  it('a future bundle is held until its activation time, then applies', () => {
    const bundle = signedBundle(admin, { activateAt: '2026-11-24T03:00:00+08:00' });
    const activation = Date.parse('2026-11-23T19:00:00Z');
    const held = judge(bundle, { now: activation - 1 });
    expect(held).toMatchObject({ kind: 'hold', activateAt: activation });
    // Held, then offered again (or due): the same bundle is not a replay of itself.
    const digest = held.kind === 'hold' ? held.authentic.digest : '';
    const seenHeld = history(0, { 1: { digest, status: 'held' } });
    expect(judge(bundle, { now: activation - 1, history: seenHeld }).kind).toBe('hold');
    expect(judge(bundle, { now: activation, history: seenHeld }).kind).toBe('apply');
  });
});

describe('verifyConfigBundle rejects with a stable code', () => {
  it('tampered: content changed after signing', () => {
    const bundle = signedBundle(admin);
    (bundle['config'] as any).idle.countdownSeconds = 5;
    expect(rejection(judge(bundle))).toMatchObject({ code: 'bad-signature', message: expect.stringContaining('changed after signing') });
  });

  it('tampered: version raised after signing', () => {
    expect(rejection(judge({ ...signedBundle(gmAdmin), version: 99 })).code).toBe('bad-signature');
  });

  it('wrong key: signed by an outsider claiming a trusted key id', () => {
    const forged = signedWithoutChecks(outsider, draft());
    forged['keyId'] = 'admin-2026';
    expect(rejection(judge(forged)).code).toBe('bad-signature');
  });

  it('wrong key: signed with a key the terminal does not list', () => {
    expect(rejection(judge(signedBundle(outsider)))).toMatchObject({ code: 'unknown-key', message: expect.stringContaining('"outsider"') });
  });

  it('unknown key when the terminal trusts no key at all', () => {
    expect(rejection(judge(signedBundle(admin), { file: sampleFile() }))).toMatchObject({
      code: 'unknown-key',
      message: expect.stringContaining('trusts no admin key'),
    });
  });

  it('an algorithm that is not the trusted key’s', () => {
    const bundle = { ...signedBundle(gmAdmin), keyId: 'admin-2026' };
    expect(rejection(judge(bundle)).code).toBe('bad-signature');
  });

  it('older version: below the version in force', () => {
    expect(rejection(judge(signedBundle(admin, { version: 4 }), { history: history(5) }))).toMatchObject({
      code: 'downgrade',
      message: 'bundle v4 is not newer than v5, which is applied now',
    });
  });

  it('replayed version: the applied bundle again, and a version seen before in any state', () => {
    const bundle = signedBundle(admin, { version: 5 });
    expect(rejection(judge(bundle, { history: history(5, { 5: { digest: 'x', status: 'applied' } }) })).code).toBe('replay');
    for (const status of ['rejected', 'rolled-back', 'trial'] as const) {
      expect(rejection(judge(bundle, { history: history(3, { 5: { digest: 'x', status } }) })).code).toBe('replay');
    }
    // A different bundle reusing a held version number is a replay too.
    expect(rejection(judge(bundle, { history: history(3, { 5: { digest: 'other', status: 'held' } }) })).code).toBe('replay');
  });

  it('wrong target: neither this terminal nor its groups', () => {
    const bundle = signedBundle(admin, { targets: { terminals: ['GZ-TH-0002'], groups: ['hall-west'] } });
    expect(rejection(judge(bundle))).toMatchObject({
      code: 'wrong-target',
      message: 'bundle v1 targets terminals GZ-TH-0002 and groups hall-west; this terminal is DEMO-HALL-0001 in groups hall-east',
    });
  });

  it('schema-invalid content, blamed on the bundle layer', () => {
    const rejected = rejection(judge(signedBundle(admin, { config: { idle: { countdownSeconds: 0 }, ui: { largeText: true } } })));
    expect(rejected.code).toBe('schema-invalid');
    expect(rejected.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'remote bundle v1', field: 'idle.countdownSeconds' }),
        expect.objectContaining({ source: 'remote bundle v1', field: 'ui.largeText' }),
      ]),
    );
  });

  it('forbidden fields: identity, trust, the platform address and credential', () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ terminalId: 'GZ-TH-0002' }, ['terminalId']],
      [{ remoteConfig: { trustedAdminKeys: [trustedKeyOf(outsider)] } }, ['remoteConfig']],
      [{ platform: { credential: 'c2VjcmV0' } }, ['platform.credential']],
      [{ platform: { baseUrl: 'https://gov.example.cn/', hmacSecret: 'abc', apiKey: 'x' } }, ['platform.baseUrl', 'platform.hmacSecret', 'platform.apiKey']],
      // Whom the terminal talks to and trusts is its own file's business.
      [{ platform: { caFile: '/tmp/evil-ca.pem' } }, ['platform.caFile']],
    ];
    for (const [config, fields] of cases) {
      const rejected = rejection(judge(signedWithoutChecks(admin, draft({ config }))));
      expect(rejected.code).toBe('forbidden-field');
      expect(rejected.fields).toEqual(fields);
    }
    // Ordinary platform settings stay allowed.
    expect(judge(signedBundle(admin, { config: { platform: { requestTimeoutSeconds: 30 } } })).kind).toBe('apply');
  });

  it('malformed input of every kind, before any key is consulted', () => {
    const good = signedBundle(admin);
    const { signature: _signature, ...unsigned } = good;
    const cases: [unknown, RegExp][] = [
      ['{"format": ', /not valid JSON/],
      ['[1,2]', /JSON object/],
      [null, /JSON object/],
      [unsigned, /not signed/],
      [{ ...good, extra: 1 }, /unknown field extra/],
      [{ ...good, version: 0 }, /version/],
      [{ ...good, version: 1.5 }, /version: must be a whole number/],
      [{ ...good, activateAt: 'tomorrow' }, /activateAt: must be an ISO 8601/],
      [{ ...good, targets: { terminals: [], groups: [] } }, /targets: must name at least one/],
      [{ ...good, config: [] }, /config: must be a JSON object/],
      [{ ...good, format: 'kiosk-config-bundle/0' }, /format/],
    ];
    for (const [input, message] of cases) {
      const rejected = rejection(judge(input));
      expect(rejected.code, String(message)).toBe('malformed');
      expect(rejected.message).toMatch(message);
    }
  });

  it('does not vouch for a bundle whose signature failed (so its version is never remembered)', () => {
    const verdict = judge(signedBundle(outsider));
    expect(verdict).toMatchObject({ kind: 'reject', authentic: null });
    const wrongTarget = judge(signedBundle(admin, { targets: { groups: ['elsewhere'] } }));
    expect(wrongTarget.kind === 'reject' && wrongTarget.authentic?.bundle.version).toBe(1);
  });
});

describe('localBundleContextFromLayers', () => {
  it('takes identity, keys and groups from the local layers', () => {
    const local = localBundleContextFromLayers(localLayersOf(terminalFileTrusting([trustedKeyOf(gmAdmin)], ['hall-east', 'night'])));
    expect(local).toMatchObject({ ok: true, terminalId: 'DEMO-HALL-0001', settings: { groups: ['hall-east', 'night'], healthGraceSeconds: 60 } });
    expect(local.ok && local.settings.trustedAdminKeys.map((k) => k.keyId)).toEqual(['gm-admin']);
  });

  it('reports a broken remoteConfig block or terminal file as problems', () => {
    const file = terminalFileTrusting([{ ...trustedKeyOf(admin), publicKey: 'not-a-key' } as any]);
    const local = localBundleContextFromLayers(localLayersOf(file));
    expect(local.ok).toBe(false);
    expect(!local.ok && local.problems[0]).toMatchObject({ source: '/etc/kiosk/terminal.json', field: 'remoteConfig.trustedAdminKeys[0].publicKey' });
    const { terminalId: _id, ...noIdentity } = sampleFile();
    expect(localBundleContextFromLayers(localLayersOf(noIdentity)).ok).toBe(false);
  });
});

describe('verifyConfigBundle on hostile JSON', () => {
  it('judges the layer exactly as signed: a "__proto__" key is an unknown field, not a prototype', () => {
    const signed = signedWithoutChecks(admin, draft({ config: JSON.parse('{"__proto__":{"idle":{"warnAfterSeconds":3}}}') }));
    const rejected = rejection(judge(JSON.stringify(signed)));
    expect(rejected.code).toBe('schema-invalid');
    expect(rejected.problems).toEqual([expect.objectContaining({ source: 'remote bundle v1', field: '__proto__' })]);
    expect(({} as Record<string, unknown>)['idle']).toBeUndefined();
  });
});
