/** Each clock with its due instant, a live countdown, and the trace answering "why is this due then?". */
import { Collapse, List, Space, Tag, Typography } from 'antd';
import type { Clock, Complaint } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { CountdownBadge } from '../../../components/countdown-badge.tsx';
import { formatTime } from '../../../components/format.ts';

function ClockState({ clock }: { clock: Clock }) {
  const labels = useLabels();
  if (clock.state === 'running' || clock.state === 'paused')
    return <CountdownBadge dueAt={clock.dueAt} startedAt={clock.startedAt} paused={clock.state === 'paused'} />;
  return <Tag color={clock.state === 'met' ? 'success' : 'error'}>{labels.clockState(clock.state)}</Tag>;
}

export function ClockList({ complaint }: { complaint: Complaint }) {
  const { t, pick } = useI18n();
  const labels = useLabels();
  if (!complaint.clocks.length) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={complaint.clocks}
      data-testid="clock-list"
      renderItem={(clock) => (
        <List.Item key={`${clock.name}-${clock.startedAt}`} style={{ display: 'block' }}>
          <Space wrap>
            <Typography.Text strong>{labels.clock(complaint.policyId, clock.name)}</Typography.Text>
            <Tag>{clock.ruleId}</Tag>
            <span>{t('complaint.dueAt', { time: formatTime(clock.dueAt) })}</span>
            <ClockState clock={clock} />
          </Space>
          {clock.pauseReason && clock.state === 'paused' && (
            <div>
              <Typography.Text type="secondary">{t('complaint.pausedReason', { reason: clock.pauseReason })}</Typography.Text>
            </div>
          )}
          <Collapse
            ghost
            size="small"
            items={[
              {
                key: 'trace',
                label: t('complaint.why'),
                children: (
                  <ol className="trace-list">
                    {clock.trace.map((s, i) => (
                      <li key={i}>{pick(s.detailZh, s.detail)}</li>
                    ))}
                  </ol>
                ),
              },
            ]}
          />
        </List.Item>
      )}
    />
  );
}
