import { createContext, useContext } from 'react';
import type { FlowOnScreen } from './flowViewTypes.js';

/**
 * The flow the screen shows, for the few parts deep in a screen that depend on which flow it
 * is (the demo buttons); screens get their view as a prop.
 */
export const FlowOnScreenContext = createContext<FlowOnScreen | null>(null);

export function useFlowOnScreen(): FlowOnScreen {
  const flow = useContext(FlowOnScreenContext);
  if (!flow) throw new Error('useFlowOnScreen() used outside <FlowScreen>');
  return flow;
}
