import { Segmented } from 'antd';
import { useI18n, type Lang } from './i18n-context.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      aria-label={t('lang.switch')}
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: t('lang.zh'), value: 'zh-CN' },
        { label: t('lang.en'), value: 'en-US' },
      ]}
      data-testid="language-switch"
    />
  );
}
