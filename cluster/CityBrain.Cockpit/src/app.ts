import { i18n } from './i18n/i18n';
import type { RegionStore } from './live/regionStore';
import { connectRegionStream } from './live/regionStream';
import { h } from './ui/dom';
import { type Section, Shell } from './ui/shell';
import { WallCycle, wallSettings } from './ui/wall';
import { accountView } from './views/accountView';
import { caseView } from './views/caseView';
import { deviceView } from './views/deviceView';
import { opsView } from './views/opsView';
import { regionView } from './views/regionView';
import { paths, type View, type ViewContext } from './views/view';

interface Route {
  pattern: RegExp;
  section: Section;
  create(context: ViewContext, id: string): View;
}

/** The views by URL: every place and device has its own, so each can be bookmarked, shared or put on a wall. */
function routes(store: RegionStore): Route[] {
  return [
    { pattern: /^\/$/, section: 'overview', create: (c) => regionView(c, store.index.root.id) },
    { pattern: /^\/regions\/([^/]+)$/, section: 'overview', create: (c, id) => regionView(c, id) },
    { pattern: /^\/devices\/([^/]+)$/, section: 'overview', create: (c, id) => deviceView(c, id) },
    { pattern: /^\/cases\/([^/]+)$/, section: 'overview', create: (c, id) => caseView(c, id) },
    { pattern: /^\/ops$/, section: 'ops', create: () => opsView() },
    { pattern: /^\/account$/, section: 'account', create: () => accountView() },
  ];
}

/** The page: the shell and one view at a time, chosen by the URL; the host answers every such URL with this page.
 *  The live stream carries the region the view follows, and moves when the view does. */
export class App {
  private readonly shell: Shell;
  private readonly context: ViewContext;
  private readonly routes: Route[];
  private view: View | null = null;
  private streamed: { regionId: string; stop(): void } | null = null;

  constructor(root: HTMLElement, private readonly store: RegionStore) {
    this.shell = new Shell(store);
    this.routes = routes(store);
    this.context = { store, navigate: (path) => this.navigate(path), follow: (regionId) => this.follow(regionId) };
    root.replaceChildren(this.shell.element);
    window.addEventListener('popstate', () => this.show());
    i18n.onChange(() => {
      this.shell.render();
      this.show();
    });
    // Links inside the page change the view without reloading it.
    root.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a[data-link]');
      if (!link || (event as MouseEvent).ctrlKey || (event as MouseEvent).metaKey) return;
      event.preventDefault();
      this.navigate(link.getAttribute('href') ?? '/');
    });
    const wall = wallSettings(location.search);
    document.documentElement.classList.toggle('wall', wall != null);
    this.show();
    if (wall) this.shell.addStatus(new WallCycle(wall, store.index, location.pathname, (path) => this.navigate(path, true)).element);
  }

  /** Moves to a view; the query (a wall screen's settings) stays with the page. */
  private navigate(path: string, replace = false): void {
    if (path !== location.pathname) {
      const url = `${path}${location.search}`;
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    this.show();
  }

  private follow(regionId: string): void {
    if (this.streamed?.regionId === regionId) return;
    this.streamed?.stop();
    this.streamed = { regionId, stop: connectRegionStream(this.store, regionId) };
  }

  private show(): void {
    this.view?.dispose();
    const route = this.routes.find((r) => r.pattern.test(location.pathname));
    if (!route) {
      history.replaceState(null, '', `${paths.overview()}${location.search}`);
      this.show();
      return;
    }
    const id = decodeURIComponent(route.pattern.exec(location.pathname)?.[1] ?? '');
    this.shell.select(route.section);
    this.view = route.create(this.context, id);
    // A view of no place (operations, the account) keeps the stream of the place shown before, or on a first load the
    // root's: the header's link state always says whether the host is live.
    if (!this.streamed) this.follow(this.store.index.root.id);
    this.shell.main.replaceChildren(h('div', { class: 'view-frame' }, this.view.element));
    window.scrollTo(0, 0);
  }
}
