import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import { base64Payload } from './dataUrlPayload.js';

/**
 * The signature pad without React: record strokes from pointer samples, draw them, and turn
 * pad and strokes into flow.signatureCaptured. The canvas and its 2D context are passed in,
 * so the unit tests run it with fakes.
 */

/** [x, y, ms since the stroke's first point], whole numbers, as flow.signatureCaptured carries them. */
export type StrokePoint = [x: number, y: number, ms: number];
export type Stroke = StrokePoint[];
export type SignatureIntent = Extract<Intent, { type: 'flow.signatureCaptured' }>;

/** The bridge contract's limits on flow.signatureCaptured. */
export const MAX_STROKES = 200;
export const MAX_POINTS_PER_STROKE = 5_000;
export const MAX_COORDINATE = 10_000;
export const MAX_STROKE_MS = 600_000;
export const MIN_IMAGE_BASE64_LENGTH = 100;
export const MAX_IMAGE_BASE64_LENGTH = 2_000_000;
/** A pad wider or taller than this (in canvas pixels) is drawn at this size: plenty for a signature, and a small PNG. */
export const MAX_PAD_PIXELS = 3_000;

const INK = '#0b1f44';
const PAPER = '#ffffff';
const LINE_WIDTH = 4;

/** Where the pointer is on the pad, in canvas pixels, and when (event.timeStamp, ms). */
export interface PadSample {
  x: number;
  y: number;
  timeMs: number;
}

export interface Segment {
  from: StrokePoint;
  to: StrokePoint;
}

export interface SignatureRecorder {
  /** The pen touches the pad: a new stroke, and its first point to draw as a dot; null once the pad has taken all it can. */
  begin(sample: PadSample): StrokePoint | null;
  /** The pen moves: the segment to draw; null outside a stroke, for the same point again, or once the stroke is full. */
  extend(sample: PadSample): Segment | null;
  /** The pen lifts (or the pointer is lost). */
  end(): void;
  isEmpty(): boolean;
  /** A copy of every stroke so far. */
  strokes(): Stroke[];
  clear(): void;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export function createSignatureRecorder(): SignatureRecorder {
  let strokes: Stroke[] = [];
  let current: { points: Stroke; startMs: number } | null = null;

  function pointOf(sample: PadSample, startMs: number): StrokePoint {
    return [
      Math.round(clamp(sample.x, 0, MAX_COORDINATE)),
      Math.round(clamp(sample.y, 0, MAX_COORDINATE)),
      Math.round(clamp(sample.timeMs - startMs, 0, MAX_STROKE_MS)),
    ];
  }

  return {
    begin(sample) {
      current = null;
      if (strokes.length >= MAX_STROKES) return null;
      const first = pointOf(sample, sample.timeMs);
      current = { points: [first], startMs: sample.timeMs };
      strokes.push(current.points);
      return first;
    },
    extend(sample) {
      if (!current || current.points.length >= MAX_POINTS_PER_STROKE) return null;
      const previous = current.points[current.points.length - 1]!;
      const next = pointOf(sample, current.startMs);
      // Pointer events repeat a position (a pen held still): nothing to draw or keep.
      if (next[0] === previous[0] && next[1] === previous[1]) return null;
      current.points.push(next);
      return { from: previous, to: next };
    },
    end() {
      current = null;
    },
    isEmpty: () => strokes.length === 0,
    strokes: () => strokes.map((stroke) => stroke.map((point): StrokePoint => [...point])),
    clear() {
      strokes = [];
      current = null;
    },
  };
}

/** The box of the pad on screen, as getBoundingClientRect() gives it. */
export interface PadRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A pointer position (clientX/clientY) in canvas pixels: the canvas may be drawn at another size than it shows. */
export function padPoint(clientX: number, clientY: number, rect: PadRect, canvas: { width: number; height: number }): { x: number; y: number } {
  const scaleX = rect.width > 0 ? canvas.width / rect.width : 1;
  const scaleY = rect.height > 0 ? canvas.height / rect.height : 1;
  return {
    x: clamp((clientX - rect.left) * scaleX, 0, canvas.width),
    y: clamp((clientY - rect.top) * scaleY, 0, canvas.height),
  };
}

export interface PadContextLike {
  /** Written as colour strings here; a real context may also hold a gradient or pattern. */
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  stroke(): void;
  fill(): void;
}

export interface PadCanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): PadContextLike | null;
  toDataURL(type: string): string;
}

/** A blank sheet the size the pad shows at (capped): white, so the PNG reads like paper anywhere. */
export function resetPad(canvas: PadCanvasLike, rect: Pick<PadRect, 'width' | 'height'>): void {
  canvas.width = Math.max(1, Math.min(MAX_PAD_PIXELS, Math.round(rect.width)));
  canvas.height = Math.max(1, Math.min(MAX_PAD_PIXELS, Math.round(rect.height)));
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = PAPER;
  context.fillRect(0, 0, canvas.width, canvas.height);
}

function ink(context: PadContextLike): void {
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineWidth = LINE_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
}

/** A touch without a move still leaves a mark. */
export function drawDot(canvas: PadCanvasLike, point: StrokePoint): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  ink(context);
  context.beginPath();
  context.arc(point[0], point[1], LINE_WIDTH / 2, 0, Math.PI * 2);
  context.fill();
}

export function drawSegment(canvas: PadCanvasLike, segment: Segment): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  ink(context);
  context.beginPath();
  context.moveTo(segment.from[0], segment.from[1]);
  context.lineTo(segment.to[0], segment.to[1]);
  context.stroke();
}

/** The base64 payload of a PNG data: URL within the contract's size limits, or null. */
export function pngBase64FromDataUrl(dataUrl: string): string | null {
  return base64Payload(dataUrl, 'image/png', { min: MIN_IMAGE_BASE64_LENGTH, max: MAX_IMAGE_BASE64_LENGTH });
}

/** The intent for what is on the pad; null while nothing is drawn or the picture cannot be encoded. */
export function signatureIntent(recorder: SignatureRecorder, canvas: PadCanvasLike): SignatureIntent | null {
  if (recorder.isEmpty()) return null;
  const imagePngBase64 = pngBase64FromDataUrl(canvas.toDataURL('image/png'));
  return imagePngBase64 ? { type: 'flow.signatureCaptured', imagePngBase64, strokes: recorder.strokes() } : null;
}
