/**
 * Compensation / penalty assessment (R-RS-2, R-RS-3). Its shape differs per pack, so results are shown
 * generically (explanation first, then the remaining fields); facts the server says it lacks can be
 * entered and the assessment run again.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import type { Query } from '../../../api/client.ts';
import { getAssessment } from '../api.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function FactInput({ name }: { name: string }) {
  const { t, has } = useI18n();
  const key = `assess.${name}`;
  const label = has(key) ? t(key) : name;
  let input: React.ReactNode;
  if (name === 'harm')
    input = (
      <Select allowClear options={(['serious', 'minor', 'none'] as const).map((h) => ({ value: h, label: t(`assess.harm.${h}`) }))} />
    );
  else if (name.endsWith('Yuan')) input = <InputNumber min={0} style={{ width: '100%' }} />;
  else if (name.endsWith('Id')) input = <Input />;
  else
    input = (
      <Select
        allowClear
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
      />
    );
  return (
    <Form.Item name={name} label={label} style={{ minWidth: 180, marginBottom: 8 }}>
      {input}
    </Form.Item>
  );
}

function Generic({ value }: { value: unknown }) {
  const { pick, t, has } = useI18n();
  // Fields with a console label are named in the user's language; the rest by their field name.
  const label = (k: string) => (has(`assess.${k}`) ? t(`assess.${k}` as Parameters<typeof t>[0]) : k);
  if (!isObj(value)) return <span>{Array.isArray(value) ? value.map(String).join(', ') : String(value)}</span>;
  const explanation = pick(value.explanationZh as string, value.explanation as string);
  const rest = Object.entries(value).filter(
    ([k, v]) => !/^(explanation|message)(Zh)?$/.test(k) && k !== 'ruleId' && v !== null && v !== undefined,
  );
  return (
    <div style={{ marginBottom: 12 }}>
      {typeof value.ruleId === 'string' && <Tag>{value.ruleId}</Tag>}
      {explanation && <Typography.Paragraph>{explanation}</Typography.Paragraph>}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={rest.map(([k, v]) => ({
          key: k,
          label: label(k),
          children: isObj(v) || Array.isArray(v) ? <Generic value={v} /> : String(v),
        }))}
      />
    </div>
  );
}

export function AssessmentCard({ complaintId, version }: { complaintId: string; version: string }) {
  const { t, pick } = useI18n();
  const [facts, setFacts] = useState<Query>({});
  const { data, error, loading } = useAsync(() => getAssessment(complaintId, facts), [complaintId, version, JSON.stringify(facts)]);
  if (loading && !data) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!isObj(data)) return <Generic value={data} />;
  const assessments = Array.isArray(data.assessments) ? data.assessments : null;
  const notes = Array.isArray(data.notes) ? (data.notes as Obj[]) : [];
  const missing = [...new Set([...Object.keys(facts), ...notes.flatMap((n) => (Array.isArray(n.fields) ? (n.fields as string[]) : []))])];
  const onFinish = (v: Record<string, unknown>) =>
    setFacts(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) as Query);
  return (
    <div data-testid="assessment">
      {notes.map((n, i) => (
        <Alert key={i} type="info" showIcon style={{ marginBottom: 8 }} title={pick(n.messageZh as string, n.message as string)} />
      ))}
      {assessments ? assessments.map((a, i) => <Generic key={i} value={a} />) : <Generic value={data} />}
      {assessments && !assessments.length && !notes.length && <Typography.Text type="secondary">{t('assess.noResult')}</Typography.Text>}
      {missing.length > 0 && (
        <Form layout="vertical" onFinish={onFinish} initialValues={facts}>
          <Typography.Text strong>{t('complaint.assessmentFacts')}</Typography.Text>
          <Space wrap align="end">
            {missing.map((f) => (
              <FactInput key={f} name={f} />
            ))}
            <Button htmlType="submit" style={{ marginBottom: 8 }}>
              {t('complaint.assessmentRun')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
