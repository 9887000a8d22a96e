import type { DeviceBinding } from '../../config/terminalConfigSchema.js';

/** How a device is attached, in the words staff see: "simulated", "serial /dev/ttyUSB0 @115200", "usb 0400:c35a". */
export function bindingLabel(binding: DeviceBinding): string {
  switch (binding.transport) {
    case 'simulated':
      return 'simulated';
    case 'serial':
      return `serial ${binding.path} @${binding.baudRate}`;
    case 'usb':
    case 'hid':
      return `${binding.transport} ${binding.vendorId}:${binding.productId}`;
  }
}
