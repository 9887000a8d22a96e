import { describe, expect, it } from 'vitest';
import type { Language } from '../../../../config/localizedText.js';
import { browserSpeechPort, createVoiceGuide, pickVoice, type SpeechPort, type VoiceCue } from '../../../../renderer/src/voice/voiceGuide.js';

/** Records what would have been said. */
class FakeSpeech implements SpeechPort {
  readonly said: Array<{ text: string; language: Language }> = [];
  cancels = 0;
  speak(text: string, language: Language) {
    this.said.push({ text, language });
  }
  cancel() {
    this.cancels++;
  }
}

const cue = (key: string, text = key, language: Language = 'zh-CN'): VoiceCue => ({ key, text, language });

describe('voice guide', () => {
  it('says each new cue once, stopping whatever was being said', () => {
    const speech = new FakeSpeech();
    const guide = createVoiceGuide(speech, { enabledByDefault: true });
    guide.cue(cue('a', '请将通行证放在识读区'));
    guide.cue(cue('a', '请将通行证放在识读区'));
    guide.cue(cue('b', 'Place your ID card', 'en'));
    expect(speech.said).toEqual([
      { text: '请将通行证放在识读区', language: 'zh-CN' },
      { text: 'Place your ID card', language: 'en' },
    ]);
    expect(speech.cancels).toBe(2);
  });

  it('says nothing while switched off, and the current cue when switched on', () => {
    const speech = new FakeSpeech();
    const guide = createVoiceGuide(speech, { enabledByDefault: false });
    guide.cue(cue('a'));
    expect(speech.said).toEqual([]);
    guide.setEnabled(true);
    expect(speech.said.map((s) => s.text)).toEqual(['a']);
    guide.cue(cue('a'));
    expect(speech.said).toHaveLength(1);
  });

  it('stops talking at once when switched off', () => {
    const speech = new FakeSpeech();
    const guide = createVoiceGuide(speech, { enabledByDefault: true });
    guide.cue(cue('a'));
    const cancelsBefore = speech.cancels;
    guide.setEnabled(false);
    expect(speech.cancels).toBe(cancelsBefore + 1);
    guide.cue(cue('b'));
    expect(speech.said.map((s) => s.text)).toEqual(['a']);
  });

  it('repeats nothing when told the setting it already has (the runtime sends it with every snapshot)', () => {
    const speech = new FakeSpeech();
    const guide = createVoiceGuide(speech, { enabledByDefault: true });
    guide.cue(cue('a'));
    guide.setEnabled(true);
    guide.setEnabled(true);
    expect(speech.said.map((s) => s.text)).toEqual(['a']);
    expect(guide.isEnabled()).toBe(true);
  });

  it('falls silent on a null cue and says the same screen again after one', () => {
    const speech = new FakeSpeech();
    const guide = createVoiceGuide(speech, { enabledByDefault: true });
    guide.cue(cue('a'));
    guide.cue(null);
    expect(speech.cancels).toBe(2);
    guide.cue(cue('a'));
    expect(speech.said.map((s) => s.text)).toEqual(['a', 'a']);
  });

  it('reset stops speaking and forgets the last cue, and leaves the setting to the runtime', () => {
    const speech = new FakeSpeech();
    const guide = createVoiceGuide(speech, { enabledByDefault: true });
    guide.cue(cue('a'));
    const cancelsBefore = speech.cancels;
    guide.setEnabled(false);
    guide.reset();
    expect(speech.cancels).toBeGreaterThan(cancelsBefore);
    expect(guide.isEnabled()).toBe(false);
    guide.setEnabled(true);
    // Nothing to repeat: the cue belonged to the previous citizen.
    expect(speech.said.map((s) => s.text)).toEqual(['a']);
  });

  it('is unavailable without a speech engine, and then never throws', () => {
    const guide = createVoiceGuide(null, { enabledByDefault: true });
    expect(guide.available).toBe(false);
    expect(() => {
      guide.cue(cue('a'));
      guide.setEnabled(false);
      guide.reset();
    }).not.toThrow();
  });

  it('survives a speech engine that throws', () => {
    const guide = createVoiceGuide(
      {
        speak() {
          throw new Error('engine gone');
        },
        cancel() {
          throw new Error('engine gone');
        },
      },
      { enabledByDefault: true },
    );
    expect(() => guide.cue(cue('a'))).not.toThrow();
  });
});

describe('browser speech port', () => {
  class FakeUtterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    constructor(readonly text?: string) {}
  }

  it('speaks in the UI language, a little slowly, with a matching voice when there is one', () => {
    const spoken: FakeUtterance[] = [];
    const voices = [{ lang: 'en-US', name: 'us' }, { lang: 'zh_CN', name: 'zh' }];
    const port = browserSpeechPort({
      speechSynthesis: { speak: (utterance: never) => void spoken.push(utterance), cancel: () => undefined, getVoices: () => voices },
      SpeechSynthesisUtterance: FakeUtterance,
    })!;
    port.speak('请稍候', 'zh-CN');
    port.speak('Please wait', 'en');
    expect(spoken.map((u) => [u.text, u.lang, (u.voice as { name: string } | null)?.name])).toEqual([
      ['请稍候', 'zh-CN', 'zh'],
      ['Please wait', 'en-GB', 'us'],
    ]);
    expect(spoken[0]!.rate).toBeLessThan(1);
  });

  it('is null where the browser has no speech synthesis', () => {
    expect(browserSpeechPort({})).toBeNull();
  });

  it('prefers the exact locale over another of the same language', () => {
    expect(pickVoice([{ lang: 'en-US' }, { lang: 'en-GB' }], 'en')).toEqual({ lang: 'en-GB' });
    expect(pickVoice([{ lang: 'fr-FR' }], 'zh-CN')).toBeNull();
  });
});
