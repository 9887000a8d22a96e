import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../electron/bridge/bridgeContract.js';
import {
  captureJpegFrame,
  jpegBase64FromDataUrl,
  MAX_FRAME_WIDTH,
  openCamera,
  stopCamera,
  type CanvasLike,
} from '../../../../renderer/src/flow/faceCamera.js';

class FakeTrack {
  stopped = 0;
  stop() {
    this.stopped++;
  }
}

class FakeStream {
  readonly tracks = [new FakeTrack()];
  getTracks() {
    return this.tracks;
  }
}

const namedError = (name: string) => Object.assign(new Error(name), { name });

interface FakeVideo {
  videoWidth: number;
  videoHeight: number;
}

/** A canvas that records what was drawn and hands back a fixed data: URL. */
class FakeCanvas implements CanvasLike<FakeVideo> {
  width = 300;
  height = 150;
  readonly draws: Array<{ source: FakeVideo; width: number; height: number }> = [];
  encodedAs: { type: string; quality: number | undefined } | null = null;
  constructor(
    private readonly dataUrl: string,
    private readonly hasContext = true,
  ) {}
  getContext() {
    return this.hasContext ? { drawImage: (source: FakeVideo, _x: number, _y: number, width: number, height: number) => void this.draws.push({ source, width, height }) } : null;
  }
  toDataURL(type: string, quality?: number) {
    this.encodedAs = { type, quality };
    // What a real canvas would encode: the size it had when asked.
    return this.width > 0 ? this.dataUrl : 'data:,';
  }
}

const JPEG_BASE64 = '/9j/' + 'A'.repeat(400);

describe('openCamera', () => {
  it('asks for video only and hands back the stream', async () => {
    const stream = new FakeStream();
    const asked: unknown[] = [];
    const result = await openCamera({ getUserMedia: async (constraints) => (asked.push(constraints), stream) });
    expect(result).toEqual({ ok: true, stream });
    expect(asked).toEqual([{ video: true }]);
  });

  it('reports a browser without cameras as unsupported', async () => {
    expect(await openCamera(undefined)).toEqual({ ok: false, problem: 'unsupported' });
  });

  it('tells a refused permission, a missing camera, a camera in use and anything else apart', async () => {
    const failingWith = (error: unknown) => openCamera({ getUserMedia: () => Promise.reject(error) });
    expect(await failingWith(namedError('NotAllowedError'))).toEqual({ ok: false, problem: 'denied' });
    expect(await failingWith(namedError('NotFoundError'))).toEqual({ ok: false, problem: 'no-camera' });
    expect(await failingWith(namedError('NotReadableError'))).toEqual({ ok: false, problem: 'in-use' });
    expect(await failingWith(namedError('TypeError'))).toEqual({ ok: false, problem: 'failed' });
    expect(await failingWith('not even an error')).toEqual({ ok: false, problem: 'failed' });
  });
});

describe('stopCamera', () => {
  it('stops every track, and tolerates no stream', () => {
    const stream = new FakeStream();
    stream.tracks.push(new FakeTrack());
    stopCamera(stream);
    expect(stream.tracks.map((track) => track.stopped)).toEqual([1, 1]);
    expect(() => stopCamera(null)).not.toThrow();
  });
});

describe('captureJpegFrame', () => {
  it('draws the frame at its size, encodes JPEG and returns the base64 the bridge accepts', () => {
    const video = { videoWidth: 640, videoHeight: 480 };
    const canvas = new FakeCanvas(`data:image/jpeg;base64,${JPEG_BASE64}`);
    const image = captureJpegFrame(video, () => canvas);
    expect(image).toEqual({ format: 'jpeg', dataBase64: JPEG_BASE64 });
    expect(canvas.draws).toEqual([{ source: video, width: 640, height: 480 }]);
    expect(canvas.encodedAs?.type).toBe('image/jpeg');
    expect(intentSchema.safeParse({ type: 'flow.faceCaptured', ...image }).success).toBe(true);
  });

  it('keeps no copy: the canvas is emptied afterwards', () => {
    const canvas = new FakeCanvas(`data:image/jpeg;base64,${JPEG_BASE64}`);
    captureJpegFrame({ videoWidth: 640, videoHeight: 480 }, () => canvas);
    expect([canvas.width, canvas.height]).toEqual([0, 0]);
  });

  it('scales a wide frame down, keeping its proportions', () => {
    const canvas = new FakeCanvas(`data:image/jpeg;base64,${JPEG_BASE64}`);
    captureJpegFrame({ videoWidth: 2560, videoHeight: 1440 }, () => canvas);
    expect(canvas.draws[0]).toMatchObject({ width: MAX_FRAME_WIDTH, height: 720 });
  });

  it('returns null before the first frame, without touching a canvas', () => {
    let created = 0;
    expect(captureJpegFrame({ videoWidth: 0, videoHeight: 0 }, () => (created++, new FakeCanvas('')))).toBeNull();
    expect(created).toBe(0);
  });

  it('returns null when the browser encoded something other than JPEG, or has no 2D context', () => {
    const png = new FakeCanvas(`data:image/png;base64,${'iVBORw0KGgo' + 'A'.repeat(400)}`);
    expect(captureJpegFrame({ videoWidth: 640, videoHeight: 480 }, () => png)).toBeNull();
    expect(png.width).toBe(0);
    const noContext = new FakeCanvas(`data:image/jpeg;base64,${JPEG_BASE64}`, false);
    expect(captureJpegFrame({ videoWidth: 640, videoHeight: 480 }, () => noContext)).toBeNull();
    expect(noContext.width).toBe(0);
  });
});

describe('jpegBase64FromDataUrl', () => {
  it('refuses payloads outside the contract: too short, too long, not base64', () => {
    expect(jpegBase64FromDataUrl('data:image/jpeg;base64,/9j/AAAA')).toBeNull();
    expect(jpegBase64FromDataUrl(`data:image/jpeg;base64,${'A'.repeat(2_800_004)}`)).toBeNull();
    expect(jpegBase64FromDataUrl(`data:image/jpeg;base64,${'A'.repeat(200)}!`)).toBeNull();
    expect(jpegBase64FromDataUrl(`data:image/jpeg;base64,${JPEG_BASE64}`)).toBe(JPEG_BASE64);
  });
});
