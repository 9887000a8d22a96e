import { describe, expect, it } from 'vitest';
import {
  qrErrorCorrectionCommand,
  qrModuleSizeCommand,
  qrPrintCommand,
  qrSelectModelCommand,
  qrStoreDataCommand,
} from '../../../../drivers/printer/escpos/qrCodeCommands.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('QR code (GS ( k, cn 49)', () => {
  it('fn 65 selects the model: 49 model 1, 50 model 2, 51 micro, n2 = 0', () => {
    expect(hex(qrSelectModelCommand(2))).toBe('1d286b0400314132' + '00');
    expect(hex(qrSelectModelCommand(1))).toBe('1d286b040031413100');
    expect(hex(qrSelectModelCommand('micro'))).toBe('1d286b040031413300');
  });

  it('fn 67 sets the module size in dots', () => {
    expect(hex(qrModuleSizeCommand(6))).toBe('1d286b03003143' + '06');
    expect(hex(qrModuleSizeCommand(16))).toBe('1d286b0300314310');
  });

  it('fn 69 sets error correction 48 L, 49 M, 50 Q, 51 H', () => {
    expect(hex(qrErrorCorrectionCommand('L'))).toBe('1d286b0300314530');
    expect(hex(qrErrorCorrectionCommand('M'))).toBe('1d286b0300314531');
    expect(hex(qrErrorCorrectionCommand('Q'))).toBe('1d286b0300314532');
    expect(hex(qrErrorCorrectionCommand('H'))).toBe('1d286b0300314533');
  });

  it('fn 80 stores the payload with pL pH = length + 3', () => {
    expect(hex(qrStoreDataCommand(ascii('AB')))).toBe('1d286b0500315030' + '4142');
  });

  it('fn 80 length field is little-endian once the payload passes 252 bytes', () => {
    const payload = ascii('x'.repeat(300));
    const bytes = qrStoreDataCommand(payload);
    expect([...bytes.slice(0, 8)]).toEqual([0x1d, 0x28, 0x6b, 303 & 0xff, 303 >> 8, 0x31, 0x50, 0x30]);
    expect(bytes[3]).toBe(0x2f);
    expect(bytes[4]).toBe(0x01);
    expect(bytes.length).toBe(8 + 300);
    expect(bytes[3]! + bytes[4]! * 256).toBe(bytes.length - 5);
  });

  it('fn 81 prints the stored symbol', () => expect(hex(qrPrintCommand())).toBe('1d286b0300315130'));
});
