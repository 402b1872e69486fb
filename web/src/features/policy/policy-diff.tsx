/** The difference from the standard pack as a readable list of changed paths, old → new (issue #16 item 4). */
import { Card, Empty, Table, Typography } from 'antd';
import { changedPaths, type PatchChange } from '../../../../src/domain/policy/merge-patch.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { PackJson } from './api.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function PolicyDiff({ standard, edited }: { standard: PackJson; edited: PackJson }) {
  const t = useT();
  const changes = changedPaths(standard, edited);
  return (
    <Card size="small" title={t('policy.diff.title')} data-testid="policy-diff">
      {changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.diff.none')} />
      ) : (
        <Table<PatchChange>
          size="small"
          pagination={false}
          rowKey="path"
          dataSource={changes}
          columns={[
            { title: t('policy.diff.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
            {
              title: t('policy.diff.before'),
              render: (_, c) => ('before' in c ? show(c.before) : t('policy.diff.absent')),
            },
            {
              title: t('policy.diff.after'),
              render: (_, c) => <Typography.Text strong>{'after' in c ? show(c.after) : t('policy.diff.absent')}</Typography.Text>,
            },
          ]}
        />
      )}
    </Card>
  );
}
