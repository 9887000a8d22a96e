import { describe, expect, it } from 'vitest';
import { type WltPhotoDecoder, decodeCardPhoto, noPhotoDecoderInstalled } from '../../../../drivers/idcard/photoDecoder.js';
import { syntheticWltPhoto } from './syntheticCards.js';

describe('WLT photo decoder plug-in', () => {
  it('says plainly that no decoder is installed by default, and returns no image', async () => {
    const result = await decodeCardPhoto(noPhotoDecoderInstalled, syntheticWltPhoto());
    expect(result).toEqual({ ok: false, reason: 'no-decoder-installed', message: { 'zh-CN': '未安装身份证照片解码组件', en: 'no ID card photo decoder is installed' } });
  });

  it('passes the raw WLT bytes to an installed decoder and returns its image', async () => {
    const received: Uint8Array[] = [];
    const licensed: WltPhotoDecoder = {
      name: 'test-double',
      decode: async (wlt) => {
        received.push(wlt);
        return { ok: true, photo: { format: 'bmp', width: 102, height: 126, bytes: new Uint8Array(38862) } };
      },
    };
    const wlt = syntheticWltPhoto();
    expect(await decodeCardPhoto(licensed, wlt)).toMatchObject({ ok: true, photo: { width: 102, height: 126 } });
    expect(received).toEqual([wlt]);
  });

  it('turns a decoder that throws into a failure result', async () => {
    const broken: WltPhotoDecoder = { name: 'broken', decode: async () => { throw new Error('license.lic missing'); } };
    expect(await decodeCardPhoto(broken, syntheticWltPhoto())).toMatchObject({ ok: false, reason: 'decoder-failed', message: { en: 'photo decoder broken failed: license.lic missing' } });
  });
});
