import { base64Payload } from './dataUrlPayload.js';

/**
 * The camera for face verification, without React: open it, grab one frame as JPEG, stop it.
 * Everything environment-ish (navigator.mediaDevices, the canvas) is passed in, so the unit
 * tests run it with fakes. No frame is kept: the canvas is emptied right after encoding and
 * the caller gets the only copy, which it sends and drops.
 */

export interface FaceImage {
  format: 'jpeg';
  dataBase64: string;
}

/** Why the camera could not be used; every one of them leads to the staff-assisted path. */
export type CameraProblem = 'unsupported' | 'denied' | 'no-camera' | 'in-use' | 'failed';

export interface MediaDevicesLike {
  getUserMedia(constraints: { video: boolean; audio?: boolean }): Promise<StreamLike>;
}

export interface StreamLike {
  getTracks(): ReadonlyArray<{ stop(): void }>;
}

export type OpenCameraResult<S extends StreamLike> = { ok: true; stream: S } | { ok: false; problem: CameraProblem };

/** The bridge contract's limits on flow.faceCaptured.dataBase64. */
export const MIN_IMAGE_BASE64_LENGTH = 100;
export const MAX_IMAGE_BASE64_LENGTH = 2_800_000;
/** Wider frames are scaled down: enough for a comparison, and well under the contract's size limit. */
export const MAX_FRAME_WIDTH = 1280;
const JPEG_QUALITY = 0.9;

function problemOf(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'AbortError':
      return 'in-use';
    default:
      return 'failed';
  }
}

/** Video only: the kiosk never records sound. */
export async function openCamera<S extends StreamLike>(
  mediaDevices: { getUserMedia(constraints: { video: boolean }): Promise<S> } | undefined,
): Promise<OpenCameraResult<S>> {
  if (!mediaDevices || typeof mediaDevices.getUserMedia !== 'function') return { ok: false, problem: 'unsupported' };
  try {
    return { ok: true, stream: await mediaDevices.getUserMedia({ video: true }) };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

/** Turns the camera (and its light) off at once. */
export function stopCamera(stream: StreamLike | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export interface FrameSize {
  videoWidth: number;
  videoHeight: number;
}

export interface CanvasLike<Source> {
  width: number;
  height: number;
  getContext(kind: '2d'): { drawImage(source: Source, x: number, y: number, width: number, height: number): void } | null;
  toDataURL(type: string, quality?: number): string;
}

/** The base64 payload of a JPEG data: URL, or null when it is anything else (e.g. the browser fell back to PNG). */
export function jpegBase64FromDataUrl(dataUrl: string): string | null {
  return base64Payload(dataUrl, 'image/jpeg', { min: MIN_IMAGE_BASE64_LENGTH, max: MAX_IMAGE_BASE64_LENGTH });
}

/**
 * One frame of `source` as JPEG, scaled to at most MAX_FRAME_WIDTH wide; null when there is
 * no frame yet or it cannot be encoded. The canvas is cleared before returning either way.
 */
export function captureJpegFrame<Source extends FrameSize>(source: Source, createCanvas: () => CanvasLike<Source>): FaceImage | null {
  const { videoWidth, videoHeight } = source;
  if (!(videoWidth > 0 && videoHeight > 0)) return null;
  const scale = Math.min(1, MAX_FRAME_WIDTH / videoWidth);
  const canvas = createCanvas();
  try {
    canvas.width = Math.round(videoWidth * scale);
    canvas.height = Math.round(videoHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const dataBase64 = jpegBase64FromDataUrl(canvas.toDataURL('image/jpeg', JPEG_QUALITY));
    return dataBase64 ? { format: 'jpeg', dataBase64 } : null;
  } finally {
    // Resizing a canvas drops its pixels: nothing of the face stays in the page.
    canvas.width = 0;
    canvas.height = 0;
  }
}
