import { goToSignIn, type Role, session } from '../api/session';
import type { LinkState, RegionStore } from '../live/regionStore';
import { i18n, type Language, placeName, t } from '../i18n/i18n';
import { formatDateTime } from '../model/format';
import { paths } from '../views/view';
import { h } from './dom';

const roleKeys = { viewer: 'roleViewer', operator: 'roleOperator', technician: 'roleTechnician', administrator: 'roleAdministrator' } as const;

/** A role's name in the page's language. */
export function roleName(role: Role): string {
  return t(roleKeys[role]);
}

export type Section = 'overview' | 'ops' | 'account';

const linkText: Record<LinkState, 'live' | 'connecting' | 'reconnecting'> = { live: 'live', connecting: 'connecting', reconnecting: 'reconnecting' };

/** How long the link may be down before the numbers on screen are shown as stale: a restart of the host takes a few
 *  seconds and should not grey out a wall screen; a longer outage must not leave old numbers looking current. */
export const staleAfterMs = 15_000;

/** The frame around every view: the tree's root and the title, navigation, the region's clock, the live-link state, the language.
 *  Its elements are made once and only their text and state change: the region updates every few seconds, and an
 *  element replaced between a pointer's press and release loses the click (and the keyboard focus it held). */
export class Shell {
  readonly element: HTMLElement;
  readonly main: HTMLElement;
  private readonly clock: HTMLElement;
  private readonly link: HTMLElement;
  private readonly rootName: HTMLElement;
  private readonly title: HTMLElement;
  private readonly navOverview: HTMLElement;
  private readonly navOps: HTMLElement;
  private readonly navDashboard: HTMLElement;
  private readonly languages: HTMLElement;
  private readonly languageButtons: Record<Language, HTMLElement>;
  private readonly account: HTMLElement;
  private readonly signInOrOut: HTMLElement;
  private readonly status: HTMLElement;
  private readonly timer: number;
  private section: Section = 'overview';
  /** When the link was last live; the numbers on screen are from then at the latest. */
  private liveUntil = Date.now();

  constructor(private readonly store: RegionStore) {
    this.clock = h('time', { class: 'clock' });
    this.link = h('span', { class: 'link-state', role: 'status', 'aria-live': 'polite' });
    this.rootName = h('div', { class: 'brand-city' });
    this.title = h('div', { class: 'brand-title' });
    this.navOverview = h('a', { href: paths.overview(), 'data-link': true });
    this.navOps = h('a', { href: paths.ops(), 'data-link': true });
    this.navDashboard = h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' });
    const option = (language: Language, text: string) => h('button', {
      type: 'button',
      lang: language === 'zh' ? 'zh-CN' : 'en',
      'data-language': language,
      onclick: () => i18n.set(language),
    }, text);
    this.languageButtons = { zh: option('zh', '中文'), en: option('en', 'EN') };
    this.languages = h('div', { class: 'segmented language', role: 'group' }, this.languageButtons.zh, this.languageButtons.en);
    this.account = h('a', { class: 'account', href: paths.account(), 'data-link': true });
    // Anonymous viewers sign in from here; everyone else signs out.
    this.signInOrOut = h('button', {
      type: 'button',
      class: 'sign-out',
      onclick: () => (session.current?.anonymous ? goToSignIn() : void session.signOut()),
    });
    this.status = h('div', { class: 'shell-status' }, this.link, this.clock, this.languages, this.account, this.signInOrOut);
    const header = h('header', { class: 'shell-head' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('div', {}, this.rootName, this.title)),
      h('nav', { class: 'nav' }, this.navOverview, this.navOps, this.navDashboard),
      this.status);
    this.main = h('main', { class: 'shell-main' });
    this.element = h('div', { class: 'shell' }, header, this.main);
    store.onLink((state) => this.showLink(state));
    // A place no device reports from is connected but has nothing live to show: it must not look like all is well.
    store.onRegion(() => this.showLink(this.store.link));
    this.timer = window.setInterval(() => this.tick(), 1000);
    this.render();
  }

  /** Puts a note (a wall screen's countdown) first in the status line. */
  addStatus(note: HTMLElement): void {
    this.status.prepend(note);
  }

  /** Marks which navigation entry the current view belongs to. */
  select(section: Section): void {
    this.section = section;
    this.render();
  }

  render(): void {
    const root = placeName(this.store.index.root);
    this.rootName.textContent = root;
    this.title.textContent = t('appTitle');
    this.showNav(this.navOverview, 'overview', t('navOverview'));
    this.showNav(this.navOps, 'ops', t('navOps'));
    this.navDashboard.textContent = `${t('navDashboard')} ↗`;
    // The host lets only administrators into the cluster dashboard: nobody else is shown a door that stays shut.
    this.navDashboard.hidden = session.current?.role !== 'administrator';
    this.showAccount();
    this.languages.setAttribute('aria-label', t('language'));
    for (const language of ['zh', 'en'] as const) {
      const button = this.languageButtons[language];
      button.className = i18n.language === language ? 'active' : '';
      button.setAttribute('aria-pressed', i18n.language === language ? 'true' : 'false');
    }
    this.showLink(this.store.link);
    this.tick();
    document.title = `${root} · ${t('appTitle')}`;
  }

  private showAccount(): void {
    const me = session.current;
    this.account.hidden = !me || me.anonymous;
    this.account.textContent = me?.userName ? `${me.userName} · ${roleName(me.role)}` : '';
    this.account.className = this.section === 'account' ? 'account active' : 'account';
    this.signInOrOut.hidden = !me;
    this.signInOrOut.textContent = me?.anonymous ? t('signIn') : t('signOut');
  }

  private showNav(link: HTMLElement, section: Section, text: string): void {
    link.textContent = text;
    link.className = this.section === section ? 'active' : '';
    if (this.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  private showLink(state: LinkState): void {
    const silent = state === 'live' && this.store.region?.devicesRegistered === 0;
    this.link.className = `link-state ${silent ? 'silent' : state}`;
    this.link.textContent = t(silent ? 'liveNoDevices' : linkText[state]);
    this.tick();
  }

  private tick(): void {
    const now = Date.now();
    this.clock.textContent = formatDateTime(new Date(now));
    if (this.store.link === 'live') this.liveUntil = now;
    const stale = now - this.liveUntil >= staleAfterMs;
    document.documentElement.classList.toggle('stale', stale);
    if (stale) {
      this.link.textContent = t('staleSince', { time: formatDateTime(new Date(this.liveUntil)), seconds: Math.round((now - this.liveUntil) / 1000) });
    }
  }

  dispose(): void {
    window.clearInterval(this.timer);
  }
}
