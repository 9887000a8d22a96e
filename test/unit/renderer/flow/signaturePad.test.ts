import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../electron/bridge/bridgeContract.js';
import {
  createSignatureRecorder,
  drawDot,
  drawSegment,
  MAX_PAD_PIXELS,
  MAX_POINTS_PER_STROKE,
  MAX_STROKE_MS,
  MAX_STROKES,
  padPoint,
  pngBase64FromDataUrl,
  resetPad,
  signatureIntent,
  type PadCanvasLike,
  type PadContextLike,
} from '../../../../renderer/src/flow/signaturePad.js';

const PNG_BASE64 = 'iVBORw0KGgo' + 'A'.repeat(300);

/** A 2D context that records the calls that draw, with the ink they were drawn in. */
class FakeContext implements PadContextLike {
  fillStyle: string | object = '';
  strokeStyle: string | object = '';
  lineWidth = 1;
  lineCap = 'butt';
  lineJoin = 'miter';
  readonly calls: string[] = [];
  fillRect(x: number, y: number, width: number, height: number) {
    this.calls.push(`fillRect ${x},${y},${width},${height} ${String(this.fillStyle)}`);
  }
  beginPath() {
    this.calls.push('beginPath');
  }
  moveTo(x: number, y: number) {
    this.calls.push(`moveTo ${x},${y}`);
  }
  lineTo(x: number, y: number) {
    this.calls.push(`lineTo ${x},${y}`);
  }
  arc(x: number, y: number, radius: number) {
    this.calls.push(`arc ${x},${y},${radius}`);
  }
  stroke() {
    this.calls.push(`stroke ${String(this.strokeStyle)} ${this.lineWidth} ${this.lineCap}`);
  }
  fill() {
    this.calls.push(`fill ${String(this.fillStyle)}`);
  }
}

class FakeCanvas implements PadCanvasLike {
  width = 300;
  height = 150;
  readonly context = new FakeContext();
  encodedAs: string | null = null;
  constructor(private readonly dataUrl = `data:image/png;base64,${PNG_BASE64}`) {}
  getContext() {
    return this.context;
  }
  toDataURL(type: string) {
    this.encodedAs = type;
    return this.dataUrl;
  }
}

describe('signature recorder', () => {
  it('keeps each stroke as whole-number [x, y, ms since the stroke began] points', () => {
    const recorder = createSignatureRecorder();
    expect(recorder.begin({ x: 10.4, y: 20.6, timeMs: 1000.2 })).toEqual([10, 21, 0]);
    expect(recorder.extend({ x: 15.5, y: 22.49, timeMs: 1016.7 })).toEqual({ from: [10, 21, 0], to: [16, 22, 17] });
    recorder.end();
    expect(recorder.begin({ x: 100, y: 5, timeMs: 5000 })).toEqual([100, 5, 0]);
    recorder.extend({ x: 104, y: 9, timeMs: 5032 });
    recorder.end();
    expect(recorder.strokes()).toEqual([
      [
        [10, 21, 0],
        [16, 22, 17],
      ],
      [
        [100, 5, 0],
        [104, 9, 32],
      ],
    ]);
  });

  it('ignores moves outside a stroke and repeats of the same point', () => {
    const recorder = createSignatureRecorder();
    expect(recorder.extend({ x: 1, y: 1, timeMs: 0 })).toBeNull();
    expect(recorder.isEmpty()).toBe(true);
    recorder.begin({ x: 50, y: 50, timeMs: 0 });
    expect(recorder.extend({ x: 50.2, y: 49.8, timeMs: 40 })).toBeNull();
    recorder.end();
    expect(recorder.extend({ x: 60, y: 60, timeMs: 50 })).toBeNull();
    expect(recorder.strokes()).toEqual([[[50, 50, 0]]]);
  });

  it('keeps every number within the bridge contract', () => {
    const recorder = createSignatureRecorder();
    recorder.begin({ x: -5, y: 20_000, timeMs: 10 });
    recorder.extend({ x: 3, y: 4, timeMs: 5 }); // a clock that went backwards
    recorder.extend({ x: 9, y: 9, timeMs: 10 + MAX_STROKE_MS * 2 });
    expect(recorder.strokes()).toEqual([
      [
        [0, 10_000, 0],
        [3, 4, 0],
        [9, 9, MAX_STROKE_MS],
      ],
    ]);
  });

  it('stops taking points and strokes at the contract’s limits, keeping what it has', () => {
    const recorder = createSignatureRecorder();
    recorder.begin({ x: 0, y: 0, timeMs: 0 });
    for (let index = 1; index < MAX_POINTS_PER_STROKE + 50; index++) recorder.extend({ x: index % 1000, y: Math.floor(index / 1000), timeMs: index });
    expect(recorder.strokes()[0]).toHaveLength(MAX_POINTS_PER_STROKE);
    recorder.end();
    for (let index = 1; index < MAX_STROKES + 10; index++) {
      recorder.begin({ x: index, y: index, timeMs: 0 });
      recorder.end();
    }
    expect(recorder.strokes()).toHaveLength(MAX_STROKES);
    expect(recorder.begin({ x: 1, y: 1, timeMs: 0 })).toBeNull();
    expect(recorder.extend({ x: 2, y: 2, timeMs: 1 })).toBeNull();
  });

  it('hands out copies and starts again empty after clear', () => {
    const recorder = createSignatureRecorder();
    recorder.begin({ x: 1, y: 2, timeMs: 0 });
    const copy = recorder.strokes();
    copy[0]![0]![0] = 999;
    expect(recorder.strokes()[0]![0]).toEqual([1, 2, 0]);
    recorder.clear();
    expect(recorder.isEmpty()).toBe(true);
    expect(recorder.extend({ x: 5, y: 5, timeMs: 1 })).toBeNull();
  });
});

describe('pad geometry and drawing', () => {
  it('maps a pointer to canvas pixels when the canvas shows at another size', () => {
    const rect = { left: 100, top: 50, width: 400, height: 200 };
    expect(padPoint(300, 150, rect, { width: 800, height: 400 })).toEqual({ x: 400, y: 200 });
    // A pointer captured outside the pad still lands on its edge.
    expect(padPoint(50, 1000, rect, { width: 800, height: 400 })).toEqual({ x: 0, y: 400 });
  });

  it('starts a white sheet the size the pad shows at, capped', () => {
    const canvas = new FakeCanvas();
    resetPad(canvas, { width: 1200.4, height: 380.6 });
    expect([canvas.width, canvas.height]).toEqual([1200, 381]);
    expect(canvas.context.calls).toEqual(['fillRect 0,0,1200,381 #ffffff']);
    resetPad(canvas, { width: 50_000, height: 0 });
    expect([canvas.width, canvas.height]).toEqual([MAX_PAD_PIXELS, 1]);
  });

  it('draws a segment and a dot in ink, with round ends', () => {
    const canvas = new FakeCanvas();
    drawSegment(canvas, { from: [1, 2, 0], to: [30, 40, 16] });
    drawDot(canvas, [5, 6, 0]);
    expect(canvas.context.calls).toEqual(['beginPath', 'moveTo 1,2', 'lineTo 30,40', 'stroke #0b1f44 4 round', 'beginPath', 'arc 5,6,2', 'fill #0b1f44']);
  });
});

describe('signature intent', () => {
  it('is null until something is drawn', () => {
    expect(signatureIntent(createSignatureRecorder(), new FakeCanvas())).toBeNull();
  });

  it('carries the PNG without its data: prefix and the strokes, as the bridge accepts', () => {
    const recorder = createSignatureRecorder();
    recorder.begin({ x: 10, y: 10, timeMs: 0 });
    recorder.extend({ x: 20, y: 15, timeMs: 12 });
    recorder.end();
    const canvas = new FakeCanvas();
    const intent = signatureIntent(recorder, canvas)!;
    expect(canvas.encodedAs).toBe('image/png');
    expect(intent).toEqual({
      type: 'flow.signatureCaptured',
      imagePngBase64: PNG_BASE64,
      strokes: [
        [
          [10, 10, 0],
          [20, 15, 12],
        ],
      ],
    });
    expect(intentSchema.safeParse(intent).success).toBe(true);
  });

  it('is null when the canvas does not give a PNG within the limits', () => {
    const recorder = createSignatureRecorder();
    recorder.begin({ x: 1, y: 1, timeMs: 0 });
    expect(signatureIntent(recorder, new FakeCanvas(`data:image/jpeg;base64,${PNG_BASE64}`))).toBeNull();
    expect(signatureIntent(recorder, new FakeCanvas('data:,'))).toBeNull();
  });

  it('reads only well-formed PNG payloads', () => {
    expect(pngBase64FromDataUrl(`data:image/png;base64,${PNG_BASE64}`)).toBe(PNG_BASE64);
    expect(pngBase64FromDataUrl('data:image/png;base64,iVBOR')).toBeNull();
    expect(pngBase64FromDataUrl(`data:image/png;base64,${PNG_BASE64}!`)).toBeNull();
  });
});
