import { isAppUrl } from './navigationPolicy.js';

/** The parts of an IpcMainInvokeEvent the check reads; a real event satisfies it. */
export interface IpcSenderFacts {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type UntrustedSenderReason = 'no-sender-frame' | 'other-web-contents' | 'sub-frame' | 'other-origin';

export type IpcSenderVerdict =
  | { trusted: true; frameUrl: string }
  | {
      trusted: false;
      reason: UntrustedSenderReason;
      /** A live frame sent it, so it can be told no; a vanished frame gets no answer. */
      answerable: boolean;
    };

/**
 * VS Code's validatedIpcMain rule (security checklist #17): a message is trusted only when
 * it comes from the main frame of the kiosk window, showing a page of the app origin.
 * A frame that has navigated away or been destroyed has senderFrame === null.
 */
export function checkIpcSender(event: IpcSenderFacts, kioskWebContents: unknown): IpcSenderVerdict {
  const frame = event.senderFrame;
  if (frame === null) return { trusted: false, reason: 'no-sender-frame', answerable: false };
  if (kioskWebContents === undefined || event.sender !== kioskWebContents) {
    return { trusted: false, reason: 'other-web-contents', answerable: true };
  }
  if (frame.parent !== null) return { trusted: false, reason: 'sub-frame', answerable: true };
  if (!isAppUrl(frame.url)) return { trusted: false, reason: 'other-origin', answerable: true };
  return { trusted: true, frameUrl: frame.url };
}
