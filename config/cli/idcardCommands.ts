import type { Command } from 'commander';
import { type ReaderReplyDecoding, decodeReaderReply } from '../../drivers/idcard/decodeReaderReply.js';
import type { CliContext } from './cliContext.js';

/** Hex as sniffers print it: any mix of spaces, colons, dashes and commas between bytes, optional 0x. */
export function parseHexBytes(text: string): Uint8Array | null {
  const digits = text.replace(/0x/giu, '').replace(/[\s:,-]/gu, '');
  if (digits.length === 0 || digits.length % 2 !== 0 || !/^[0-9a-f]+$/iu.test(digits)) return null;
  return Uint8Array.from(digits.match(/../gu) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** The JSON printed for a decoding: raw photo and fingerprint bytes are counted, never printed. */
function toJson(decoding: ReaderReplyDecoding): Record<string, unknown> {
  if (!decoding.ok) return { ok: false, sw: decoding.sw, error: decoding.error };
  const status = { code: decoding.status.code, outcome: decoding.status.outcome, message: decoding.status.message };
  const common = { ok: true, kind: decoding.kind, sw: decoding.sw, status };
  switch (decoding.kind) {
    case 'card':
      return {
        ...common,
        card: decoding.card,
        idNumberValid: decoding.idNumberValid,
        photoBytes: decoding.photo.length,
        fingerprintBytes: decoding.fingerprint?.length ?? 0,
      };
    case 'appended-address':
      return { ...common, appendedAddress: decoding.appendedAddress };
    case 'sam-id':
      return { ...common, samId: decoding.samId };
    case 'status':
      return { ...common, dataBytes: decoding.dataBytes };
  }
}

export function registerIdcardCommands(program: Command, context: CliContext): void {
  const idcard = program.command('idcard').description('the ID-card reader (GA/T 467 SAM protocol)');
  idcard
    .command('decode')
    .description('decode one reader reply frame (AA AA AA 96 69 …) captured from the wire and print it as JSON')
    .requiredOption('--hex <HEX>', 'the frame in hex; spaces, colons and dashes between bytes are ignored')
    .addHelpText(
      'after',
      [
        '',
        'Prints {"ok":true,"card":{…},"idNumberValid":…,"sw":…,"photoBytes":…} for a read reply,',
        'the status for status-only replies (reset, find, select, no appended address), the address',
        'for an appended-address reply and the SAM id for a SAM-id reply.',
        'A bad frame (checksum, length, garbage) or a failure status prints {"ok":false,"error":{"code":…,"message":…}}',
        'and exits with status 1. The photo is WLT data that needs a licensed decoder: only its size is shown.',
        '',
        'Example: kioskctl idcard decode --hex "AA AA AA 96 69 00 04 00 00 80 84"',
      ].join('\n'),
    )
    .action((options: { hex: string }) => {
      const bytes = parseHexBytes(options.hex);
      const output: Record<string, unknown> = bytes
        ? toJson(decodeReaderReply(bytes))
        : { ok: false, sw: null, error: { code: 'invalid-hex', message: { 'zh-CN': '--hex 不是有效的十六进制字节串', en: '--hex is not a whole number of hex bytes' } } };
      context.out(`${JSON.stringify(output, null, 2)}\n`);
      if (output.ok !== true) context.setExitCode(1);
    });
}
