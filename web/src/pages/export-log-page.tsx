import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { filtersText, listExportLog, type ExportLogEntry } from '../features/export-log/api.ts';

const ROLES = ['agent', 'specialist', 'handler', 'qa', 'manager', 'admin', 'auditor'] as const;
type Role = (typeof ROLES)[number];
const OUTCOME_COLOR = { completed: 'green', aborted: 'orange', started: 'default' } as const;

/** The export log (issue #17): every queue export by users in the reader's scope, newest first. */
export default function ExportLogPage() {
  const t = useT();
  const report = useErrorReporter();
  const [items, setItems] = useState<ExportLogEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const started = useRef(false);

  const load = useCallback(
    async (before: string | null) => {
      setLoading(true);
      try {
        const page = await listExportLog(before);
        setItems((prev) => (before ? [...prev, ...page.items] : page.items));
        setNext(page.nextBefore);
      } catch (err) {
        report(err);
      } finally {
        setLoading(false);
      }
    },
    [report],
  );

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void load(null);
  }, [load]);

  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('exportLog.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('exportLog.intro')}</Typography.Paragraph>
      <Table<ExportLogEntry>
        data-testid="export-log-table"
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={items}
        onRow={(r) => ({ 'data-row': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('exportLog.at'), dataIndex: 'startedAt', width: 170, render: (v: string) => time(v) },
          { title: t('exportLog.user'), key: 'user', render: (_, r) => (r.user ? `${r.user.name} <${r.user.email}>` : r.userLabel) },
          {
            title: t('exportLog.role'),
            dataIndex: 'role',
            width: 120,
            render: (v: string) => (ROLES.includes(v as Role) ? t(`role.${v as Role}`) : v),
          },
          { title: t('exportLog.format'), dataIndex: 'format', width: 70, render: (v: string) => v.toUpperCase() },
          {
            title: t('exportLog.view'),
            key: 'filters',
            render: (_, r) => {
              const q = filtersText(r.filters);
              return q ? <Link to={`/?${q}`}>{q}</Link> : <Link to="/">{t('exportLog.wholeQueue')}</Link>;
            },
          },
          { title: t('exportLog.rows'), dataIndex: 'rows', width: 80, align: 'right' },
          {
            title: t('exportLog.contacts'),
            dataIndex: 'contactsUnmasked',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="red">{t('exportLog.unmasked')}</Tag> : <Tag>{t('exportLog.masked')}</Tag>),
          },
          {
            title: t('exportLog.outcome'),
            dataIndex: 'outcome',
            width: 100,
            render: (v: ExportLogEntry['outcome']) => <Tag color={OUTCOME_COLOR[v]}>{t(`exportLog.outcome.${v}`)}</Tag>,
          },
        ]}
      />
      {next && (
        <Button style={{ marginTop: 12 }} onClick={() => void load(next)} loading={loading}>
          {t('exportLog.more')}
        </Button>
      )}
    </>
  );
}
