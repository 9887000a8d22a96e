import type { FlagStore } from '../../../electron/shell-electron/rendererRecoveryPolicy.js';

/** An in-memory FlagStore (the GPU software-rendering flag) for tests. */
export class MemoryFlag implements FlagStore {
  constructor(public value = false) {}
  isSet(): boolean {
    return this.value;
  }
  set(): void {
    this.value = true;
  }
}
