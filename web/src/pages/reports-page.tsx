/**
 * 报表 / Reports: a periodic report (daily, half-monthly, monthly, quarterly) for an organisation node, with
 * its workbook download, and a tab of the quarter's KPIs. The query lives in the URL so a reload keeps it.
 */
import { Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';
import { useMeta } from '../features/meta/meta-context.tsx';
import { REPORT_KINDS, type PeriodicQuery, type ReportKind } from '../features/reports/api.ts';
import { ReportControls } from '../features/reports/components/report-controls.tsx';
import { PeriodicReportView } from '../features/reports/components/periodic-report-view.tsx';
import { KpiView, quarterOf } from '../features/reports/components/kpi-view.tsx';
import { SchedulesView } from '../features/reports/components/schedules-view.tsx';

export default function ReportsPage() {
  const t = useT();
  const { user, can } = useAuth();
  const meta = useMeta();
  const [params, setParams] = useSearchParams();
  const defaultNode =
    (user?.orgNodeId && meta.node(user.orgNodeId) && meta.node(user.orgNodeId)?.kind !== 'department' ? user.orgNodeId : null) ??
    meta.nodes.find((n) => !n.parentId || !meta.node(n.parentId))?.id ??
    '';
  const kindParam = params.get('kind') as ReportKind | null;
  const dateParam = params.get('period');
  const query: PeriodicQuery = {
    nodeId: params.get('nodeId') || defaultNode,
    kind: kindParam && REPORT_KINDS.includes(kindParam) ? kindParam : 'monthly',
    period: dateParam && /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : dayjs().format('YYYY-MM-DD'),
  };
  // KPIs grade specialists by name: the tab is there only for roles the server lets read them.
  const tabParam = params.get('tab');
  const tab = tabParam === 'kpi' && can('kpi.read') ? 'kpi' : tabParam === 'schedules' ? 'schedules' : 'periodic';
  const update = (next: Partial<PeriodicQuery & { tab: string }>) => {
    const merged = { ...query, tab, ...next };
    setParams(new URLSearchParams(Object.entries(merged).filter(([, v]) => v) as [string, string][]), { replace: true });
  };
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('reports.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k })}
        items={[
          {
            key: 'periodic',
            label: t('reports.periodicTab'),
            children: (
              <>
                <ReportControls query={query} onChange={update} />
                {query.nodeId && <PeriodicReportView query={query} />}
              </>
            ),
          },
          {
            key: 'schedules',
            label: t('reports.schedulesTab'),
            children: (
              <>
                <ReportControls query={query} onChange={update} showKind={false} schedules />
                {query.nodeId && <SchedulesView nodeId={query.nodeId} date={query.period} />}
              </>
            ),
          },
          can('kpi.read') && {
            key: 'kpi',
            label: t('reports.kpiTab'),
            children: (
              <>
                <ReportControls query={query} onChange={update} showKind={false} />
                {query.nodeId && <KpiView nodeId={query.nodeId} quarter={quarterOf(query.period)} />}
              </>
            ),
          },
        ].filter((item) => item !== false)}
      />
    </>
  );
}
