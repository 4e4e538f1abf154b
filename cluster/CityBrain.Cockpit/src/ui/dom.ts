import { t } from '../i18n/i18n';

// A few lines instead of a framework: elements are built from data, text always goes in as text (never as HTML).

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A panel: the titled box every widget sits in. */
export function panel(title: string | Node, body: HTMLElement, extra: { class?: string; actions?: Node } = {}): HTMLElement {
  return h('section', { class: `panel ${extra.class ?? ''}`.trim() },
    h('header', { class: 'panel-head' }, h('h2', {}, title), extra.actions ?? null),
    body);
}

/** The "no data" mark: missing values are shown as such, never as zero. */
export function noData(text = t('noData')): HTMLElement {
  return h('span', { class: 'no-data' }, text);
}

/** A value with its unit, or "no data". */
export function measurement(value: string | null, unit: string): HTMLElement {
  if (value == null) return noData();
  return h('span', { class: 'measurement' }, h('span', { class: 'value' }, value), unit ? h('span', { class: 'unit' }, unit) : null);
}

/** Text for the HTML of a chart's tooltip, which ECharts inserts as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
