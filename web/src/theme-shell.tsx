/**
 * What every page drawn with Ant Design sits in (the signed-in console, the setup and invitation pages, the
 * portal): Ant Design's locale follows the chosen language, the house colour, and no motion for those who asked
 * for less. The console's login page and its loading spinner are not drawn with Ant Design and load none of it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useI18n } from './i18n/i18n-context.tsx';

/**
 * A person who asked their system for less motion gets none: Ant Design's CSS honours the media query for some
 * transitions, but its components' enter/leave motions are driven from script and stop only for `motion: false`.
 */
function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const onChange = () => setReduced(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return reduced;
}

export function ThemeShell({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
      theme={{ token: { colorPrimary: '#1f5fbf', motion: !reducedMotion } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
