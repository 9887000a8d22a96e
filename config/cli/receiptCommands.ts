import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { EscPosEncodingError } from '../../drivers/printer/escpos/escPosEncoder.js';
import { COLUMNS_BY_PAPER_WIDTH, type PaperWidth } from '../../drivers/printer/layout/paperWidth.js';
import { encodeSampleEndorsementReceipt, previewSampleEndorsementReceipt } from '../../drivers/printer/receipts/sampleEndorsementReceipt.js';
import type { CliContext } from './cliContext.js';

interface SampleOptions {
  out?: string;
  text?: boolean;
  paper: PaperWidth;
}

function describeError(error: EscPosEncodingError): string {
  if (error.kind === 'unmappable-characters') {
    const list = error.characters.map((c) => `'${c.character}' ${c.codePoint} at ${c.index} (${c.reason})`).join(', ');
    return `cannot print ${list} in "${error.text}"`;
  }
  return JSON.stringify(error);
}

export function registerReceiptCommands(program: Command, context: CliContext): void {
  const receipt = program.command('receipt').description('receipt printer (ESC/POS) output');
  receipt
    .command('sample')
    .description('the sample exit-entry endorsement receipt (synthetic data): ESC/POS bytes to a file, or a plain-text preview')
    .option('--out <FILE>', 'write the ESC/POS bytes to FILE (send it to a printer with e.g. cat FILE > /dev/usb/lp0)')
    .option('--text', 'print the plain-text preview to standard output instead of writing bytes')
    .addOption(new Option('--paper <WIDTH>', 'paper width').choices(Object.keys(COLUMNS_BY_PAPER_WIDTH)).default('80mm'))
    .addHelpText(
      'after',
      '\nThe bytes start with ESC @, carry Chinese text as GBK between FS & and FS ., a native QR code (GS ( k)' +
        '\nand end with a partial cut. Examples:\n  kioskctl receipt sample --out sample.bin\n  kioskctl receipt sample --text --paper 58mm',
    )
    .action((options: SampleOptions) => {
      if (options.text) {
        context.out(previewSampleEndorsementReceipt(options.paper));
        return;
      }
      if (!options.out) {
        context.err('give --out FILE to write the ESC/POS bytes, or --text for a preview\n');
        context.setExitCode(1);
        return;
      }
      const result = encodeSampleEndorsementReceipt(options.paper);
      if (!result.ok) {
        for (const error of result.errors) context.err(`${describeError(error)}\n`);
        context.setExitCode(1);
        return;
      }
      writeFileSync(options.out, result.bytes);
      context.out(`wrote ${result.bytes.length} bytes of ESC/POS to ${options.out}\n`);
    });
}
