import { describe, expect, it } from 'vitest';
import { alignmentCommand, boldCommand, chineseModeOffCommand, chineseModeOnCommand, cutCommand, DLE, EOT, ESC, FS, GS, initialiseCommand, LF } from '../../../../drivers/printer/escpos/escPosCommands.js';
import { EscPosStreamParser, type EscPosToken } from '../../../../drivers/printer/escpos/escPosStreamParser.js';
import { qrPrintCommand, qrStoreDataCommand } from '../../../../drivers/printer/escpos/qrCodeCommands.js';
import { encodeSampleEndorsementReceipt } from '../../../../drivers/printer/receipts/sampleEndorsementReceipt.js';
import { applyFuzzMutations } from '../../../helpers/fuzzMutations.js';
import { mulberry32 } from '../../../helpers/seededRandom.js';

/**
 * 100,000 random and mutated inputs for the simulator's ESC/POS parser, from a fixed seed (same
 * approach as the SAM decoder's fuzz test). It never throws, and as its API promises: every byte
 * is in exactly one token's length or still pending (an unfinished command, never more than one
 * GS ( function), each token's length matches the bytes it carries, and the tokens do not depend
 * on where the chunks were split.
 */
const INPUTS = 100_000;
const SEED = 0xe5c_0905;
/** GS ( k pL pH with the largest pL pH, less the last byte: the most the parser may hold back. */
const MAX_PENDING = 5 + 0xffff - 1;
/** Command-introducer bytes: the "preamble" of every ESC/POS command, plus EOT for DLE EOT. */
const INTRODUCERS = [ESC, GS, FS, DLE, EOT, LF];

function sampleReceipt(): Uint8Array {
  const encoded = encodeSampleEndorsementReceipt();
  if (!encoded.ok) throw new Error(JSON.stringify(encoded.errors));
  return encoded.bytes;
}

const RECEIPT = sampleReceipt();
const COMMANDS: Uint8Array[] = [
  initialiseCommand(),
  chineseModeOnCommand(),
  chineseModeOffCommand(),
  alignmentCommand('center'),
  boldCommand(true),
  cutCommand('partial', 0),
  cutCommand('full'),
  qrStoreDataCommand(Uint8Array.from('https://zwfw.example.gov.cn/case/1', (c) => c.charCodeAt(0))),
  qrPrintCommand(),
  Uint8Array.of(DLE, EOT, 1),
  Uint8Array.of(DLE, EOT, 4),
  Uint8Array.of(LF),
];

/** Bytes each token stands for, when it carries them; -1 when its kind does not. */
function carriedBytes(token: EscPosToken): number {
  if (token.kind === 'text' || token.kind === 'ignored' || token.kind === 'unknown') return token.bytes.length;
  if (token.kind === 'qr-function') return token.params.length + 7;
  return -1;
}

const KINDS: EscPosToken['kind'][] = [
  'initialise',
  'chinese-mode',
  'text',
  'line-feed',
  'align',
  'bold',
  'chinese-character-mode',
  'character-size',
  'qr-function',
  'cut',
  'real-time-status-request',
  'real-time-recovery-request',
  'ignored',
  'unknown',
];

/**
 * A compact signature of a token stream: kind, length, every field and carried byte. Text runs
 * split where the chunks were split are joined, so the two streams compare by meaning.
 */
function signature(tokens: readonly EscPosToken[]): number[] {
  const out: number[] = [];
  let text: number[] = [];
  const flushText = () => {
    if (text.length > 0) out.push(-1, text.length, ...text);
    text = [];
  };
  for (const token of tokens) {
    if (token.kind === 'text') {
      for (const byte of token.bytes) text.push(byte);
      continue;
    }
    flushText();
    out.push(-2 - KINDS.indexOf(token.kind), token.length);
    switch (token.kind) {
      case 'chinese-mode':
      case 'bold':
        out.push(token.on ? 1 : 0);
        break;
      case 'align':
      case 'chinese-character-mode':
      case 'character-size':
        out.push(token.value);
        break;
      case 'real-time-status-request':
      case 'real-time-recovery-request':
        out.push(token.n);
        break;
      case 'cut':
        out.push(token.cut === 'full' ? 1 : 2, token.feedMotionUnits ?? -1);
        break;
      case 'qr-function':
        out.push(token.fn, ...token.params);
        break;
      case 'ignored':
      case 'unknown':
        out.push(...token.bytes);
        break;
      default:
        break;
    }
  }
  flushText();
  return out;
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, k) => x === b[k]);

describe('EscPosStreamParser fuzz', () => {
  it(`survives ${INPUTS.toLocaleString('en')} random and mutated inputs, accounting for every byte`, () => {
    const random = mulberry32(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const problems: string[] = [];
    const kindsSeen = new Set<string>();
    let unknownSeen = 0;

    const randomBytes = () => {
      const bytes = new Uint8Array(int(64));
      for (let k = 0; k < bytes.length; k++) bytes[k] = random() < 0.2 ? INTRODUCERS[int(INTRODUCERS.length)]! : int(256);
      return bytes;
    };
    const mutatedStream = () => {
      const bytes: number[] = [];
      for (let n = 1 + int(3); n > 0; n--) {
        // A window of the sample receipt, or one command.
        const piece = random() < 0.5 ? RECEIPT.subarray(int(RECEIPT.length), undefined) : COMMANDS[int(COMMANDS.length)]!;
        const take = Math.min(piece.length, 1 + int(60));
        for (let k = 0; k < take; k++) bytes.push(piece[k]!);
      }
      applyFuzzMutations(bytes, int, { rounds: 5, syncBytes: INTRODUCERS, maxDuplicate: 24 });
      return Uint8Array.from(bytes);
    };

    for (let i = 0; i < INPUTS; i++) {
      const input = i % 2 === 0 ? randomBytes() : mutatedStream();
      try {
        const parser = new EscPosStreamParser();
        const chunked: EscPosToken[] = [];
        for (let offset = 0; offset < input.length; ) {
          const size = 1 + int(random() < 0.5 ? 4 : 64);
          const pendingBefore = parser.pendingLength;
          const tokens = parser.push(input.subarray(offset, offset + size));
          const took = Math.min(size, input.length - offset);
          offset += size;
          let consumed = 0;
          for (const token of tokens) {
            consumed += token.length;
            kindsSeen.add(token.kind);
            if (token.kind === 'unknown') unknownSeen++;
            const carried = carriedBytes(token);
            if (token.length < 1 || (carried !== -1 && carried !== token.length)) problems.push(`input ${i}: inconsistent token ${JSON.stringify(token)}`);
            chunked.push(token);
          }
          if (pendingBefore + took !== consumed + parser.pendingLength) problems.push(`input ${i}: push at ${offset} lost bytes`);
          if (parser.pendingLength > MAX_PENDING) problems.push(`input ${i}: holds ${parser.pendingLength} bytes`);
        }
        // Only an unfinished command is held back, and it starts with a command introducer.
        const pendingAt = input.length - parser.pendingLength;
        if (parser.pendingLength > 0 && ![ESC, GS, FS, DLE].includes(input[pendingAt]!)) problems.push(`input ${i}: holds back a byte that starts no command`);

        const whole = new EscPosStreamParser();
        const oneShot = whole.push(input);
        if (whole.pendingLength !== parser.pendingLength || !sameNumbers(signature(oneShot), signature(chunked))) problems.push(`input ${i}: chunking changed the result`);
      } catch (error) {
        problems.push(`input ${i}: threw ${String(error)}`);
      }
      if (problems.length > 10) break;
    }

    expect(problems).toEqual([]);
    // The inputs must reach every token kind for the test to mean something.
    expect([...kindsSeen].sort()).toEqual([...KINDS].sort());
    expect(unknownSeen).toBeGreaterThan(INPUTS / 10);
  }, 20_000);
});
