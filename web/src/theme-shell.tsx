/**
 * What every page drawn with Ant Design sits in (the signed-in console, the setup and invitation pages, the
 * portal's tracking tab): Ant Design's locale follows the chosen language, the house colour, and no motion for those who asked
 * for less. The console's login page and its loading spinner are not drawn with Ant Design and load none of it.
 */
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useI18n } from './i18n/i18n-context.tsx';
import { useMediaQuery } from './components/use-media-query.ts';

export function ThemeShell({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  // A person who asked their system for less motion gets none: Ant Design's CSS honours the media query for some
  // transitions, but its components' enter/leave motions are driven from script and stop only for `motion: false`.
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
      theme={{ token: { colorPrimary: '#1f5fbf', motion: !reducedMotion } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
