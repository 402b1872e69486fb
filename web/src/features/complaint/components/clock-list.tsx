/** Each clock with its due instant, a live countdown, and the trace answering "why is this due then?". */
import { Alert, Collapse, List, Space, Tag, Typography } from 'antd';
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
  const provisional = new Set(complaint.deadlines?.clocks ?? []);
  return (
    <>
      <ProvisionalNotice complaint={complaint} />
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
              {provisional.has(clock.name) && (clock.state === 'running' || clock.state === 'paused') && (
                <Tag color="warning" data-testid="clock-provisional">
                  {t('complaint.provisional')}
                </Tag>
              )}
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
    </>
  );
}

/** R-TL-1, #15 item 8: deadlines counted across a year whose holiday notice is not out are provisional. */
function ProvisionalNotice({ complaint }: { complaint: Complaint }) {
  const t = useI18n().t;
  const d = complaint.deadlines;
  if (!d || (!d.provisionalYears.length && !d.settledYears.length)) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
      {d.provisionalYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('complaint.provisionalYears', { years: d.provisionalYears.join('、') })}
          data-testid="deadlines-provisional"
        />
      )}
      {d.settledYears.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('complaint.settledYears', { years: d.settledYears.join('、') })}
          data-testid="deadlines-settled"
        />
      )}
    </Space>
  );
}
