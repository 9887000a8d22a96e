import { describe, expect, it } from 'vitest';
import {
  encodeSamCommand,
  findCardCommand,
  parseSamCommandBody,
  readAppendedAddressCommand,
  readTextAndPhotoCommand,
  readTextPhotoAndFingerprintCommand,
  resetSamCommand,
  samIdCommand,
  samStatusCommand,
  selectCardCommand,
  setBaudRateCommand,
  setMaxRfFrameBytesCommand,
} from '../../../../drivers/idcard/samCommands.js';
import { decodeSamFrames } from '../../../../drivers/idcard/samFrameDecoder.js';
import { toHex } from './syntheticCards.js';

describe('SAM commands', () => {
  // Frames from research/idcard.md §2; every checksum there was checked against captures or derived by the XOR rule.
  it.each([
    ['reset SAM', resetSamCommand(), 'AAAAAA9669000310FFEC'],
    ['SAM status', samStatusCommand(), 'AAAAAA9669000311FFED'],
    ['SAM id', samIdCommand(), 'AAAAAA9669000312FFEE'],
    ['find card', findCardCommand(), 'AAAAAA96690003200122'],
    ['select card', selectCardCommand(), 'AAAAAA96690003200221'],
    ['read text + photo', readTextAndPhotoCommand(), 'AAAAAA96690003300132'],
    ['read text + photo + fingerprint', readTextPhotoAndFingerprintCommand(), 'AAAAAA96690003301023'],
    ['read appended address', readAppendedAddressCommand(), 'AAAAAA96690003300330'],
    ['baud 115200', setBaudRateCommand(115200), 'AAAAAA9669000360' + '0063'],
    ['baud 57600', setBaudRateCommand(57600), 'AAAAAA9669000360' + '0162'],
    ['baud 38400', setBaudRateCommand(38400), 'AAAAAA9669000360' + '0261'],
    ['baud 19200', setBaudRateCommand(19200), 'AAAAAA9669000360' + '0360'],
    ['baud 9600', setBaudRateCommand(9600), 'AAAAAA9669000360' + '0467'],
    ['max RF frame 80 bytes', setMaxRfFrameBytesCommand(0x50), 'AAAAAA9669000461FF50CA'],
  ])('%s encodes to the published frame', (_name, command, hex) => {
    expect(toHex(encodeSamCommand(command))).toBe(hex);
  });

  it('expects 9F from find card and 90 from the rest', () => {
    expect(findCardCommand().successSw3).toBe(0x9f);
    expect(selectCardCommand().successSw3).toBe(0x90);
    expect(readTextAndPhotoCommand().successSw3).toBe(0x90);
  });

  it('decodes back to command, parameter and data as a simulator sees them', () => {
    const [event] = decodeSamFrames(encodeSamCommand(setMaxRfFrameBytesCommand(0x50)));
    expect(event?.type).toBe('frame');
    if (event?.type !== 'frame') return;
    expect(parseSamCommandBody(event.frame.body)).toEqual({ command: 0x61, parameter: 0xff, data: Uint8Array.of(0x50) });
  });

  it('refuses an RF frame size that does not fit a byte', () => {
    expect(() => setMaxRfFrameBytesCommand(0)).toThrow(RangeError);
    expect(() => setMaxRfFrameBytesCommand(256)).toThrow(RangeError);
  });
});
