import { useEffect, useState } from 'react';

/** True once `condition` has held for `delayMs` without interruption; false as soon as it stops. */
export function useDelayedFlag(condition: boolean, delayMs: number): boolean {
  const [raised, setRaised] = useState(false);
  useEffect(() => {
    if (!condition) {
      setRaised(false);
      return;
    }
    const timer = setTimeout(() => setRaised(true), delayMs);
    return () => clearTimeout(timer);
  }, [condition, delayMs]);
  return condition && raised;
}
