import { useEffect, useState } from 'react';

/**
 * Whether a CSS media query matches now, and again whenever that changes. Answered at the first render (where
 * Ant Design's Grid.useBreakpoint answers nothing until it has measured), so a page is drawn once in its layout.
 */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    setMatches(list.matches);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
