import { useCallback, useEffect, useState } from 'react';
import { disablePush, enablePush, readPushState, type PushState } from './pushSubscription';

export interface PushControls {
  /** null while the state is being read. */
  state: PushState | null;
  busy: boolean;
  error: string | null;
  enable(): Promise<void>;
  disable(): Promise<void>;
}

export function usePushState(): PushControls {
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let mounted = true;
    readPushState().then(
      (value) => mounted && setState(value),
      () => mounted && setState('unsupported'),
    );
    return () => {
      mounted = false;
    };
  }, []);

  const run = useCallback(async (action: () => Promise<PushState>, failure: string) => {
    setBusy(true);
    setError(null);
    try {
      setState(await action());
    } catch {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    state,
    busy,
    error,
    enable: () => run(enablePush, 'לא הצלחנו להפעיל התראות בדפדפן זה. נסו שוב.'),
    disable: () => run(disablePush, 'לא הצלחנו לבטל את ההתראות. נסו שוב.'),
  };
}
