import type { City } from '../api/types';
import type { CityStore, LinkState } from '../live/cityStore';
import { i18n, type Language, placeName, t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { paths } from '../views/view';
import { h } from './dom';

const linkText: Record<LinkState, 'live' | 'connecting' | 'reconnecting'> = { live: 'live', connecting: 'connecting', reconnecting: 'reconnecting' };

/** The frame around every view: city and title, navigation, the city's clock, the live-link state, the language. */
export class Shell {
  readonly element: HTMLElement;
  readonly main: HTMLElement;
  private readonly header: HTMLElement;
  private readonly clock: HTMLElement;
  private readonly link: HTMLElement;
  private readonly timer: number;
  private section: 'city' | 'ops' = 'city';

  constructor(private readonly store: CityStore) {
    this.header = h('header', { class: 'shell-head' });
    this.clock = h('time', { class: 'clock' });
    this.link = h('span', { class: 'link-state', role: 'status', 'aria-live': 'polite' });
    this.main = h('main', { class: 'shell-main' });
    this.element = h('div', { class: 'shell' }, this.header, this.main);
    store.onLink((state) => this.showLink(state));
    this.timer = window.setInterval(() => this.tick(), 1000);
    this.render();
  }

  /** Marks which navigation entry the current view belongs to. */
  select(section: 'city' | 'ops'): void {
    this.section = section;
    this.render();
  }

  render(): void {
    const city: City | null = this.store.city;
    const nav = (section: 'city' | 'ops', href: string, text: string) =>
      h('a', { href, 'data-link': true, class: this.section === section ? 'active' : '', 'aria-current': this.section === section ? 'page' : null }, text);
    this.header.replaceChildren(
      h('div', { class: 'brand' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
        h('div', {}, h('div', { class: 'brand-city' }, city ? placeName(city) : ''), h('div', { class: 'brand-title' }, t('appTitle')))),
      h('nav', { class: 'nav' },
        nav('city', paths.city(), t('navCity')),
        nav('ops', paths.ops(), t('navOps')),
        h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' }, `${t('navDashboard')} ↗`)),
      h('div', { class: 'shell-status' }, this.link, this.clock, this.languageSwitch()));
    this.showLink(this.store.link);
    this.tick();
    document.title = `${city ? `${placeName(city)} · ` : ''}${t('appTitle')}`;
  }

  private languageSwitch(): HTMLElement {
    const option = (language: Language, text: string) => h('button', {
      type: 'button',
      lang: language === 'zh' ? 'zh-CN' : 'en',
      class: i18n.language === language ? 'active' : '',
      'aria-pressed': i18n.language === language ? 'true' : 'false',
      'data-language': language,
      onclick: () => i18n.set(language),
    }, text);
    return h('div', { class: 'segmented language', role: 'group', 'aria-label': t('language') }, option('zh', '中文'), option('en', 'EN'));
  }

  private showLink(state: LinkState): void {
    this.link.className = `link-state ${state}`;
    this.link.textContent = t(linkText[state]);
  }

  private tick(): void {
    this.clock.textContent = formatDateTime(new Date());
  }

  dispose(): void {
    window.clearInterval(this.timer);
  }
}
