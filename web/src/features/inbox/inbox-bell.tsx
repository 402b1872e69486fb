/**
 * The header's bell (issue #14): the caller's unread count, asked for every 20 s, when the window gets
 * the focus back, and at once when the inbox page marks something read. So it is at most 20 s late
 * while the console is open, and current as soon as the user comes back to it.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/i18n-context.tsx';
import { INBOX_CHANGED, unreadCount } from './api.ts';

export const BELL_POLL_MS = 20_000;

export function InboxBell() {
  const t = useT();
  const navigate = useNavigate();
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    // A failed poll keeps the last count; the next one tries again.
    unreadCount().then(setCount, () => {});
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, BELL_POLL_MS);
    window.addEventListener('focus', refresh);
    window.addEventListener(INBOX_CHANGED, refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      window.removeEventListener(INBOX_CHANGED, refresh);
    };
  }, [refresh]);
  const label = t('inbox.bell', { count: count ?? 0 });
  return (
    <Tooltip title={label}>
      <Badge count={count ?? 0} size="small" overflowCount={99} data-testid="inbox-bell-count">
        <Button
          type="text"
          className="inbox-bell"
          aria-label={label}
          icon={<BellOutlined />}
          onClick={() => navigate('/inbox')}
          data-testid="inbox-bell"
        />
      </Badge>
    </Tooltip>
  );
}
