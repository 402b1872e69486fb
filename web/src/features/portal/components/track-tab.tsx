/** The tracking tab inside Ant Design's theme, which the portal's first screen does not load (track-tab-loader.ts). */
import { ThemeShell } from '../../../theme-shell.tsx';
import type { Credentials } from '../api.ts';
import { TrackPanel } from './track-form.tsx';

export default function TrackTab({ initial }: { initial: Partial<Credentials> }) {
  return (
    <ThemeShell>
      <TrackPanel initial={initial} />
    </ThemeShell>
  );
}
