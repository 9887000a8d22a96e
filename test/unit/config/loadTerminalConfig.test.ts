import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerminalConfig, type TerminalConfigLoad } from '../../../config/loadTerminalConfig.js';
import { formatConfigProblem } from '../../../config/configProblem.js';

const SAMPLE = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
let n = 0;

function write(content: string): string {
  const file = join(dir, `terminal-${++n}.json`);
  writeFileSync(file, content);
  return file;
}

function withSample(mutate: (c: Record<string, any>) => void): string {
  const copy = structuredClone(SAMPLE) as Record<string, any>;
  mutate(copy);
  return write(JSON.stringify(copy, null, 2));
}

function problemsOf(result: TerminalConfigLoad): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatConfigProblem);
}

describe('loadTerminalConfig', () => {
  it('accepts the shipped sample and fills defaults', () => {
    const result = loadTerminalConfig('config/terminal.sample.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.terminalId).toBe('DEMO-HALL-0001');
    expect(result.config.services.map((s) => s.id)).toEqual(['hk-macau-endorsement', 'property-transfer']);
    expect(result.config.services[0]!.enabled).toBe(true);
    expect(result.sources).toEqual(['built-in defaults', 'config/terminal.sample.json']);
  });

  it('takes built-in defaults for fields the file leaves out', () => {
    const file = withSample((c) => {
      delete c.idle;
      delete c.quietWindow;
    });
    const result = loadTerminalConfig(file);
    expect(result.ok && result.config.idle).toEqual({ warnAfterSeconds: 90, countdownSeconds: 30 });
    expect(result.ok && result.config.quietWindow).toEqual({ start: '03:00', end: '04:00' });
  });

  it('names the file when it does not exist', () => {
    const missing = join(dir, 'nope.json');
    expect(problemsOf(loadTerminalConfig(missing))).toEqual([`${missing}: file not found`]);
  });

  it('names the file when it is a directory', () => {
    const sub = join(dir, 'a-directory.json');
    mkdirSync(sub);
    expect(problemsOf(loadTerminalConfig(sub))).toEqual([`${sub}: is a directory, not a file`]);
  });

  it('reports an empty file', () => {
    const file = write('  \n');
    expect(problemsOf(loadTerminalConfig(file))).toEqual([`${file}: file is empty`]);
  });

  it('reports broken JSON with line and column', () => {
    const file = write('{\n  "terminalId": "A-1",\n  "hall": { "name": }\n}\n');
    const [problem] = problemsOf(loadTerminalConfig(file));
    expect(problem).toContain(file);
    expect(problem).toContain('not valid JSON');
    expect(problem).toMatch(/line 3, column \d+/);
  });

  it('refuses a top level that is not an object', () => {
    const file = write('[1, 2]');
    expect(problemsOf(loadTerminalConfig(file))).toEqual([
      `${file}: must contain a JSON object ({ … }) at the top level`,
    ]);
  });

  it('tolerates a UTF-8 byte order mark (Windows editors write one)', () => {
    const file = write(`\uFEFF${readFileSync('config/terminal.sample.json', 'utf8')}`);
    expect(loadTerminalConfig(file).ok).toBe(true);
  });

  it('names file, field and problem for a wrong type', () => {
    const file = withSample((c) => (c.idle = { warnAfterSeconds: '90', countdownSeconds: 30 }));
    expect(problemsOf(loadTerminalConfig(file))).toEqual([`${file}: idle.warnAfterSeconds: must be a number, not "90"`]);
  });

  it('reports a misspelt field as unknown instead of ignoring it', () => {
    const file = withSample((c) => {
      c.hall.helpPhon = c.hall.helpPhone;
      delete c.hall.helpPhone;
    });
    const problems = problemsOf(loadTerminalConfig(file));
    expect(problems).toContain(`${file}: hall.helpPhon: unknown field (misspelt, or not a setting of this version)`);
    expect(problems).toContain(`${file}: hall.helpPhone: is required and has no built-in default`);
  });

  it('reports a required field with no default', () => {
    const file = withSample((c) => delete c.terminalId);
    expect(problemsOf(loadTerminalConfig(file))).toEqual([`${file}: terminalId: is required and has no built-in default`]);
  });

  it('reports a value outside an enumeration, inside a list', () => {
    const file = withSample((c) => (c.services[1].kind = 'passport'));
    expect(problemsOf(loadTerminalConfig(file))).toEqual([
      `${file}: services[1].kind: must be one of "exit-entry-endorsement", "property-transfer", not "passport"`,
    ]);
  });

  it('reports a malformed time of day', () => {
    const file = withSample((c) => (c.quietWindow = { start: '3am', end: '04:00' }));
    expect(problemsOf(loadTerminalConfig(file))).toEqual([
      `${file}: quietWindow.start: must be a 24-hour time HH:MM, e.g. "03:00"`,
    ]);
  });

  it('refuses fees that are not whole fen', () => {
    const file = withSample((c) => (c.services[0].fees[0].amountFen = 15.5));
    expect(problemsOf(loadTerminalConfig(file))[0]).toBe(
      `${file}: services[0].fees[0].amountFen: must be a whole number of fen (1 yuan = 100 fen)`,
    );
  });

  it('refuses duplicate service ids and a default language that is not offered', () => {
    const file = withSample((c) => {
      c.services[1].id = c.services[0].id;
      c.languages = { available: ['en'], default: 'zh-CN' };
    });
    const problems = problemsOf(loadTerminalConfig(file));
    expect(problems).toContain(`${file}: services: service ids must be unique`);
    expect(problems).toContain(`${file}: languages.default: default must be one of the available languages`);
  });

  it('refuses a staff PIN written in clear instead of hashed', () => {
    const file = withSample((c) => (c.staff.pinHash = '123456'));
    expect(problemsOf(loadTerminalConfig(file))[0]).toContain(`${file}: staff.pinHash: must be a PIN hash made by`);
  });

  it('refuses a device binding with an unknown transport and a bad USB id', () => {
    const file = withSample((c) => {
      c.devices[0].binding = { transport: 'bluetooth' };
      c.devices[1].binding = { transport: 'usb', vendorId: '400', productId: 'c35a' };
    });
    const problems = problemsOf(loadTerminalConfig(file));
    expect(problems.some((p) => p.startsWith(`${file}: devices[0].binding.transport:`))).toBe(true);
    expect(problems).toContain(`${file}: devices[1].binding.vendorId: must be 4 hex digits, e.g. "0400"`);
  });

  it('lets the remote layer override the file and blames it for its own mistakes', () => {
    const file = withSample(() => undefined);
    const ok = loadTerminalConfig(file, { source: 'remote bundle v7', data: { idle: { countdownSeconds: 45 } } });
    expect(ok.ok && ok.config.idle).toEqual({ warnAfterSeconds: 90, countdownSeconds: 45 });
    expect(ok.sources).toEqual(['built-in defaults', file, 'remote bundle v7']);

    const bad = loadTerminalConfig(file, { source: 'remote bundle v8', data: { services: 'none' } });
    expect(problemsOf(bad)).toEqual(['remote bundle v8: services: must be an array, not "none"']);
  });

  it('replaces lists whole rather than merging them item by item', () => {
    const file = withSample(() => undefined);
    const remote = { source: 'remote', data: { devices: [{ id: 'printer-2', kind: 'receipt-printer', binding: { transport: 'simulated' } }] } };
    const result = loadTerminalConfig(file, remote);
    expect(result.ok && result.config.devices.map((d) => d.id)).toEqual(['printer-2']);
  });
});

describe('JSON error location', () => {
  it.each([
    ['{"a": 1,}', 1, 9],
    ['{\n  "a": tru\n}', 2, 8],
    ['{"a": [1, 2}', 1, 12],
    ['{"a": "x"} trailing', 1, 12],
    ['{"a": ', 1, 7],
  ])('%j fails at line %i column %i', (text, line, column) => {
    const file = write(text);
    const [problem] = problemsOf(loadTerminalConfig(file));
    expect(problem).toContain(`line ${line}, column ${column}`);
  });
});

describe('quiet window', () => {
  it('refuses a quiet window that would be the whole day (restart at any time)', () => {
    const file = withSample((c) => (c.quietWindow = { start: '03:00', end: '03:00' }));
    expect(problemsOf(loadTerminalConfig(file))).toEqual([
      `${file}: quietWindow.end: start and end must differ: a quiet window cannot be the whole day`,
    ]);
  });
});

describe('hostile keys', () => {
  it('reports "__proto__" as an unknown field instead of letting it supply values', () => {
    const text = readFileSync('config/terminal.sample.json', 'utf8').replace('"terminalId": "DEMO-HALL-0001",', '"__proto__": { "terminalId": "SNEAKY-1" },');
    const file = write(text);
    const problems = problemsOf(loadTerminalConfig(file));
    expect(problems).toContain(`${file}: terminalId: is required and has no built-in default`);
    expect(problems).toContain(`${file}: __proto__: unknown field (misspelt, or not a setting of this version)`);
  });
});
