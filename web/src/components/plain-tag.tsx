/**
 * A tag in the look of Ant Design's (its preset colours, filled), as a plain span drawn by styles.css (`.tag`).
 * The queue shows three a row (status, level, countdown) and a page of 25 rows drew 75 Ant Design Tags, each
 * running the style hooks of Ant Design's CSS-in-JS before the first row could show on a slowed phone (#20).
 */
import type { HTMLAttributes } from 'react';

export type TagColor =
  | 'default'
  | 'blue'
  | 'cyan'
  | 'geekblue'
  | 'purple'
  | 'magenta'
  | 'orange'
  | 'lime'
  | 'green'
  | 'red'
  | 'volcano'
  | 'gold'
  | 'success'
  | 'warning'
  | 'error';

export function PlainTag({ color = 'default', className, ...rest }: HTMLAttributes<HTMLSpanElement> & { color?: TagColor }) {
  return <span className={className ? `tag tag-${color} ${className}` : `tag tag-${color}`} {...rest} />;
}
