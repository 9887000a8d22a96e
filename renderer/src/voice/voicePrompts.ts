import type { Language } from '../../../config/localizedText.js';
import type { MessageKey, Translate } from '../i18n/translate.js';
import { pickText } from '../i18n/pickText.js';
import type { EndorsementView, FlowOnScreen, PropertyView } from '../flow/flowViewTypes.js';
import { currentRoleName, propertyOutcomeKey } from '../flow/propertyLabels.js';
import type { VoiceCue } from './voiceGuide.js';

/**
 * What the voice says on each flow screen: the screen's one instruction (the same words as
 * on screen), preceded by the fault when there is one. Busy screens stay quiet unless
 * something went wrong: the spinner and its line say enough.
 */

function withReceipt(outcome: MessageKey, receipt: 'printed' | 'kept-for-staff' | null): MessageKey[] {
  if (receipt === 'printed') return [outcome, 'flow.result.receiptPrinted'];
  if (receipt === 'kept-for-staff') return [outcome, 'flow.result.receiptKept'];
  return [outcome];
}

/** The screens both flows show with the same shape say the same words in both (busy: nothing). */
const SHARED_SCREEN_PROMPTS = {
  busy: null,
  'capture-face': 'flow.face.instruction',
  'staff-verify': 'flow.staff.instruction',
  'choose-payment': 'flow.pay.instruction',
  'scan-code': 'flow.scan.instruction',
  'show-qr': 'flow.qr.instruction',
  rate: 'flow.rate.instruction',
} as const satisfies Record<string, MessageKey | null>;

type SharedScreen = keyof typeof SHARED_SCREEN_PROMPTS;

function isSharedScreen<V extends { screen: string }>(view: V): view is Extract<V, { screen: SharedScreen }> {
  return Object.hasOwn(SHARED_SCREEN_PROMPTS, view.screen);
}

function sharedPrompts(screen: SharedScreen, t: Translate): string[] {
  const key = SHARED_SCREEN_PROMPTS[screen];
  return key === null ? [] : [t(key)];
}

function endorsementPrompts(view: EndorsementView, t: Translate): string[] {
  if (isSharedScreen(view)) return sharedPrompts(view.screen, t);
  switch (view.screen) {
    case 'insert-permit':
      return [t('flow.permit.instruction')];
    case 'insert-id-card':
      return [t('flow.idCard.instruction')];
    case 'choose-endorsement':
      return [t(view.choices.length > 0 ? 'flow.choose.instruction' : 'flow.choose.none')];
    case 'result':
      return withReceipt(`flow.result.${view.outcome}`, view.receipt).map((key) => t(key));
  }
}

function propertyPrompts(view: PropertyView, t: Translate): string[] {
  if (isSharedScreen(view)) return sharedPrompts(view.screen, t);
  switch (view.screen) {
    case 'find-case':
      return [t('property.find.instruction')];
    case 'review-case':
      return [t('property.review.instruction')];
    case 'insert-id-card':
      return [t('property.idCard.instruction', { role: currentRoleName(view.parties, view.currentPartyId, t) })];
    case 'sign':
      return [t('property.sign.instruction', { role: currentRoleName(view.parties, view.currentPartyId, t) })];
    case 'review-fees':
      return [t('property.fees.instruction')];
    case 'choose-delivery':
      return [t('property.delivery.instruction')];
    case 'result':
      return withReceipt(propertyOutcomeKey(view.outcome), view.receipt).map((key) => t(key));
  }
}

/** The screen's own instruction, in the UI language, exactly as the screen shows it. */
export function promptsFor(flow: FlowOnScreen, t: Translate): string[] {
  return flow.kind === 'exit-entry-endorsement' ? endorsementPrompts(flow.view, t) : propertyPrompts(flow.view, t);
}

const SENTENCE_END = /[。！？.!?]$/;

/** Sentences as one utterance, each ended properly so the engine pauses between them. */
export function joinSentences(sentences: readonly string[], language: Language): string {
  const stop = language === 'zh-CN' ? '。' : '.';
  const ended = sentences.map((sentence) => sentence.trim()).filter((sentence) => sentence !== '').map((sentence) => (SENTENCE_END.test(sentence) ? sentence : sentence + stop));
  return ended.join(language === 'zh-CN' ? '' : ' ');
}

/** A retry of the same step (second read, another photo), or the next party's turn, is a new screen for the ear too. */
function repeatMarker(flow: FlowOnScreen): string {
  const view = flow.view;
  const party = flow.kind === 'property-transfer' ? (flow.view.currentPartyId ?? '') : '';
  if (view.screen === 'insert-permit' || view.screen === 'insert-id-card' || view.screen === 'find-case') return `${party}|${view.attempt}`;
  if (view.screen === 'capture-face') return `${party}|${view.attemptsLeft}`;
  return party;
}

export function voiceCueFor(flow: FlowOnScreen, language: Language, t: Translate): VoiceCue | null {
  const view = flow.view;
  const sentences = [...(view.fault ? [pickText(view.fault.message, language)] : []), ...promptsFor(flow, t)];
  if (sentences.length === 0) return null;
  const text = joinSentences(sentences, language);
  return { key: `${view.step}|${view.screen}|${repeatMarker(flow)}|${text}`, text, language };
}
