/** The 8D view the server assembles for the manufacturing pack: each step, done or not, and its content. */
import { List, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { EightDStep } from '../api.ts';

function show(content: unknown): string {
  if (content === null || content === undefined || content === '') return '—';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(show).join('\n');
  if (typeof content === 'object') {
    return Object.values(content as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(show)
      .join('；');
  }
  return String(content);
}

export function EightDView({ steps }: { steps: EightDStep[] }) {
  const { t, pick } = useI18n();
  return (
    <List
      size="small"
      data-testid="eight-d"
      header={<Typography.Text strong>{t('capa.eightD')}</Typography.Text>}
      dataSource={steps}
      renderItem={(s) => (
        <List.Item>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{`${s.step} ${pick(s.titleZh, s.title)}`}</Typography.Text>{' '}
            <Tag color={s.done ? 'green' : 'default'}>{t(s.done ? 'capa.stepDone' : 'capa.stepOpen')}</Tag>
            <div className="pre-wrap" style={{ fontSize: 12, color: '#555' }}>
              {show(s.content)}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}
