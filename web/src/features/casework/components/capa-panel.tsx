/**
 * 纠正预防措施 (R-CA-1): open it on a valid, dispatched complaint, record containment and root cause,
 * add actions with owner and due date, mark them done, verify effectiveness; the 8D view when given.
 */
import { Alert, Button, Collapse, Descriptions, Form, Input, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/zh-CN.ts';
import { formatTime } from '../../../components/format.ts';
import { addCapaAction, completeCapaAction, getCapa, openCapa, updateCapa, verifyCapa } from '../api.ts';
import { useCaseworkRecord } from '../use-casework-record.ts';
import { CapaFieldsForm } from './capa-fields-form.tsx';
import { CapaActions } from './capa-actions.tsx';
import { DeadlineTag } from './deadline-tag.tsx';
import { EightDView } from './eight-d-view.tsx';

/** The server's codes for what verification still needs, as words. */
const MISSING: Record<string, MessageKey> = {
  containment: 'capa.containment',
  rootCause: 'capa.rootCause',
  actions: 'capa.missing.actions',
  'actions.done': 'capa.missing.actionsDone',
  prevention: 'capa.prevention',
};

export function CapaPanel({ complaintId, version, onChanged }: { complaintId: string; version: string; onChanged?: () => void }) {
  const { t, lang } = useI18n();
  const {
    record: capa,
    loaded,
    loadError,
    busy,
    error,
    run,
    canAct,
  } = useCaseworkRecord(() => getCapa(complaintId), [complaintId, version], onChanged);
  if (loadError) return <Alert type="error" title={loadError} />;
  if (!loaded) return <Spin size="small" />;
  const errorBox = error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} data-testid="capa-error" />;

  if (!capa) {
    if (!canAct) return <Typography.Text type="secondary">{t('capa.none')}</Typography.Text>;
    return (
      <div data-testid="capa-panel">
        <Typography.Paragraph type="secondary">{t('capa.noneHint')}</Typography.Paragraph>
        <CapaFieldsForm capa={null} busy={busy} onSave={(v) => void run(() => openCapa(complaintId, v))} />
        {errorBox}
      </div>
    );
  }

  const editable = canAct && capa.status !== 'verified';
  return (
    <div data-testid="capa-panel" data-status={capa.status}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('capa.status')}>
          <Tag color={capa.status === 'verified' ? 'green' : 'blue'}>
            {capa.status === 'verified' ? t('capa.verified') : t('capa.statusOpen')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('capa.department')}>{capa.department.name ?? capa.department.id}</Descriptions.Item>
        <Descriptions.Item label={t('capa.plan')}>
          <DeadlineTag label={t('capa.planDue')} d={capa.plan} />
        </Descriptions.Item>
      </Descriptions>
      {editable ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'fields',
              label: t('capa.editFields'),
              children: <CapaFieldsForm capa={capa} busy={busy} onSave={(v) => void run(() => updateCapa(complaintId, v))} />,
            },
          ]}
        />
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('capa.containment')}>{capa.containment || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('capa.rootCause')}>{capa.rootCause || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('capa.prevention')}>{capa.prevention || t('common.none')}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('capa.actions')}
      </Typography.Title>
      <CapaActions
        actions={capa.actions}
        editable={editable}
        busy={busy}
        onAdd={(a) => run(() => addCapaAction(complaintId, a))}
        onDone={(id) => void run(() => completeCapaAction(complaintId, id))}
      />
      {(capa.verifications ?? []).map((v, i) => (
        <Alert
          key={i}
          style={{ marginTop: 8 }}
          type={v.effective ? 'success' : 'warning'}
          title={`${v.effective ? t('capa.effective') : t('capa.notEffective')} · ${formatTime(v.at)}`}
          description={v.evidence}
        />
      ))}
      {editable && (
        <Form<{ effective: boolean; evidence: string }>
          name="capa-verify"
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ effective: true }}
          onFinish={(v) => void run(() => verifyCapa(complaintId, { effective: v.effective, evidence: v.evidence.trim() }))}
        >
          <Typography.Title level={5}>{t('capa.verify')}</Typography.Title>
          {capa.missingForVerification.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('capa.missing', {
                list: capa.missingForVerification.map((m) => t(MISSING[m] ?? 'capa.missing.other')).join(lang === 'zh-CN' ? '、' : ', '),
              })}
            </Typography.Paragraph>
          )}
          <Form.Item name="effective" label={t('capa.result')}>
            <Radio.Group>
              <Radio value={true}>{t('capa.effective')}</Radio>
              <Radio value={false}>{t('capa.notEffective')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="evidence"
            label={t('capa.evidence')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 5000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={busy}>
              {t('capa.verify')}
            </Button>
          </Space>
        </Form>
      )}
      {errorBox}
      {capa.eightD && <EightDView steps={capa.eightD} />}
    </div>
  );
}
