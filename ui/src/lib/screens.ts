import type { SiteInfo } from './ipc';

export type ScreenId = 'articles' | 'slides' | 'pages' | 'media' | 'publish' | 'settings';

export interface ScreenDef {
  id: ScreenId;
  label: string;
  /** Which `site_info` counter to show next to the nav item, if any. */
  count?: keyof Pick<SiteInfo, 'articles' | 'slides' | 'pages' | 'media'>;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'articles', label: 'Articles', count: 'articles' },
  { id: 'slides', label: 'Slides', count: 'slides' },
  { id: 'pages', label: 'Pages', count: 'pages' },
  { id: 'media', label: 'Media', count: 'media' },
  { id: 'publish', label: 'Publish' },
  { id: 'settings', label: 'Settings' },
];
