/** The corrective / preventive actions of a CAPA: owner, due date, done; a form adding one. */
import { Button, DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n-context.tsx';
import { formatTime } from '../../../components/format.ts';
import type { CapaAction } from '../api.ts';

interface NewAction {
  kind: CapaAction['kind'];
  description: string;
  owner: string;
  due: Dayjs;
}

export function CapaActions({
  actions,
  editable,
  busy,
  onAdd,
  onDone,
}: {
  actions: CapaAction[];
  editable: boolean;
  busy: boolean;
  onAdd: (a: { kind: CapaAction['kind']; description: string; owner: string; dueDate: string }) => Promise<boolean>;
  onDone: (id: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<NewAction>();
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <>
      <Table<CapaAction>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={actions}
        locale={{ emptyText: t('capa.noActions') }}
        columns={[
          {
            title: t('capa.description'),
            dataIndex: 'description',
            render: (d: string, a) => (
              <>
                <Tag>{t(`capa.kind.${a.kind}` as 'capa.kind.corrective')}</Tag>
                {d}
              </>
            ),
          },
          { title: t('capa.owner'), dataIndex: 'owner' },
          { title: t('capa.due'), dataIndex: 'dueDate', render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span> },
          {
            title: t('capa.done'),
            dataIndex: 'doneAt',
            render: (doneAt: string | null, a) =>
              doneAt ? (
                formatTime(doneAt)
              ) : editable ? (
                <Button size="small" loading={busy} onClick={() => onDone(a.id)}>
                  {t('capa.markDone')}
                </Button>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
      {editable && (
        <Form<NewAction>
          form={form}
          name="capa-action"
          layout="vertical"
          initialValues={{ kind: 'corrective' }}
          style={{ marginTop: 8 }}
          onFinish={(v) =>
            void onAdd({
              kind: v.kind,
              description: v.description.trim(),
              owner: v.owner.trim(),
              dueDate: v.due.format('YYYY-MM-DD'),
            }).then((ok) => ok && form.resetFields(['description', 'owner', 'due']))
          }
          data-testid="capa-action-form"
        >
          <Form.Item name="kind" label={t('capa.kind')}>
            <Select options={(['corrective', 'preventive'] as const).map((k) => ({ value: k, label: t(`capa.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('capa.description')} rules={[required, { max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="owner" label={t('capa.owner')} rules={[required, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="due" label={t('capa.due')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('capa.addAction')}
          </Button>
        </Form>
      )}
    </>
  );
}
