/**
 * What the customer sees of their complaint: status, the reply, a timeline of customer-safe events
 * (the server sends no notes or handler names), and the confirm / dispute / rate steps when open.
 * A rating is recorded only by the explicit submit button.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Rate, Space, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { formatTime } from '../../../components/format.ts';
import { confirmReply, disputeReply, rate, type Credentials, type Tracked } from '../api.ts';

export function TrackResult({ creds, data, onChange }: { creds: Credentials; data: Tracked; onChange: (d: Tracked) => void }) {
  const { t, has } = useI18n();
  const report = useErrorReporter();
  const [busy, setBusy] = useState<string | null>(null);
  const [disputing, setDisputing] = useState(false);
  const [justRated, setJustRated] = useState(false);
  const [disputeForm] = Form.useForm<{ reason: string }>();
  const [rateForm] = Form.useForm<{ score: number; comment?: string }>();
  const label = (prefix: string, code: string) => (has(`${prefix}.${code}`) ? t(`${prefix}.${code}` as 'status.closed') : code);

  const run = async (what: string, fn: () => Promise<Tracked>, form?: Parameters<typeof report>[1]) => {
    setBusy(what);
    try {
      onChange(await fn());
      setDisputing(false);
      if (what === 'rate') setJustRated(true);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(null);
    }
  };
  const canDispute = data.canDispute ?? data.canConfirm;

  return (
    <div data-testid="portal-track-result">
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'code', label: t('portal.code'), children: data.code },
            { key: 'title', label: t('portal.title'), children: data.title },
            { key: 'received', label: t('portal.receivedAt'), children: formatTime(data.receivedAt) },
            {
              key: 'status',
              label: t('portal.status'),
              children: (
                <Tag color={data.status === 'closed' ? 'default' : 'blue'} data-testid="portal-status" data-status={data.status}>
                  {label('status', data.status)}
                </Tag>
              ),
            },
            ...(data.satisfaction
              ? [{ key: 'score', label: t('complaint.satisfaction'), children: t('portal.yourScore', { score: data.satisfaction }) }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('portal.reply')}>
        {data.reply ? (
          <>
            <Typography.Paragraph className="pre-wrap" data-testid="portal-reply">
              {data.reply.message}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{formatTime(data.reply.at)}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('portal.noReply')}</Typography.Text>
        )}
        {(data.canConfirm || canDispute) && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
            {data.canConfirm && (
              <Button type="primary" block loading={busy === 'confirm'} onClick={() => void run('confirm', () => confirmReply(creds))}>
                {t('portal.confirm')}
              </Button>
            )}
            {canDispute && !disputing && (
              <Button block danger onClick={() => setDisputing(true)}>
                {t('portal.dispute')}
              </Button>
            )}
            {canDispute && disputing && (
              <Form
                form={disputeForm}
                layout="vertical"
                onFinish={(v) => void run('dispute', () => disputeReply(creds, v.reason.trim()), disputeForm)}
              >
                <Form.Item
                  name="reason"
                  label={t('portal.disputeReason')}
                  rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                >
                  <Input.TextArea rows={3} autoFocus />
                </Form.Item>
                <Space>
                  <Button danger htmlType="submit" loading={busy === 'dispute'}>
                    {t('portal.disputeSend')}
                  </Button>
                  <Button onClick={() => setDisputing(false)}>{t('common.cancel')}</Button>
                </Space>
              </Form>
            )}
          </Space>
        )}
      </Card>
      {data.canRate && (
        <Card size="small" title={t('portal.rate')}>
          <Form
            form={rateForm}
            layout="vertical"
            onFinish={(v) => void run('rate', () => rate(creds, v.score, v.comment?.trim() || undefined), rateForm)}
            data-testid="portal-rate-form"
          >
            <Form.Item name="score" label={t('field.score')} rules={[{ required: true, message: t('common.required') }]}>
              <Rate count={5} />
            </Form.Item>
            <Form.Item name="comment" label={t('portal.rateComment')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy === 'rate'}>
              {t('portal.rateSend')}
            </Button>
          </Form>
        </Card>
      )}
      {justRated ? <Alert type="success" title={t('portal.rated')} style={{ marginBottom: 12 }} role="status" /> : null}
      <Card size="small" title={t('portal.timeline')}>
        <Timeline
          items={data.timeline.map((e, i) => ({
            key: i,
            content: (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatTime(e.at)}
                </Typography.Text>
                {label('event', e.type)}
              </>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
