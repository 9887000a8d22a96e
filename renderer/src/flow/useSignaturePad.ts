import { useCallback, useEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { createSignatureRecorder, drawDot, drawSegment, padPoint, resetPad, signatureIntent, type PadSample, type SignatureIntent } from './signaturePad.js';

export interface SignaturePad {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** Something is drawn: Confirm may be offered. */
  hasInk: boolean;
  clear(): void;
  /** What is on the pad as the intent; null while it is empty. */
  intent(): SignatureIntent | null;
  handlers: {
    onPointerDown(event: PointerEvent<HTMLCanvasElement>): void;
    onPointerMove(event: PointerEvent<HTMLCanvasElement>): void;
    onPointerUp(event: PointerEvent<HTMLCanvasElement>): void;
    onPointerCancel(event: PointerEvent<HTMLCanvasElement>): void;
  };
}

/**
 * The signing canvas: one pointer at a time (a resting palm does not draw), every stroke
 * kept with its timing, the pad white again on Clear. The strokes live in a ref, not in
 * state: a pointer move must not re-render the screen.
 */
export function useSignaturePad(): SignaturePad {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const recorderRef = useRef(createSignatureRecorder());
  const activePointer = useRef<number | null>(null);
  const [hasInk, setHasInk] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas) resetPad(canvas, canvas.getBoundingClientRect());
  }, []);

  const sampleOf = useCallback((canvas: HTMLCanvasElement, event: { clientX: number; clientY: number; timeStamp: number }): PadSample => {
    return { ...padPoint(event.clientX, event.clientY, canvas.getBoundingClientRect(), canvas), timeMs: event.timeStamp };
  }, []);

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLCanvasElement>) => {
      const canvas = canvasRef.current;
      if (!canvas || activePointer.current !== null) return;
      event.preventDefault();
      canvas.setPointerCapture?.(event.pointerId);
      activePointer.current = event.pointerId;
      const dot = recorderRef.current.begin(sampleOf(canvas, event));
      if (!dot) return;
      drawDot(canvas, dot);
      setHasInk(true);
    },
    [sampleOf],
  );

  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLCanvasElement>) => {
      const canvas = canvasRef.current;
      if (!canvas || event.pointerId !== activePointer.current) return;
      // A fast pen moves further between frames than one event says: the coalesced ones fill the gaps.
      const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? [];
      for (const sample of coalesced.length > 0 ? coalesced : [event]) {
        const segment = recorderRef.current.extend(sampleOf(canvas, sample));
        if (segment) drawSegment(canvas, segment);
      }
    },
    [sampleOf],
  );

  const onPointerEnd = useCallback((event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointer.current) return;
    activePointer.current = null;
    recorderRef.current.end();
  }, []);

  const clear = useCallback(() => {
    recorderRef.current.clear();
    activePointer.current = null;
    const canvas = canvasRef.current;
    if (canvas) resetPad(canvas, canvas.getBoundingClientRect());
    setHasInk(false);
  }, []);

  const intent = useCallback(() => {
    const canvas = canvasRef.current;
    return canvas ? signatureIntent(recorderRef.current, canvas) : null;
  }, []);

  return { canvasRef, hasInk, clear, intent, handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd } };
}
