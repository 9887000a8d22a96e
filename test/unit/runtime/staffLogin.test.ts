import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../electron/runtime/staff/pinHash.js';
import { StaffLogin } from '../../../electron/runtime/staff/staffLogin.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { MemoryLockout, RecordingAudit } from '../../helpers/runtimeFakes.js';

const PIN = '246810';
const hash = await hashPin(PIN);

function setup(pinHash: string | null = hash) {
  const clock = new FakeClock();
  const lockout = new MemoryLockout();
  const audit = new RecordingAudit();
  const login = new StaffLogin(clock, lockout, audit, () => ({ pinHash, maxPinAttempts: 5, lockoutMinutes: 5 }));
  return { clock, lockout, audit, login };
}

describe('pin hashing', () => {
  it('verifies the right PIN, refuses a wrong one, and salts every hash', async () => {
    expect(await verifyPin(PIN, hash)).toBe(true);
    expect(await verifyPin('246811', hash)).toBe(false);
    expect(await hashPin(PIN)).not.toBe(hash);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('never matches a malformed or hostile hash', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$1$1$x$y', `scrypt$${2 ** 30}$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==`]) {
      expect(await verifyPin(PIN, bad)).toBe(false);
    }
  });
});

describe('StaffLogin', () => {
  it('accepts the right PIN and audits it without the PIN', async () => {
    const { login, audit } = setup();
    expect(await login.submit(PIN)).toBe('accepted');
    expect(audit.actions()).toEqual(['staff.pin.accepted']);
    expect(JSON.stringify(audit.entries)).not.toContain(PIN);
  });

  it('locks for 5 minutes after 5 wrong PINs, audits every attempt, then allows a fresh set', async () => {
    const { login, audit, clock } = setup();
    for (let i = 1; i <= 4; i++) {
      expect(await login.submit('000000')).toBe('wrong-pin');
      expect(login.state().attemptsLeft).toBe(5 - i);
    }
    expect(await login.submit('000000')).toBe('locked');
    expect(login.state()).toEqual({ attemptsLeft: 0, lockedUntil: clock.now() + 5 * 60_000 });
    // Even the right PIN is refused while locked.
    expect(await login.submit(PIN)).toBe('locked');
    expect(audit.actions()).toEqual([
      'staff.pin.failed',
      'staff.pin.failed',
      'staff.pin.failed',
      'staff.pin.failed',
      'staff.pin.locked',
      'staff.pin.refused-locked',
    ]);
    clock.advance(5 * 60_000);
    expect(login.state()).toEqual({ attemptsLeft: 5, lockedUntil: null });
    expect(await login.submit('000000')).toBe('wrong-pin');
    expect(login.state().attemptsLeft).toBe(4);
  });

  it('keeps the lock-out in its store, so a new instance (a restart) is still locked', async () => {
    const { login, lockout, clock, audit } = setup();
    for (let i = 0; i < 5; i++) await login.submit('111111');
    const restarted = new StaffLogin(clock, lockout, audit, () => ({ pinHash: hash, maxPinAttempts: 5, lockoutMinutes: 5 }));
    expect(await restarted.submit(PIN)).toBe('locked');
  });

  it('counts simultaneous submissions one by one (a double tap cannot beat the counter)', async () => {
    const { login } = setup();
    const results = await Promise.all(Array.from({ length: 7 }, () => login.submit('999999')));
    expect(results).toEqual(['wrong-pin', 'wrong-pin', 'wrong-pin', 'wrong-pin', 'locked', 'locked', 'locked']);
  });

  it('refuses every PIN when no trustworthy hash is configured', async () => {
    const { login } = setup(null);
    expect(await login.submit(PIN)).toBe('no-pin-configured');
  });
});

describe('StaffLogin audit volume', () => {
  it('audits a refused attempt once per lock-out, however often the pad is hammered', async () => {
    const { login, audit } = setup();
    for (let i = 0; i < 5; i++) await login.submit('000000');
    for (let i = 0; i < 50; i++) await login.submit('000000');
    expect(audit.actions().filter((a) => a === 'staff.pin.refused-locked')).toHaveLength(1);
  });
});
