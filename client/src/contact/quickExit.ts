import { useEffect } from 'react';

/**
 * For someone whose abuser may walk in: leave at once for a neutral site, replacing this page in
 * the history so Back does not return here. Inside the widget's frame, the whole tab leaves.
 */
export function quickExit(url: string): void {
  try {
    if (window.top && window.top !== window) {
      window.top.location.replace(url);
      return;
    }
  } catch {
    // A cross-origin parent may refuse: leaving the frame is still better than nothing.
  }
  window.location.replace(url);
}

/** Escape leaves from anywhere on the page, as the quick-exit button does. */
export function useEscapeToExit(url: string | null): void {
  useEffect(() => {
    if (!url) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') quickExit(url!);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [url]);
}

/** Moving between the public pages replaces the history entry too, so quick exit leaves no trail. */
export function goWithoutHistory(path: string): void {
  window.location.replace(path);
}
