import { describe, expect, it } from 'vitest';
import { generateAdminSigningKey, trustedKeyOf } from '../../../../config/bundles/adminSigningKey.js';
import { remoteConfigSettingsFragment, remoteConfigSettingsSchema } from '../../../../config/bundles/remoteConfigSettingsSchema.js';
import { terminalConfigSchema } from '../../../../config/terminalConfigSchema.js';
import { sampleFile } from './bundleFixtures.js';

// What terminalConfigSchema becomes once the lead adds the fragment.
const extended = terminalConfigSchema.extend(remoteConfigSettingsFragment);
const ed = trustedKeyOf(generateAdminSigningKey('ed25519', 'admin-ed'));
const gm = trustedKeyOf(generateAdminSigningKey('sm2', 'admin-gm'));

describe('remoteConfig settings', () => {
  it('are optional: a config without the block stays valid', () => {
    expect(extended.safeParse(sampleFile()).success).toBe(true);
  });

  it('accept both key kinds and fill defaults', () => {
    const parsed = extended.parse({ ...sampleFile(), remoteConfig: { trustedAdminKeys: [ed, gm] } });
    expect(parsed.remoteConfig).toEqual({ trustedAdminKeys: [ed, gm], groups: [], healthGraceSeconds: 120 });
  });

  it('refuse duplicate key ids, off-curve SM2 keys, wrong key text and unknown fields', () => {
    const bad = [
      { trustedAdminKeys: [ed, { ...gm, keyId: 'admin-ed' }] },
      { trustedAdminKeys: [{ ...gm, publicKey: `04${'22'.repeat(64)}` }] },
      { trustedAdminKeys: [{ ...ed, publicKey: gm.publicKey }] },
      { trustedAdminKeys: [{ ...ed, algorithm: 'rsa' }] },
      { groups: ['Hall East'] },
      { healthGraceSeconds: 1 },
      { trusted: [] },
    ];
    for (const remoteConfig of bad) {
      expect(remoteConfigSettingsSchema.safeParse(remoteConfig).success, JSON.stringify(remoteConfig)).toBe(false);
    }
  });
});
