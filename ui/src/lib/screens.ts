import type { SiteInfo } from './api';

export type ScreenId = 'articles' | 'slides' | 'pages' | 'media' | 'publish' | 'settings';

export interface ScreenDef {
  id: ScreenId;
  label: string;
  /** Which `site_info` counter to show next to the nav item, if any. */
  count?: keyof Pick<SiteInfo, 'articles' | 'slides' | 'pages' | 'media'>;
  /** Shown on the placeholder panel of screens that are not built yet. */
  blurb: string;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'articles', label: 'Articles', count: 'articles', blurb: 'News, stories and events.' },
  {
    id: 'slides',
    label: 'Slides',
    count: 'slides',
    blurb: 'The rotating highlights on the home page.',
  },
  { id: 'pages', label: 'Pages', count: 'pages', blurb: 'About, contact and other standing pages.' },
  { id: 'media', label: 'Media', count: 'media', blurb: 'Images and documents used on the site.' },
  { id: 'publish', label: 'Publish', blurb: 'Build the site and send it live.' },
  { id: 'settings', label: 'Settings', blurb: 'Site name, languages and publishing options.' },
];
