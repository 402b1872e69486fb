/**
 * 中文 | English, as two buttons in one frame (the look of Ant Design's Segmented, drawn by styles.css). Plain
 * elements, because the login page and the portal's header show it before any Ant Design has loaded (#20).
 */
import { useI18n, type Lang } from './i18n-context.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const options: { label: string; value: Lang }[] = [
    { label: t('lang.zh'), value: 'zh-CN' },
    { label: t('lang.en'), value: 'en-US' },
  ];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring a legend and a border; a labelled group says the same.
    <div className="lang-switch" role="group" aria-label={t('lang.switch')} data-testid="language-switch">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          className={o.value === lang ? 'lang-switch-option lang-switch-selected' : 'lang-switch-option'}
          aria-pressed={o.value === lang}
          onClick={() => o.value !== lang && setLang(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
