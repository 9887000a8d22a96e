import { describe, expect, it } from 'vitest';
import type { HidModule } from '../../../../drivers/transport/hidModule.js';
import { HidTransport } from '../../../../drivers/transport/hidTransport.js';
import { usbOpenError } from '../../../../drivers/transport/openFailure.js';
import type { UsbHost } from '../../../../drivers/transport/usbHost.js';
import { UsbBulkTransport } from '../../../../drivers/transport/usbBulkTransport.js';

function errnoError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

async function openFailureOf(open: () => Promise<void>): Promise<unknown> {
  return open().then(
    () => {
      throw new Error('expected open to fail');
    },
    (error: unknown) => error,
  );
}

describe('usbOpenError', () => {
  it('gives the permission hint for a permission problem', () => {
    const error = usbOpenError('usb 0400:c35a', errnoError('EACCES', 'LIBUSB_ERROR_ACCESS'), 'grant it');
    expect(error).toMatchObject({ code: 'permission-denied', message: 'usb 0400:c35a: no permission: grant it (LIBUSB_ERROR_ACCESS)' });
  });

  it('says "cannot open" with the cause for anything else, keeping the code', () => {
    expect(usbOpenError('hid 0c2e:0b8f', errnoError('EBUSY', 'device busy'), 'unused')).toMatchObject({
      code: 'busy',
      message: 'hid 0c2e:0b8f: cannot open (device busy)',
    });
    expect(usbOpenError('hid 0c2e:0b8f', new Error('exploded'), 'unused')).toMatchObject({
      code: 'io-error',
      message: 'hid 0c2e:0b8f: cannot open (exploded)',
    });
  });

  it('is what HidTransport reports when hidraw is not readable', async () => {
    const hid: HidModule = {
      devicesAsync: async () => [{ vendorId: 0x0c2e, productId: 0x0b8f, path: '/dev/hidraw1', interface: 0 }],
      HIDAsync: {
        open: async () => {
          throw errnoError('EACCES', 'cannot open device with path /dev/hidraw1');
        },
      },
    };
    const transport = new HidTransport({ vendorId: 0x0c2e, productId: 0x0b8f, hid });
    expect(await openFailureOf(() => transport.open())).toMatchObject({
      code: 'permission-denied',
      message:
        'hid 0c2e:0b8f: no permission: on Linux add a udev rule giving the kiosk user the hidraw node ' +
        '(cannot open device with path /dev/hidraw1)',
    });
  });

  it('is what UsbBulkTransport reports when the device cannot be opened for lack of permission', async () => {
    const usb = {
      findDeviceByIds: async () => ({
        open: async () => {
          throw errnoError('EACCES', 'LIBUSB_ERROR_ACCESS');
        },
      }),
    } as unknown as UsbHost;
    const transport = new UsbBulkTransport({ vendorId: 0x0400, productId: 0xc35a, usb });
    expect(await openFailureOf(() => transport.open())).toMatchObject({
      code: 'permission-denied',
      message: 'usb 0400:c35a: no permission: on Linux add a udev rule for the device; on Windows bind WinUSB to it (LIBUSB_ERROR_ACCESS)',
    });
  });
});
