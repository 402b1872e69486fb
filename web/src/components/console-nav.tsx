/**
 * The console's main menu in the header: links in the look of Ant Design's dark horizontal Menu, plain elements
 * drawn by styles.css (`.console-nav*`). Ant Design's Menu measured and drew its items twice over and took
 * ~0.5 s of a slowed phone's script before the queue could show (#20). What it did, this does: the entries that
 * do not fit fold into a "…" button whose list opens below it, the current page is marked (the "…" when the
 * current page is folded into it), and every entry stays a link.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';

export interface NavItem {
  path: string;
  label: string;
}

/** The "…" button's width, kept free when entries must fold. */
const MORE_WIDTH = 56;

/** How many of the entries, of these widths, fit in `room` pixels, keeping room for "…" when not all do. */
function entriesThatFit(widths: number[], room: number): number {
  const total = widths.reduce((s, w) => s + w, 0);
  if (total <= room) return widths.length;
  let used = MORE_WIDTH;
  let n = 0;
  while (n < widths.length && used + widths[n] <= room) used += widths[n++];
  return n;
}

export function ConsoleNav({ items, selected, label }: { items: NavItem[]; selected: string; label: string }) {
  const t = useT();
  const location = useLocation();
  const navRef = useRef<HTMLElement>(null);
  const widths = useRef<{ key: string; values: number[] } | null>(null);
  const [fit, setFit] = useState(items.length);
  const [open, setOpen] = useState(false);
  const key = items.map((i) => i.label).join('|');

  // The entries' widths are measured once for these labels (all drawn in the row, before the first paint), then
  // the row is refitted from them whenever its width changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again after `fit` showed every entry, to measure them
  useLayoutEffect(() => {
    const nav = navRef.current;
    if (!nav) return;
    if (widths.current?.key !== key) {
      const links = Array.from(nav.querySelectorAll<HTMLElement>(':scope > .console-nav-item'));
      if (links.length !== items.length || links.some((l) => l.hidden)) {
        setFit(items.length);
        return;
      }
      widths.current = { key, values: links.map((l) => l.offsetWidth) };
    }
    const refit = () => {
      if (widths.current) setFit(entriesThatFit(widths.current.values, nav.clientWidth));
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(nav);
    return () => observer.disconnect();
  }, [key, items.length, fit]);

  // The folded list closes on navigation, on Escape and on a click elsewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes when the location changes
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: MouseEvent) => {
      if (!navRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const folded = items.slice(fit);
  const link = (i: NavItem, className: string, hidden = false) => (
    <Link
      key={i.path}
      to={i.path}
      className={i.path === selected ? `${className} console-nav-selected` : className}
      aria-current={i.path === selected ? 'page' : undefined}
      hidden={hidden}
      onClick={() => setOpen(false)}
    >
      {i.label}
    </Link>
  );
  return (
    <nav ref={navRef} className="console-menu console-nav" aria-label={label}>
      {/* Folded entries stay in the row, hidden, so the row can be measured again and every entry is in the page. */}
      {items.map((i, n) => link(i, 'console-nav-item', n >= fit))}
      {folded.length > 0 && (
        <div className="console-nav-more">
          <button
            type="button"
            className={folded.some((i) => i.path === selected) ? 'console-nav-item console-nav-selected' : 'console-nav-item'}
            aria-expanded={open}
            aria-label={t('nav.more')}
            onClick={() => setOpen((o) => !o)}
          >
            …
          </button>
          {open && <div className="console-nav-popup">{folded.map((i) => link(i, 'console-nav-popup-item'))}</div>}
        </div>
      )}
    </nav>
  );
}
