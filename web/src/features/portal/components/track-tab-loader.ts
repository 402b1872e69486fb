/**
 * The portal's tracking tab (steps, timeline, reply, rating) is drawn with Ant Design and comes with its theme
 * when first opened, or when a submitted complaint makes it the likely next step; the complaint form before it
 * loads none of it (#20). One import, so asking twice fetches once.
 */
export const loadTrackTab = () => import('./track-tab.tsx');
