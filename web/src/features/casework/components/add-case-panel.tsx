/** 加入案例库 for a closed complaint: a classification and the lessons learned; the server anonymises it. */
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/i18n-context.tsx';
import { politeError } from '../../../components/polite-error.ts';
import { promoteToCase } from '../api.ts';

export function AddCasePanel({ complaintId }: { complaintId: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  if (caseId) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('case.added')}
        description={<Link to={`/cases/${caseId}`}>{t('case.open')}</Link>}
        data-testid="case-added"
      />
    );
  }
  const onFinish = async (v: { classification: string; lessons: string }) => {
    setBusy(true);
    setError(null);
    try {
      setCaseId((await promoteToCase(complaintId, { classification: v.classification.trim(), lessons: v.lessons.trim() })).id);
    } catch (err) {
      setError(politeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <Form name="add-case" layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="add-case">
      <Form.Item name="classification" label={t('case.classification')} rules={[required, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="lessons" label={t('case.lessons')} rules={[required, { max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('case.add')}
      </Button>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
    </Form>
  );
}
