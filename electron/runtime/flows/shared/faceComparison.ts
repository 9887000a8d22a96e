import type { FaceComparisonResponse } from '../../../platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../platform/platformOutcome.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { LiveFaceImage } from './flowContextParts.js';
import type { CommonFlowServices } from './flowServices.js';

/** The live picture as the platform's face comparison takes it. */
export interface LivePicture {
  format: 'jpeg' | 'png';
  dataBase64: string;
}

/**
 * Runs `compare` on the live face image held in the vault, then deletes the image whatever
 * happened (a match, a failure, an abort, a throw): a face picture lives only as long as its
 * one comparison.
 */
export async function compareLiveFace(
  image: LiveFaceImage | null | undefined,
  services: Pick<CommonFlowServices, 'vault'>,
  signal: AbortSignal,
  compare: (live: LivePicture) => Promise<FlowEvent>,
): Promise<FlowEvent> {
  if (!image) return { type: 'face-image-missing' };
  const discard = () => services.vault.delete(image.record);
  signal.addEventListener('abort', discard, { once: true });
  try {
    const live = services.vault.get<{ dataBase64: string }>(image.record);
    if (!live.ok) return { type: 'face-image-missing' };
    return await compare({ format: image.format, dataBase64: live.value.dataBase64 });
  } finally {
    signal.removeEventListener('abort', discard);
    discard();
  }
}

/** The comparison's answer as the event the shared face transitions decide on. */
export function faceComparisonEvent(outcome: PlatformOutcome<FaceComparisonResponse>): FlowEvent {
  if (outcome.kind !== 'ok') return { type: 'face-unavailable', outcome: outcome.kind };
  if (outcome.value.decision === 'match') return { type: 'face-matched', comparisonId: outcome.value.comparisonId };
  return { type: 'face-not-matched', decision: outcome.value.decision };
}
