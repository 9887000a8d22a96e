import type { AddressOnFile } from '../../../platform/platformApiTypes.js';

const MASK = '****';

/**
 * The platform masks the address on file before sending it (it goes on a public screen and on
 * a receipt kept in the print journal). Should one arrive unmasked, the terminal masks it
 * itself rather than trust it: the recipient's first character, the address's first six.
 */
export function addressOnFileForScreen(onFile: AddressOnFile): AddressOnFile {
  const recipient = onFile.recipient.includes('*') ? onFile.recipient : `${[...onFile.recipient][0] ?? ''}*`;
  const address = onFile.address.includes('*') ? onFile.address : `${[...onFile.address].slice(0, 6).join('')}${MASK}`;
  return { recipient, address };
}
