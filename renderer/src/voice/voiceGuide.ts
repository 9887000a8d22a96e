import type { Language } from '../../../config/localizedText.js';

/**
 * Spoken guidance: one short prompt per flow screen, in the UI language, switchable. The
 * speech engine is a port, so the logic (what is said when, what the toggle does) is tested
 * with a fake; browserSpeechPort() adapts window.speechSynthesis.
 */

export interface SpeechPort {
  speak(text: string, language: Language): void;
  /** Stops what is being said and drops anything queued. */
  cancel(): void;
}

/** What to say for the screen on show. `key` identifies it: the same key is not said twice in a row. */
export interface VoiceCue {
  key: string;
  text: string;
  language: Language;
}

export interface VoiceGuide {
  /** False when this browser cannot speak: the toggle is not shown then. */
  readonly available: boolean;
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
  /** The screen changed: say its cue (once), or fall silent for null. */
  cue(cue: VoiceCue | null): void;
  /** A new citizen: stop speaking and forget the last cue (the on/off setting is the runtime's). */
  reset(): void;
}

export interface VoiceGuideOptions {
  enabledByDefault: boolean;
}

/** Whether a new guide speaks before it is told otherwise (the App follows the runtime's `ui.voice`, config `ui.voiceDefault`). */
export const DEFAULT_VOICE_OPTIONS: VoiceGuideOptions = { enabledByDefault: true };

export function createVoiceGuide(port: SpeechPort | null, options: VoiceGuideOptions = DEFAULT_VOICE_OPTIONS): VoiceGuide {
  let enabled = options.enabledByDefault;
  let current: VoiceCue | null = null;
  let lastSpokenKey: string | null = null;

  // A speech engine that throws must never take a screen down with it.
  function safely(action: (speech: SpeechPort) => void): void {
    if (!port) return;
    try {
      action(port);
    } catch {
      // Nothing to do: the screen shows the same words.
    }
  }

  function speakCurrent(): void {
    if (!enabled || !current) return;
    const cue = current;
    lastSpokenKey = cue.key;
    safely((speech) => {
      speech.cancel();
      speech.speak(cue.text, cue.language);
    });
  }

  return {
    available: port !== null,
    isEnabled: () => enabled,
    setEnabled(next) {
      if (next === enabled) return;
      enabled = next;
      if (enabled) speakCurrent();
      else safely((speech) => speech.cancel());
    },
    cue(cue) {
      current = cue;
      if (!cue) {
        if (lastSpokenKey !== null) safely((speech) => speech.cancel());
        lastSpokenKey = null;
        return;
      }
      if (cue.key === lastSpokenKey) return;
      if (enabled) speakCurrent();
    },
    reset() {
      current = null;
      lastSpokenKey = null;
      safely((speech) => speech.cancel());
    },
  };
}

/** The parts of the Web Speech API used here (window satisfies it). */
export interface SpeechScope {
  speechSynthesis?: {
    speak(utterance: never): void;
    cancel(): void;
    getVoices(): ReadonlyArray<{ lang: string }>;
  };
  SpeechSynthesisUtterance?: new (text?: string) => { lang: string; rate: number; voice: unknown };
}

const SPEECH_LANG: Readonly<Record<Language, string>> = { 'zh-CN': 'zh-CN', en: 'en-GB' };
// A little slower than the engines' default: many citizens at a kiosk are elderly.
const SPEECH_RATE = 0.9;

/** A voice for the language: the exact locale if installed, else any of the same language. */
export function pickVoice<V extends { lang: string }>(voices: ReadonlyArray<V>, language: Language): V | null {
  const wanted = SPEECH_LANG[language].toLowerCase();
  const normalized = (voice: V) => voice.lang.replace('_', '-').toLowerCase();
  const base = wanted.split('-')[0] ?? wanted;
  return voices.find((voice) => normalized(voice) === wanted) ?? voices.find((voice) => normalized(voice).split('-')[0] === base) ?? null;
}

export function browserSpeechPort(scope: SpeechScope): SpeechPort | null {
  const synthesis = scope.speechSynthesis;
  const Utterance = scope.SpeechSynthesisUtterance;
  if (!synthesis || !Utterance) return null;
  return {
    speak(text, language) {
      const utterance = new Utterance(text);
      utterance.lang = SPEECH_LANG[language];
      utterance.rate = SPEECH_RATE;
      const voice = pickVoice(synthesis.getVoices(), language);
      if (voice) utterance.voice = voice;
      synthesis.speak(utterance as never);
    },
    cancel() {
      synthesis.cancel();
    },
  };
}
