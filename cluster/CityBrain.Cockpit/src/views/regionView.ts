import { placeName, t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { h } from '../ui/dom';
import { levelName, viewHead } from '../ui/places';
import { leafPanels } from './leafPanels';
import { parentPanels } from './parentPanels';
import { type View, type ViewContext } from './view';

/** Any place of the tree: the province, a city, a district. Places with children show the same panels for them at
 *  every depth; a leaf shows its devices. The tree tells which one it is, so the frame is drawn at once and the
 *  live region fills it in. */
export function regionView(context: ViewContext, regionId: string): View {
  const node = context.store.index.find(regionId);
  if (!node) {
    return { element: h('p', { class: 'empty-state' }, t('notFoundRegion', { id: regionId })), dispose() {} };
  }
  const leaf = node.children.length === 0;
  const body = leaf ? leafPanels(context, node) : parentPanels(context, node);
  const subtitle = h('span', { class: 'muted' }, levelName(node.level));
  const element = h('div', { class: `view region-view ${leaf ? 'leaf' : 'parent'}`, 'data-view': 'region', 'data-region': node.id, 'data-level': node.level },
    h('div', { class: 'view-head' },
      viewHead(context.store.index.path(node.id), context.navigate),
      h('h1', {}, placeName(node)),
      subtitle),
    body.element);

  context.follow(node.id);
  const unsubscribe = context.store.onRegion((region) => {
    const zone = leaf && region.noiseZone ? ` · ${t('noiseZone')} ${t('zoneClass', { zone: region.noiseZone })}` : '';
    subtitle.textContent = `${levelName(region.level)}${zone} · ${t('updated')} ${formatDateTime(region.updatedAt)}`;
    body.update(region);
  });

  return {
    element,
    dispose() {
      unsubscribe();
      body.dispose();
    },
  };
}
