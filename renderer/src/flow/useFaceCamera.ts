import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { captureJpegFrame, openCamera, stopCamera, type FaceImage } from './faceCamera.js';

export type CameraState = 'opening' | 'live' | 'unavailable' | 'taken';

export interface FaceCamera {
  state: CameraState;
  videoRef: RefObject<HTMLVideoElement | null>;
  takePhoto(): void;
  /** After a photo: open the camera again for another. */
  reopen(): void;
}

/**
 * The camera for the capture-face screen: opened when the screen mounts (and on reopen),
 * stopped when the photo is taken or the screen goes, whichever comes first.
 */
export function useFaceCamera(onPhoto: (image: FaceImage) => void): FaceCamera {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('opening');
  // Bumped by reopen(): the effect below opens the camera once per value.
  const [generation, setGeneration] = useState(0);

  const release = useCallback(() => {
    stopCamera(streamRef.current);
    streamRef.current = null;
    const video = videoRef.current;
    if (video) video.srcObject = null;
  }, []);

  useEffect(() => {
    let abandoned = false;
    void openCamera(navigator.mediaDevices).then(async (result) => {
      if (abandoned) {
        if (result.ok) stopCamera(result.stream);
        return;
      }
      const video = videoRef.current;
      if (!result.ok || !video) {
        if (result.ok) stopCamera(result.stream);
        setState('unavailable');
        return;
      }
      streamRef.current = result.stream;
      video.srcObject = result.stream;
      try {
        await video.play();
        if (!abandoned) setState('live');
      } catch {
        if (abandoned) return;
        release();
        setState('unavailable');
      }
    });
    return () => {
      abandoned = true;
      release();
    };
  }, [generation, release]);

  const takePhoto = useCallback(() => {
    const video = videoRef.current;
    if (!video || !streamRef.current) return;
    const image = captureJpegFrame<HTMLVideoElement>(video, () => document.createElement('canvas'));
    release();
    if (!image) {
      setState('unavailable');
      return;
    }
    setState('taken');
    onPhoto(image);
  }, [onPhoto, release]);

  const reopen = useCallback(() => {
    setState('opening');
    setGeneration((value) => value + 1);
  }, []);

  return { state, videoRef, takePhoto, reopen };
}
