import type { LocalizedText } from '../../config/localizedText.js';

/**
 * The card photo is 1024 bytes of WLT data, compressed and encrypted; every known decoder is
 * licensed or closed (research §7). The driver keeps the raw bytes and hands them to whatever
 * decoder the installation provides, typically a vendor library behind a helper process.
 */
export interface WltPhotoDecoder {
  /** For the maintenance screen: which decoder is installed. */
  readonly name: string;
  decode(wlt: Uint8Array): Promise<PhotoDecodeResult>;
}

/** A decoded photo: 102 × 126 pixels on current cards. */
export interface DecodedPhoto {
  readonly format: 'bmp' | 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
}

export type PhotoDecodeFailure = 'no-decoder-installed' | 'decoder-failed';

export type PhotoDecodeResult = { ok: true; photo: DecodedPhoto } | { ok: false; reason: PhotoDecodeFailure; message: LocalizedText };

/** The default: says plainly that nothing can decode the photo, rather than inventing an image. */
export const noPhotoDecoderInstalled: WltPhotoDecoder = {
  name: 'none',
  decode: async () => ({
    ok: false,
    reason: 'no-decoder-installed',
    message: { 'zh-CN': '未安装身份证照片解码组件', en: 'no ID card photo decoder is installed' },
  }),
};

/** Runs a plug-in decoder and turns its exceptions into a result, so a vendor bug cannot break a read. */
export async function decodeCardPhoto(decoder: WltPhotoDecoder, wlt: Uint8Array): Promise<PhotoDecodeResult> {
  try {
    return await decoder.decode(wlt);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'decoder-failed', message: { 'zh-CN': `照片解码失败：${detail}`, en: `photo decoder ${decoder.name} failed: ${detail}` } };
  }
}
