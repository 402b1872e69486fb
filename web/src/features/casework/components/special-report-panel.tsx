/**
 * 专题报告 for a hot / major complaint: draft it from the record, edit title / summary / cause analysis
 * while it is a draft (the service centre: `special_report.write`), approve it (`special_report.approve`:
 * QA, manager, admin), and export it as .xlsx or a printable page.
 */
import { Alert, Button, Collapse, Descriptions, Form, Input, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { formatTime } from '../../../components/format.ts';
import {
  approveSpecialReport,
  draftSpecialReport,
  editSpecialReport,
  getSpecialReport,
  specialReportHtmlUrl,
  specialReportXlsxUrl,
  type ReportEdit,
} from '../api.ts';
import { useCaseworkRecord } from '../use-casework-record.ts';

export function SpecialReportPanel({ complaintId, version, onChanged }: { complaintId: string; version: string; onChanged?: () => void }) {
  const t = useT();
  const {
    record: r,
    loaded,
    loadError,
    busy,
    error,
    run,
    can,
  } = useCaseworkRecord(() => getSpecialReport(complaintId), [complaintId, version], onChanged);
  const canWrite = can('special_report.write');
  const canApprove = can('special_report.approve');
  const [form] = Form.useForm<ReportEdit>();
  if (loadError) return <Alert type="error" title={loadError} />;
  if (!loaded) return <Spin size="small" />;
  const errorBox = error && <Alert type="error" showIcon role="alert" title={error} data-testid="special-report-error" />;

  if (!r) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="special-report">
        <Typography.Text type="secondary">{t('sr.none')}</Typography.Text>
        {canWrite && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void run(() => draftSpecialReport(complaintId))}
            data-testid="special-report-draft"
          >
            {t('sr.draft')}
          </Button>
        )}
        {errorBox}
      </Space>
    );
  }

  const draft = r.status !== 'approved';
  return (
    <div data-testid="special-report" data-status={r.status}>
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('sr.status')}>
          <Tag color={draft ? 'orange' : 'green'}>{t(draft ? 'sr.statusDraft' : 'sr.statusApproved')}</Tag>
          <Typography.Text type="secondary">{t(r.content.kind === 'brief' ? 'sr.kindBrief' : 'sr.kindDetailed')}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('sr.updated')}>{formatTime(r.updatedAt)}</Descriptions.Item>
        {r.approvedAt && (
          <Descriptions.Item label={t('sr.approved')}>{`${formatTime(r.approvedAt)} · ${r.approvedBy ?? ''}`}</Descriptions.Item>
        )}
      </Descriptions>
      {draft && canWrite ? (
        <Form<ReportEdit>
          form={form}
          name="special-report"
          layout="vertical"
          key={`${r.version}-${r.updatedAt}`}
          initialValues={{ title: r.content.title, summary: r.content.summary, causeAnalysis: r.content.causeAnalysis }}
          onFinish={(v) => void run(() => editSpecialReport(complaintId, v))}
          data-testid="special-report-form"
        >
          <Form.Item
            name="title"
            label={t('sr.title')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 300 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={t('sr.summary')} rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
          <Form.Item name="causeAnalysis" label={t('sr.cause')} rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Space wrap>
            <Button htmlType="submit" type="primary" loading={busy} data-testid="special-report-save">
              {t('common.save')}
            </Button>
            <Button loading={busy} onClick={() => void run(() => draftSpecialReport(complaintId))}>
              {t('sr.redraft')}
            </Button>
            {canApprove && (
              <Button loading={busy} onClick={() => void run(() => approveSpecialReport(complaintId))} data-testid="special-report-approve">
                {t('sr.approve')}
              </Button>
            )}
          </Space>
        </Form>
      ) : (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {r.content.title}
          </Typography.Title>
          <Typography.Paragraph className="pre-wrap">{r.content.summary || t('common.none')}</Typography.Paragraph>
          <Typography.Text strong>{t('sr.cause')}</Typography.Text>
          <Typography.Paragraph className="pre-wrap">{r.content.causeAnalysis || t('common.none')}</Typography.Paragraph>
        </>
      )}
      {errorBox && <div style={{ marginTop: 8 }}>{errorBox}</div>}
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'course',
            label: t('sr.course', { n: r.content.course.length }),
            children: (
              <Timeline
                items={r.content.course.map((e) => ({ key: e.seq, content: `${e.local} ${e.label}${e.text ? `：${e.text}` : ''}` }))}
              />
            ),
          },
          {
            key: 'measures',
            label: t('sr.measures', { n: r.content.measures.length }),
            children: r.content.measures.length ? (
              <ul className="plain-list">
                {r.content.measures.map((m, i) => (
                  <li key={i}>{m.text}</li>
                ))}
              </ul>
            ) : (
              t('common.none')
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <a href={specialReportXlsxUrl(complaintId)} download data-testid="special-report-xlsx">
          {t('sr.exportXlsx')}
        </a>
        <a href={specialReportHtmlUrl(complaintId)} target="_blank" rel="noopener noreferrer">
          {t('sr.exportHtml')}
        </a>
      </Space>
    </div>
  );
}
