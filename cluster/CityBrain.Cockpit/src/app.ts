import type { CityMap } from './api/types';
import { i18n } from './i18n/i18n';
import type { CityStore } from './live/cityStore';
import { h } from './ui/dom';
import { type Section, Shell } from './ui/shell';
import { accountView } from './views/accountView';
import { cityView } from './views/cityView';
import { deviceView } from './views/deviceView';
import { districtView } from './views/districtView';
import { opsView } from './views/opsView';
import type { View, ViewContext } from './views/view';

interface Route {
  pattern: RegExp;
  section: Section;
  create(context: ViewContext, id: string): View;
}

const routes: Route[] = [
  { pattern: /^\/$/, section: 'city', create: (c) => cityView(c) },
  { pattern: /^\/districts\/([^/]+)$/, section: 'city', create: (c, id) => districtView(c, id) },
  { pattern: /^\/devices\/([^/]+)$/, section: 'city', create: (c, id) => deviceView(c, id) },
  { pattern: /^\/ops$/, section: 'ops', create: () => opsView() },
  { pattern: /^\/account$/, section: 'account', create: () => accountView() },
];

/** The page: the shell and one view at a time, chosen by the URL, so every view can be bookmarked or put on a
 *  wall screen directly; the host answers every such URL with this page. */
export class App {
  private readonly shell: Shell;
  private readonly context: ViewContext;
  private view: View | null = null;

  constructor(root: HTMLElement, store: CityStore, map: CityMap) {
    this.shell = new Shell(store);
    this.context = { store, map, navigate: (path) => this.navigate(path) };
    root.replaceChildren(this.shell.element);
    window.addEventListener('popstate', () => this.show());
    i18n.onChange(() => {
      this.shell.render();
      this.show();
    });
    store.onCity(() => this.shell.render());
    // Links inside the page change the view without reloading it.
    root.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a[data-link]');
      if (!link || (event as MouseEvent).ctrlKey || (event as MouseEvent).metaKey) return;
      event.preventDefault();
      this.navigate(link.getAttribute('href') ?? '/');
    });
    this.show();
  }

  private navigate(path: string): void {
    if (path !== location.pathname) history.pushState(null, '', path);
    this.show();
  }

  private show(): void {
    this.view?.dispose();
    const route = routes.find((r) => r.pattern.test(location.pathname));
    if (!route) {
      history.replaceState(null, '', '/');
      this.show();
      return;
    }
    const id = decodeURIComponent(route.pattern.exec(location.pathname)?.[1] ?? '');
    this.shell.select(route.section);
    this.view = route.create(this.context, id);
    this.shell.main.replaceChildren(h('div', { class: 'view-frame' }, this.view.element));
    window.scrollTo(0, 0);
  }
}
