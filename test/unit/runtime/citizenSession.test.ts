import { describe, expect, it } from 'vitest';
import { CitizenSession } from '../../../electron/runtime/session/citizenSession.js';
import { FakeClock } from '../../helpers/fakeClock.js';

function setup() {
  const clock = new FakeClock();
  const session = new CitizenSession(clock, () => ({ warnAfterSeconds: 60, countdownSeconds: 20 }));
  const wipes: string[] = [];
  session.onWipe((reason) => wipes.push(reason));
  return { clock, session, wipes };
}

describe('CitizenSession', () => {
  it('warns after the idle time, then ends and wipes the session when the countdown runs out', () => {
    const { clock, session, wipes } = setup();
    session.start();
    clock.advance(59_999);
    expect(session.view()?.idleWarning).toBeNull();
    clock.advance(1);
    expect(session.view()?.idleWarning).toEqual({ deadline: clock.now() + 20_000, seconds: 20 });
    clock.advance(20_000);
    expect(session.active).toBe(false);
    expect(session.view()).toBeNull();
    expect(wipes).toEqual(['idle']);
  });

  it('restarts the idle timer on every touch', () => {
    const { clock, session } = setup();
    session.start();
    clock.advance(50_000);
    session.activity();
    clock.advance(50_000);
    expect(session.view()?.idleWarning).toBeNull();
    clock.advance(10_000);
    expect(session.view()?.idleWarning).not.toBeNull();
  });

  it('only "continue" dismisses a running countdown, a stray touch does not', () => {
    const { clock, session, wipes } = setup();
    session.start();
    clock.advance(60_000);
    session.activity();
    expect(session.view()?.idleWarning).not.toBeNull();
    session.keepAlive();
    expect(session.view()?.idleWarning).toBeNull();
    clock.advance(59_000);
    expect(session.active).toBe(true);
    expect(wipes).toEqual([]);
  });

  it('gives every session a new id and leaves no timers behind when it ends', () => {
    const { clock, session, wipes } = setup();
    const first = session.start();
    expect(session.start()).toBe(first);
    session.end('citizen');
    expect(clock.pendingTimers()).toBe(0);
    const second = session.start();
    expect(second).not.toBe(first);
    expect(wipes).toEqual(['citizen']);
  });

  it('emits a change for start, warning and end, but not for plain activity', () => {
    const { clock, session } = setup();
    let changes = 0;
    session.changed.subscribe(() => changes++);
    session.start();
    session.activity();
    expect(changes).toBe(1);
    clock.advance(60_000);
    expect(changes).toBe(2);
    clock.advance(20_000);
    expect(changes).toBe(3);
  });
});
