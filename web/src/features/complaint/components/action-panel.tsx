/**
 * One form per action the server allows now (`allowedActions`), nothing else: the console never offers
 * an action the lifecycle would refuse. Clock actions are left out when no clock is in a state they fit.
 */
import { useState } from 'react';
import { App, Button, Collapse, Form, Typography } from 'antd';
import type { Complaint } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { performAction } from '../api.ts';
import { ActionFields, pendingExtensions } from './action-fields.tsx';

function usable(type: string, c: Complaint): boolean {
  if (type === 'pause_clock') return c.clocks.some((k) => k.state === 'running');
  if (type === 'resume_clock') return c.clocks.some((k) => k.state === 'paused');
  if (type === 'request_extension') return c.clocks.some((k) => k.state === 'running' || k.state === 'paused');
  if (type === 'approve_extension') return pendingExtensions(c).length > 0;
  return true;
}

/** Actions that move the complaint along its lifecycle, in workflow order: listed first. */
const MAIN_FLOW = [
  'qualify',
  'dispatch',
  'acknowledge',
  'report',
  'reply',
  'approve_reply',
  'confirm',
  'visit',
  'close',
  'reopen',
  'contest',
];
const flowRank = (a: string) => (MAIN_FLOW.includes(a) ? MAIN_FLOW.indexOf(a) : MAIN_FLOW.length);

/** Optional text left empty is omitted rather than sent as '' (the server treats '' as a value). */
function clean(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && !v.trim())),
  );
}

function ActionForm({ type, complaint, onDone }: { type: string; complaint: Complaint; onDone: (c: Complaint) => void }) {
  const t = useT();
  const labels = useLabels();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const updated = await performAction(complaint.id, { type, ...clean(values) });
      message.success(`${labels.action(type)} — ${t('common.done')}`);
      onDone(updated);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid={`action-form-${type}`}>
      <ActionFields type={type} complaint={complaint} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {labels.action(type)}
      </Button>
    </Form>
  );
}

export function ActionPanel({ complaint, onDone }: { complaint: Complaint; onDone: (c: Complaint) => void }) {
  const t = useT();
  const labels = useLabels();
  const actions: string[] = complaint.allowedActions.filter((a) => usable(a, complaint)).sort((a, b) => flowRank(a) - flowRank(b));
  // The furthest step is the likely next one (after a report: the reply, not a revised report).
  const [open, setOpen] = useState<string | undefined>(actions.filter((a) => MAIN_FLOW.includes(a)).pop());
  if (!actions.length) return <Typography.Text type="secondary">{t('complaint.noActions')}</Typography.Text>;
  return (
    <Collapse
      accordion
      size="small"
      activeKey={open && actions.includes(open) ? open : undefined}
      onChange={(k) => setOpen(Array.isArray(k) ? k[0] : k)}
      data-testid="action-panel"
      destroyOnHidden
      items={actions.map((a) => ({
        key: a,
        label: <span data-action={a}>{labels.action(a)}</span>,
        children: <ActionForm type={a} complaint={complaint} onDone={onDone} />,
      }))}
    />
  );
}
