import { describe, expect, it } from 'vitest';
import { addressOnFileForScreen } from '../../../../../electron/runtime/flows/property/addressOnFileForScreen.js';

describe('addressOnFileForScreen', () => {
  it('leaves an address the platform masked as it is', () => {
    expect(addressOnFileForScreen({ recipient: '林*', address: '广州市海珠区****' })).toEqual({ recipient: '林*', address: '广州市海珠区****' });
  });

  it('masks one that arrived whole, rather than show it on a public screen and a receipt', () => {
    expect(addressOnFileForScreen({ recipient: '林小雨', address: '广州市海珠区示例大道88号5栋1202房' })).toEqual({ recipient: '林*', address: '广州市海珠区****' });
  });
});
