import { useState } from 'react';
import { App, Button, Input, Select, Space } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { loadViews, saveViews, type SavedView } from '../saved-views.ts';

interface Props {
  currentSearch: string;
  onApply: (search: string) => void;
}

export function SavedViewsBar({ currentSearch, onApply }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [views, setViews] = useState<SavedView[]>(loadViews);
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string>();

  const update = (next: SavedView[]) => {
    setViews(next);
    saveViews(next);
  };
  const save = () => {
    const n = name.trim();
    if (!n) return;
    update([...views.filter((v) => v.name !== n), { name: n, search: currentSearch }]);
    setSelected(n);
    setName('');
    message.success(t('queue.viewSaved', { name: n }));
  };

  return (
    <Space wrap>
      <Select
        aria-label={t('queue.views')}
        placeholder={t('queue.views')}
        value={selected}
        style={{ width: 180 }}
        options={views.map((v) => ({ value: v.name, label: v.name }))}
        onChange={(n: string) => {
          setSelected(n);
          const v = views.find((x) => x.name === n);
          if (v) onApply(v.search);
        }}
      />
      <Button
        disabled={!selected}
        onClick={() => {
          update(views.filter((v) => v.name !== selected));
          setSelected(undefined);
        }}
      >
        {t('queue.viewDelete')}
      </Button>
      <Space.Compact>
        <Input
          aria-label={t('queue.viewName')}
          placeholder={t('queue.viewName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={save}
          style={{ width: 140 }}
        />
        <Button onClick={save} disabled={!name.trim()}>
          {t('queue.viewSave')}
        </Button>
      </Space.Compact>
    </Space>
  );
}
