import { createContext, useContext, useSyncExternalStore } from 'react';
import type { VoiceGuide } from './voiceGuide.js';

/** The App's voice guide; null outside it (then there is no voice and no toggle). */
export const VoiceContext = createContext<VoiceGuide | null>(null);

export function useVoiceGuide(): VoiceGuide | null {
  return useContext(VoiceContext);
}

const neverChanges = () => () => undefined;

/** The voice on/off setting, re-rendering on change. */
export function useVoiceEnabled(guide: VoiceGuide | null): boolean {
  return useSyncExternalStore(guide ? guide.subscribe : neverChanges, () => guide?.isEnabled() ?? false);
}
