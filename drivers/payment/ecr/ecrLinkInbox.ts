/**
 * Link events waiting for the one exchange in progress. The exchange pulls them in order with
 * a deadline; nothing is lost between two pulls because events queue until pulled.
 */
export type EcrLinkEvent =
  | { type: 'ack' }
  | { type: 'nak' }
  | { type: 'frame'; body: Uint8Array }
  /** A frame that arrived damaged (LRC): the peer should be NAKed so it resends. */
  | { type: 'damaged-frame' }
  | { type: 'closed' };

export class EcrLinkInbox {
  private readonly queue: EcrLinkEvent[] = [];
  private waiter: ((event: EcrLinkEvent | 'timeout') => void) | null = null;

  push(event: EcrLinkEvent): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter(event);
    } else {
      this.queue.push(event);
    }
  }

  next(timeoutMs: number): Promise<EcrLinkEvent | 'timeout'> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve('timeout');
      }, timeoutMs);
      this.waiter = (event) => {
        clearTimeout(timer);
        resolve(event);
      };
    });
  }

  clear(): void {
    this.queue.length = 0;
  }
}
