"use client";

import { useCallback, useEffect, useRef, useState } from "react";

type FocusTarget = () => HTMLElement | null | undefined;

/**
 * Moves focus once React has committed the next render. Focusing straight after an `await` runs
 * before the re-render, while the target may still be disabled, hidden or not yet mounted, and the
 * browser then drops focus to <body>.
 */
export function useFocusAfterRender(): (target: FocusTarget) => void {
  const pending = useRef<FocusTarget | null>(null);
  const [request, setRequest] = useState(0);

  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    target?.()?.focus();
  }, [request]);

  return useCallback((target: FocusTarget) => {
    pending.current = target;
    setRequest((count) => count + 1);
  }, []);
}
