import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decideAfterGrace,
  decideAtStart,
  type PendingUpdate,
  type UpdateJournal,
} from '../../../../electron/runtime/updates/updateJournal.js';
import { createFileUpdateJournalStore } from '../../../../electron/runtime/updates/updateJournalStore.js';

const NOW = Date.UTC(2026, 10, 24, 3, 30);
function pending(phase: PendingUpdate['phase'], overrides: Partial<PendingUpdate> = {}): PendingUpdate {
  return {
    phase,
    fromVersion: '1.2.0',
    toVersion: '1.3.0',
    feedUrl: 'https://gov.example/updates/',
    startedAtMs: NOW - 60_000,
    unhealthyStarts: 0,
    healthGraceSeconds: 300,
    maxUnhealthyStarts: 3,
    ...overrides,
  };
}
const journal = (p?: PendingUpdate, badVersions: string[] = []): UpdateJournal => ({ ...(p ? { pending: p } : {}), badVersions });

describe('decideAtStart', () => {
  it('does nothing without a pending update', () => {
    expect(decideAtStart(journal(), '1.2.0', NOW).action).toBe('none');
  });

  it('starts verifying when the new version came up', () => {
    const decision = decideAtStart(journal(pending('installing')), '1.3.0', NOW);
    expect(decision).toMatchObject({ action: 'verify', pending: { phase: 'verifying', unhealthyStarts: 1 } });
    expect(decision.journal.pending?.phase).toBe('verifying');
  });

  it('reports a failed install when the old version is still running, with the installer’s reason', () => {
    const decision = decideAtStart(journal(pending('installing')), '1.2.0', NOW, { status: 'failed', version: '1.3.0', reason: 'signature does not verify' });
    expect(decision).toEqual({
      action: 'report',
      journal: { badVersions: [] },
      outcome: { kind: 'install-failed', fromVersion: '1.2.0', toVersion: '1.3.0', atMs: NOW, detail: 'signature does not verify' },
    });
  });

  it('counts starts of the new version that ended before it proved healthy, then rolls back', () => {
    let state = journal(pending('verifying', { unhealthyStarts: 1 }));
    const actions: string[] = [];
    for (let start = 0; start < 3; start++) {
      const decision = decideAtStart(state, '1.3.0', NOW);
      actions.push(decision.action);
      state = decision.journal;
    }
    expect(actions).toEqual(['verify', 'verify', 'rollback']);
    expect(state.pending).toMatchObject({ phase: 'rolling-back', rollbackReason: 'stopped 3 times before proving healthy' });
  });

  it('retries a rollback that has not happened yet', () => {
    const rollingBack = pending('rolling-back', { rollbackReason: 'not healthy within 300 s' });
    expect(decideAtStart(journal(rollingBack), '1.3.0', NOW)).toMatchObject({ action: 'rollback', pending: rollingBack });
  });

  it('reports a completed rollback and never takes that version again', () => {
    const decision = decideAtStart(journal(pending('rolling-back', { rollbackReason: 'not healthy within 300 s' }), ['1.1.0']), '1.2.0', NOW);
    expect(decision).toEqual({
      action: 'report',
      journal: { badVersions: ['1.1.0', '1.3.0'] },
      outcome: { kind: 'rolled-back', fromVersion: '1.2.0', toVersion: '1.3.0', atMs: NOW, detail: 'not healthy within 300 s' },
    });
  });

  it('lets go of an update overtaken by a manual install', () => {
    expect(decideAtStart(journal(pending('verifying')), '1.5.0', NOW)).toMatchObject({
      action: 'report',
      journal: { badVersions: [] },
      outcome: { kind: 'superseded' },
    });
  });
});

describe('decideAfterGrace', () => {
  it('keeps a healthy new version and reports it installed', () => {
    expect(decideAfterGrace(journal(pending('verifying', { unhealthyStarts: 1 })), true, NOW)).toEqual({
      action: 'keep',
      journal: { badVersions: [] },
      outcome: { kind: 'installed', fromVersion: '1.2.0', toVersion: '1.3.0', atMs: NOW },
    });
  });

  it('rolls back a version that did not report healthy', () => {
    expect(decideAfterGrace(journal(pending('verifying')), false, NOW)).toMatchObject({
      action: 'rollback',
      pending: { phase: 'rolling-back', rollbackReason: 'not healthy within 300 s' },
    });
  });

  it('ignores a journal that is not verifying', () => {
    expect(decideAfterGrace(journal(pending('installing')), false, NOW)).toEqual({ action: 'none' });
  });
});

describe('file update journal', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    dirs.push(dir);
    return join(dir, 'sub', 'update-journal.json');
  };

  it('round-trips and starts empty', () => {
    const store = createFileUpdateJournalStore(file());
    expect(store.read()).toEqual({ journal: { badVersions: [] } });
    store.write(journal(pending('installing'), ['1.0.0']));
    expect(store.read().journal).toEqual(journal(pending('installing'), ['1.0.0']));
  });

  it.each([
    ['broken JSON', '{"pending": ', /not valid JSON/],
    ['a foreign shape', '{"pending": {"phase": "exploding"}}', /not an update journal/],
  ])('reads %s as empty, with a problem, never a throw', (_name, text, problem) => {
    const path = file();
    const store = createFileUpdateJournalStore(path);
    store.write(journal());
    writeFileSync(path, text);
    const read = store.read();
    expect(read.journal).toEqual({ badVersions: [] });
    expect(read.problem).toMatch(problem);
  });
});
