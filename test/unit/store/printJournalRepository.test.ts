import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskStore } from '../../../electron/runtime/store/openKioskStore.js';
import { manualClock, openTestStore, tempDir } from './storeTestKit.js';

describe('PrintJournalRepository (print_jobs)', () => {
  const stores: KioskStore[] = [];
  afterEach(() => stores.splice(0).forEach((s) => s.close()));

  function open(file = path.join(tempDir(), 'kiosk.db'), clock = manualClock()) {
    const store = openTestStore(file, clock);
    stores.push(store);
    return { store, clock, file, journal: store.printJournal };
  }

  it('records a job as pending before printing, then marks it printed', () => {
    const { journal, clock } = open();
    journal.record({ jobId: 'j1', deviceId: 'printer', bytes: Uint8Array.of(0x1b, 0x40, 0x41) });
    expect(journal.get('j1')).toMatchObject({ state: 'pending', attempts: 1, failureReason: null, printedBeforeFailure: null });
    expect(journal.unfinished().map((j) => j.jobId)).toEqual(['j1']);
    clock.advance(1_000);
    journal.markPrinted('j1');
    expect(journal.get('j1')).toMatchObject({ state: 'printed' });
    expect(journal.unfinished()).toEqual([]);
    expect(journal.bytes('j1')).toEqual(Uint8Array.of(0x1b, 0x40, 0x41));
  });

  it('keeps a failed job with its reason, counts a reprint as a new attempt, and keeps the first bytes', () => {
    const { journal } = open();
    journal.record({ jobId: 'j1', deviceId: 'printer', bytes: Uint8Array.of(1, 2, 3) });
    journal.markFailed('j1', { reason: 'paper-end', printedBeforeFailure: true });
    expect(journal.get('j1')).toMatchObject({ state: 'failed', failureReason: 'paper-end', printedBeforeFailure: true });
    journal.record({ jobId: 'j1', deviceId: 'printer', bytes: Uint8Array.of(9) });
    expect(journal.get('j1')).toMatchObject({ state: 'pending', attempts: 2, failureReason: null });
    expect(journal.bytes('j1')).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('survives a restart: a job left pending by a crash is still unfinished', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kiosk.db');
    const first = open(file);
    first.journal.record({ jobId: 'crash-1', deviceId: 'printer', bytes: Uint8Array.of(7) });
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);
    const second = open(file);
    expect(second.journal.unfinished()).toEqual([expect.objectContaining({ jobId: 'crash-1', state: 'pending' })]);
  });

  it('discards only unfinished jobs and prunes old finished ones', () => {
    const { journal, clock } = open();
    journal.record({ jobId: 'done', deviceId: 'p', bytes: Uint8Array.of(1) });
    journal.markPrinted('done');
    journal.record({ jobId: 'failed', deviceId: 'p', bytes: Uint8Array.of(2) });
    journal.markFailed('failed', { reason: 'cover-open', printedBeforeFailure: false });
    expect(journal.markDiscarded('done')).toBe(false);
    expect(journal.markDiscarded('missing')).toBe(false);
    expect(journal.markDiscarded('failed')).toBe(true);
    expect(journal.get('failed')).toMatchObject({ state: 'discarded', failureReason: 'cover-open' });
    clock.advance(10_000);
    journal.record({ jobId: 'recent', deviceId: 'p', bytes: Uint8Array.of(3) });
    journal.markPrinted('recent');
    expect(journal.pruneFinished(clock.now() - 5_000)).toBe(2);
    expect(journal.get('done')).toBeNull();
    expect(journal.get('recent')).not.toBeNull();
  });
});
