import type { RegionRef } from '../api/types';
import { type MessageKey, placeName, t } from '../i18n/i18n';
import { paths } from '../views/view';
import { h } from './dom';

const levels: Record<string, [MessageKey, MessageKey]> = {
  province: ['levelProvince', 'levelsProvince'],
  city: ['levelCity', 'levelsCity'],
  district: ['levelDistrict', 'levelsDistrict'],
  site: ['levelSite', 'levelsSite'],
};

/** "City", "District"…: a level of the tree in the page's language; a level the page does not know is an "Area". */
export function levelName(level: string): string {
  return t(levels[level]?.[0] ?? 'levelArea');
}

/** "Cities", "Districts"…, for titles over a region's children. */
export function levelsName(level: string): string {
  return t(levels[level]?.[1] ?? 'levelsArea');
}

/** Where a view sits: the path from the root as links (the last entry, the view itself, as text), and a Back button
 *  one level up, so a person on a phone or at a wall's keyboard never needs the browser's own controls. */
export function viewHead(path: RegionRef[], navigate: (path: string) => void, current?: string): HTMLElement {
  const crumbs = path.map((place, i) => {
    const isLast = i === path.length - 1 && current == null;
    return h('li', {}, isLast
      ? h('span', { 'aria-current': 'page' }, placeName(place))
      : h('a', { href: paths.region(place.id), 'data-link': true, 'data-region': place.id }, placeName(place)));
  });
  if (current != null) crumbs.push(h('li', {}, h('span', { 'aria-current': 'page', class: 'mono' }, current)));
  const up = current != null ? path.at(-1) : path.at(-2);
  return h('nav', { class: 'crumbs', 'aria-label': t('whereYouAre') },
    up ? h('button', { type: 'button', class: 'back', onclick: () => navigate(paths.region(up.id)) }, `← ${t('back')}`) : null,
    h('ol', {}, ...crumbs));
}
