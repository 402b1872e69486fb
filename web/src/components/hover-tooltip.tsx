/**
 * Ant Design's Tooltip, mounted only when the pointer or the keyboard focus first reaches what it explains. A
 * queue page has two tooltips a row (the due time behind a countdown, the rule behind a level); mounting fifty
 * of them with the rows is work a slowed phone does before it can show the first row (#20), for tooltips that
 * are mostly never opened. Once reached, it is the ordinary Tooltip, opened at once.
 */
import { cloneElement, useState, type FocusEvent, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { Tooltip } from 'antd';

type Reachable = { onMouseEnter?: (e: MouseEvent) => void; onFocus?: (e: FocusEvent) => void };

export function HoverTooltip({ title, children }: { title: ReactNode; children: ReactElement<Reachable> }) {
  const [reached, setReached] = useState(false);
  if (reached)
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  return cloneElement(children, {
    onMouseEnter: (e: MouseEvent) => {
      children.props.onMouseEnter?.(e);
      setReached(true);
    },
    onFocus: (e: FocusEvent) => {
      children.props.onFocus?.(e);
      setReached(true);
    },
  });
}
