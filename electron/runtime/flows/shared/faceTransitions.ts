import type { FlowEvent } from '../flowDefinition.js';
import type { SharedStepContext, SharedTarget } from './flowContextParts.js';
import { cancelWith, fault, isText } from './transitionKit.js';

/**
 * Identity by face or by staff, the same in every flow: the citizen's picture is compared
 * (capture-face → compare-face), a failed comparison is retried until the attempts run out,
 * then only the staff path is left. A match or a staff member's PIN leads to `verifiedStep`
 * with the verification the platform will check.
 */
export function faceTransitions<V extends string>(maxFaceAttempts: number, verifiedStep: V) {
  type Transition = (event: FlowEvent, context: SharedStepContext) => SharedTarget<V>;

  const faceFailed = (context: SharedStepContext, code: 'face-no-match' | 'face-service-unavailable'): SharedTarget<V> => {
    const attempts = (context.faceAttempts ?? 0) + 1;
    if (attempts >= maxFaceAttempts) {
      return { to: 'staff-verify', context: { faceAttempts: attempts, faceImage: null, lastFault: fault('compare-face', 'face-attempts-exhausted') } };
    }
    return { to: 'capture-face', context: { faceAttempts: attempts, faceImage: null, lastFault: fault('compare-face', code) } };
  };

  const captureFace: Transition = (event, context) => {
    if (event.type === 'face.captured') {
      const format = event.format === 'png' ? 'png' : event.format === 'jpeg' ? 'jpeg' : null;
      // After the last failed comparison only the staff path is offered.
      if (!isText(event.imageRecord) || !format || (context.faceAttempts ?? 0) >= maxFaceAttempts) return null;
      return { to: 'compare-face', context: { faceImage: { record: event.imageRecord, format } } };
    }
    if (event.type === 'verify.staff') return { to: 'staff-verify', context: { lastFault: null } };
    return event.type === 'timeout' ? cancelWith('capture-face', 'timed-out') : null;
  };

  const compareFace: Transition = (event, context) => {
    switch (event.type) {
      case 'face-matched':
        return isText(event.comparisonId)
          ? { to: verifiedStep, context: { verification: { method: 'face', comparisonId: event.comparisonId }, faceImage: null, lastFault: null } }
          : null;
      case 'face-not-matched':
        return faceFailed(context, 'face-no-match');
      case 'face-unavailable':
      case 'timeout':
      case 'error':
        return faceFailed(context, 'face-service-unavailable');
      case 'face-image-missing':
        return { to: 'capture-face', context: { faceImage: null, lastFault: fault('compare-face', 'face-retake') } };
      case 'identity-lost':
        return cancelWith('compare-face', 'identity-lost', { faceImage: null });
      default:
        return null;
    }
  };

  const staffVerify: Transition = (event) => {
    if (event.type === 'staff.verified' && isText(event.staffId) && event.staffId.length <= 64) {
      return { to: verifiedStep, context: { verification: { method: 'staff-assisted', staffId: event.staffId }, lastFault: null } };
    }
    return event.type === 'timeout' ? cancelWith('staff-verify', 'timed-out') : null;
  };

  return { 'capture-face': captureFace, 'compare-face': compareFace, 'staff-verify': staffVerify };
}
