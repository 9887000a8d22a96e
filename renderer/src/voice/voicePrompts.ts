import type { Language } from '../../../config/localizedText.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { pickText } from '../i18n/pickText.js';
import type { FlowView } from '../flow/flowViewTypes.js';
import type { VoiceCue } from './voiceGuide.js';

/**
 * What the voice says on each flow screen: the screen's one instruction (the same words as
 * on screen), preceded by the fault when there is one. Busy screens stay quiet unless
 * something went wrong: the spinner and its line say enough.
 */
export function promptKeysFor(view: FlowView): MessageKey[] {
  switch (view.screen) {
    case 'busy':
      return [];
    case 'insert-permit':
      return ['flow.permit.instruction'];
    case 'insert-id-card':
      return ['flow.idCard.instruction'];
    case 'capture-face':
      return ['flow.face.instruction'];
    case 'staff-verify':
      return ['flow.staff.instruction'];
    case 'choose-endorsement':
      return [view.choices.length > 0 ? 'flow.choose.instruction' : 'flow.choose.none'];
    case 'choose-payment':
      return ['flow.pay.instruction'];
    case 'scan-code':
      return ['flow.scan.instruction'];
    case 'rate':
      return ['flow.rate.instruction'];
    case 'result': {
      const outcome: MessageKey = `flow.result.${view.outcome}`;
      if (view.receipt === 'printed') return [outcome, 'flow.result.receiptPrinted'];
      if (view.receipt === 'kept-for-staff') return [outcome, 'flow.result.receiptKept'];
      return [outcome];
    }
  }
}

const SENTENCE_END = /[。！？.!?]$/;

/** Sentences as one utterance, each ended properly so the engine pauses between them. */
export function joinSentences(sentences: readonly string[], language: Language): string {
  const stop = language === 'zh-CN' ? '。' : '.';
  const ended = sentences.map((sentence) => sentence.trim()).filter((sentence) => sentence !== '').map((sentence) => (SENTENCE_END.test(sentence) ? sentence : sentence + stop));
  return ended.join(language === 'zh-CN' ? '' : ' ');
}

/** A retry of the same step (second read, another photo) is a new screen for the ear too. */
function attemptMarker(view: FlowView): string {
  if (view.screen === 'insert-permit' || view.screen === 'insert-id-card') return String(view.attempt);
  if (view.screen === 'capture-face') return String(view.attemptsLeft);
  return '';
}

export function voiceCueFor(view: FlowView, language: Language, t: Translate): VoiceCue | null {
  const sentences = [...(view.fault ? [pickText(view.fault.message, language)] : []), ...promptKeysFor(view).map((key) => t(key))];
  if (sentences.length === 0) return null;
  const text = joinSentences(sentences, language);
  return { key: `${view.step}|${view.screen}|${attemptMarker(view)}|${text}`, text, language };
}
