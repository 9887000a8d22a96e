import { useEffect } from 'react';
import type { Language } from '../../../config/localizedText.js';
import type { FlowOnScreen } from '../flow/flowViewTypes.js';
import type { Translate } from '../i18n/translate.js';
import { useVoiceGuide } from './voiceContext.js';
import { voiceCueFor } from './voicePrompts.js';

/** Says the flow screen's prompt when it appears (or its language changes); silent when the flow screen goes. */
export function useFlowVoice(flow: FlowOnScreen, language: Language, t: Translate): void {
  const guide = useVoiceGuide();
  // Every snapshot is a new object; the guide compares cue keys, so a repeat is not said again.
  useEffect(() => {
    guide?.cue(voiceCueFor(flow, language, t));
  }, [guide, flow, language, t]);
  useEffect(() => () => guide?.cue(null), [guide]);
}
