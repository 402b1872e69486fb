/** A sample complaint's due instants under the pack in force and under the edited one, before saving (issue #16 item 4). */
import { useState } from 'react';
import { Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CHANNELS } from '../../../../src/domain/contracts.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../components/use-error-reporter.ts';
import { formatTime } from '../../components/format.ts';
import { previewNodePolicy, type Patch, type PolicyPreview as Preview, type PreviewSample } from './api.ts';

export function PolicyPreview({ nodeId, policyId, patch }: { nodeId: string; policyId: string; patch: Patch }) {
  const { t, pick, has } = useI18n();
  const report = useErrorReporter();
  const [channel, setChannel] = useState<PreviewSample['channel']>('phone');
  const [receivedAt, setReceivedAt] = useState<Dayjs>(() => dayjs().hour(10).minute(0).second(0).millisecond(0));
  const [result, setResult] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setResult(await previewNodePolicy(nodeId, patch, policyId, { channel, receivedAt: receivedAt.toISOString() }));
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  const channelLabel = (c: string) => (has(`channel.${c}`) ? t(`channel.${c}` as 'channel.phone') : c);
  return (
    <Card size="small" title={t('policy.preview.title')} data-testid="policy-preview">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('policy.preview.channel')}
          style={{ width: 140 }}
          value={channel}
          onChange={setChannel}
          options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))}
        />
        <DatePicker
          aria-label={t('policy.preview.receivedAt')}
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={receivedAt}
          allowClear={false}
          onChange={(v) => v && setReceivedAt(v)}
        />
        <Button onClick={() => void run()} loading={busy} data-testid="policy-preview-run">
          {t('policy.preview.run')}
        </Button>
      </Space>
      {result && (
        <Table
          size="small"
          pagination={false}
          rowKey="name"
          dataSource={result.clocks}
          columns={[
            { title: t('policy.preview.clock'), render: (_, c) => pick(c.labelZh, c.label) },
            { title: t('policy.preview.current'), render: (_, c) => (c.current ? formatTime(c.current.dueAt) : t('policy.preview.none')) },
            {
              title: t('policy.preview.proposed'),
              render: (_, c) => (
                <Space>
                  {c.proposed ? formatTime(c.proposed.dueAt) : t('policy.preview.none')}
                  {c.current?.dueAt !== c.proposed?.dueAt && <Tag color="gold">{t('policy.preview.changed')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
