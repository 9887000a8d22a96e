import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { CLOCK_OFF_NOTICE, watchClockOffset } from '../../../../electron/runtime/sync/clockOffsetWatch.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { openTestStore, tempDir } from '../../store/storeTestKit.js';

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(file = path.join(tempDir(), 'kiosk.db')) {
  const store = openTestStore(file);
  stores.push(store);
  const audit = new RecordingAudit();
  const watch = watchClockOffset({ notices: store.notices, audit });
  const clockNotices = () => store.notices.listOpen().filter((n) => n.code === CLOCK_OFF_NOTICE);
  return { store, audit, watch, clockNotices, file };
}

describe('watchClockOffset', () => {
  it('says nothing within a minute either way, or before any heartbeat has measured', () => {
    const { watch, clockNotices, audit } = setup();
    for (const offset of [null, 0, 59_000, -60_000]) watch(offset);
    expect(clockNotices()).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('raises one notice for staff when the clock is off, however the offset wanders, and audits it once', () => {
    const { watch, clockNotices, audit } = setup();
    watch(-95_000);
    watch(-96_500);
    watch(3_600_000);
    expect(clockNotices()).toHaveLength(1);
    expect(clockNotices()[0]!.message).toContain('timedatectl');
    expect(audit.entries).toEqual([{ actor: 'system', action: 'clock.off-from-platform', detail: { offsetMs: -95_000 } }]);
  });

  it('closes the notice by itself once the clock agrees again, including one left by an earlier run', () => {
    const first = setup();
    first.watch(400_000);
    const restarted = setup(first.file);
    expect(restarted.clockNotices()).toHaveLength(1);
    // Back under a minute but not well under: left open, so an offset near the line does not flap.
    restarted.watch(45_000);
    expect(restarted.clockNotices()).toHaveLength(1);
    restarted.watch(1_200);
    expect(restarted.clockNotices()).toEqual([]);
    expect(restarted.audit.actions()).toEqual(['clock.agrees-with-platform']);
    // Off again later: a new notice.
    restarted.watch(-120_000);
    expect(restarted.clockNotices()).toHaveLength(1);
  });
});
