import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyUdevRules, parseUdevRules, UdevRuleSyntaxError, type DeviceDescription } from './udevRuleParser.js';

const rulesText = readFileSync(fileURLToPath(new URL('../../../config/os/linux/70-gov-kiosk-devices.rules', import.meta.url)), 'utf8');
const rules = parseUdevRules(rulesText);

const usbParent = (vendor: string, product: string) => ({ subsystem: 'usb', kernel: '1-2', attributes: { idVendor: vendor, idProduct: product } });

function usbDevice(vendor: string, product: string): DeviceDescription {
  return { action: 'add', subsystem: 'usb', kernel: '1-2', env: { DEVTYPE: 'usb_device' }, attributes: { idVendor: vendor, idProduct: product } };
}
function hidraw(vendor: string): DeviceDescription {
  return { action: 'add', subsystem: 'hidraw', kernel: 'hidraw0', parents: [{ subsystem: 'hid', kernel: '0003:0C2E:0B61.0001' }, usbParent(vendor, '0b61')] };
}
function tty(kernel: string, vendor: string): DeviceDescription {
  return { action: 'add', subsystem: 'tty', kernel, parents: [{ subsystem: 'usb-serial', kernel: 'ttyUSB0' }, usbParent(vendor, '6001')] };
}
const KIOSK = { group: 'gov-kiosk', mode: '0660' };

describe('udev rules file', () => {
  it('parses: every line is KEY OP "value" pairs with valid keys and operators', () => {
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) expect(rule.pairs.length).toBeGreaterThan(0);
  });

  it('never opens a device to everyone', () => {
    const modes = rules.flatMap((r) => r.pairs.filter((p) => p.key === 'MODE').map((p) => p.value));
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((m) => m === '0660')).toBe(true);
    const groups = new Set(rules.flatMap((r) => r.pairs.filter((p) => p.key === 'GROUP').map((p) => p.value)));
    expect([...groups]).toEqual(['gov-kiosk']);
  });

  it.each([
    ['the ID-card reader 0400:c35a', usbDevice('0400', 'c35a')],
    ['a Honeywell HID POS scanner (hidraw)', hidraw('0c2e')],
    ['a Newland HID POS scanner (hidraw)', hidraw('1eab')],
    ['a Honeywell scanner through libusb', usbDevice('0c2e', '0b61')],
    ['a Newland scanner through libusb', usbDevice('1eab', '0d10')],
    ['an FTDI serial adapter', tty('ttyUSB0', '0403')],
    ['a Prolific serial adapter', tty('ttyUSB1', '067b')],
    ['a CH340 serial adapter', tty('ttyUSB2', '1a86')],
    ['a CP210x serial adapter', tty('ttyUSB3', '10c4')],
    ['a CDC-ACM serial device', { action: 'add', subsystem: 'tty', kernel: 'ttyACM0', parents: [usbParent('2e3c', '5740')] }],
  ] satisfies [string, DeviceDescription][])('grant the kiosk user %s', (_name, device) => {
    expect(applyUdevRules(rules, device)).toMatchObject(KIOSK);
  });

  it.each([
    ['another vendor’s ID reader product', usbDevice('0400', 'c35b')],
    ['a keyboard', { action: 'add', subsystem: 'hidraw', kernel: 'hidraw1', parents: [usbParent('046d', 'c31c')] }],
    ['an unknown USB serial chip', tty('ttyUSB4', '1234')],
    ['a USB disk', usbDevice('0781', '5567')],
    ['the ID reader on removal', { ...usbDevice('0400', 'c35a'), action: 'remove' }],
  ] satisfies [string, DeviceDescription][])('leave alone %s', (_name, device) => {
    expect(applyUdevRules(rules, device).group).toBeUndefined();
  });

  it('keeps scanners in keyboard mode away from the compositor', () => {
    const keyboardInterface: DeviceDescription = { action: 'add', subsystem: 'input', kernel: 'event5', parents: [usbParent('1eab', '0d10')] };
    expect(applyUdevRules(rules, keyboardInterface).env.LIBINPUT_IGNORE_DEVICE).toBe('1');
    const realKeyboard: DeviceDescription = { action: 'add', subsystem: 'input', kernel: 'event2', parents: [usbParent('046d', 'c31c')] };
    expect(applyUdevRules(rules, realKeyboard).env.LIBINPUT_IGNORE_DEVICE).toBeUndefined();
  });
});

describe('the udev rule parser itself', () => {
  it.each([
    ['a match key assigned', 'SUBSYSTEM="usb", GROUP="x"', /cannot be assigned/],
    ['an assignment key matched', 'SUBSYSTEM=="usb", GROUP=="x"', /cannot be matched/],
    ['an unquoted value', 'SUBSYSTEM==usb, GROUP="x"', /not KEY OP/],
    ['a stray comma', 'SUBSYSTEM=="usb",, GROUP="x"', /stray comma/],
    ['an unknown key', 'SUBSYSTEMZ=="usb"', /unknown key/],
    ['ATTR without attribute', 'ATTR=="0400", GROUP="x"', /needs \{attribute\}/],
    ['a non-octal mode', 'SUBSYSTEM=="usb", MODE="rw-rw----"', /octal/],
    ['an unterminated quote', 'SUBSYSTEM=="usb, GROUP="x"', /.+/],
  ])('rejects %s', (_name, line, message) => {
    expect(() => parseUdevRules(line)).toThrow(UdevRuleSyntaxError);
    expect(() => parseUdevRules(line)).toThrow(message);
  });

  it('joins continued lines and skips comments', () => {
    const parsed = parseUdevRules('# comment\nSUBSYSTEM=="usb", \\\n  GROUP="x"\n');
    expect(parsed).toEqual([{ line: 2, pairs: [{ key: 'SUBSYSTEM', operator: '==', value: 'usb' }, { key: 'GROUP', operator: '=', value: 'x' }] }]);
  });
});
