import { createContext, useContext } from 'react';
import type { VoiceGuide } from './voiceGuide.js';

/** The App's voice guide; null outside it (then there is no voice and no toggle). */
export const VoiceContext = createContext<VoiceGuide | null>(null);

export function useVoiceGuide(): VoiceGuide | null {
  return useContext(VoiceContext);
}
