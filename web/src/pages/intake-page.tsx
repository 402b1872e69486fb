import { Typography } from 'antd';
import { useT } from '../i18n/i18n-context.tsx';
import { IntakeForm } from '../features/intake/components/intake-form.tsx';

export default function IntakePage() {
  const t = useT();
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('intake.title')}
      </Typography.Title>
      <IntakeForm />
    </>
  );
}
