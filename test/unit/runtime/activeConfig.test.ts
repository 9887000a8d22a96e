import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadActiveConfig, type LastGoodConfigStore } from '../../../electron/runtime/activeConfig.js';

class MemoryLastGood implements LastGoodConfigStore {
  saved: { json: string; source: string; savedAt: number } | null = null;
  save(json: string, source: string) {
    this.saved = { json, source, savedAt: Date.UTC(2026, 10, 1) };
  }
  load() {
    return this.saved;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kiosk-active-'));
const sample = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadActiveConfig', () => {
  it('remembers a valid config and notices when a later one differs', () => {
    const lastGood = new MemoryLastGood();
    const first = loadActiveConfig(file('a.json', sample), lastGood);
    expect(first.problems).toEqual([]);
    expect(first.changedSinceLastRun).toBe(false);
    expect(loadActiveConfig(file('a.json', sample), lastGood).changedSinceLastRun).toBe(false);
    const changed = loadActiveConfig(file('a.json', { ...sample, hall: { ...sample.hall, helpPhone: '0571-12345' } }), lastGood);
    expect(changed.changedSinceLastRun).toBe(true);
  });

  it('runs on the last good config, with its PIN, when the file breaks', () => {
    const lastGood = new MemoryLastGood();
    loadActiveConfig(file('b.json', sample), lastGood);
    const broken = loadActiveConfig(file('b.json', '{ "terminalId": '), lastGood);
    expect(broken.problems[0]?.problem).toContain('not valid JSON');
    expect(broken.config.terminalId).toBe('DEMO-HALL-0001');
    expect(broken.staffPinHash).toBe(sample.staff.pinHash);
    expect(broken.sources.at(-1)).toMatch(/^last good config from .*b\.json, saved 2026-11-01/);
  });

  it('falls back to defaults with no usable PIN when nothing valid was ever seen', () => {
    const broken = loadActiveConfig(file('c.json', '[]'), new MemoryLastGood());
    expect(broken.problems).toHaveLength(1);
    expect(broken.config.terminalId).toBe('UNCONFIGURED');
    expect(broken.staffPinHash).toBeNull();
  });
});

describe('loadActiveConfig with a damaged saved copy', () => {
  it('treats unparseable saved JSON as no saved config', () => {
    const lastGood = new MemoryLastGood();
    lastGood.saved = { json: '{not json', source: 'x', savedAt: 0 };
    const broken = loadActiveConfig(file('d.json', '[]'), lastGood);
    expect(broken.config.terminalId).toBe('UNCONFIGURED');
    expect(broken.staffPinHash).toBeNull();
  });
});
