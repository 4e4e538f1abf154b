import type { RegionIndicators } from '../api/types';
import { i18n, t } from '../i18n/i18n';
import { formatValue } from '../model/format';
import { displayUnit, label } from '../model/quantities';
import { h, measurement, noData } from '../ui/dom';

/** Day and night levels against the limits of the place's GB 3096-2008 zone class, and the latest LAeq. A region
 *  above the districts has no single zone, and one level across zones with different limits would say nothing: it
 *  shows how many of its districts meet their own zone's limits by day and by night. */
export function noisePanel(place: RegionIndicators): HTMLElement {
  return place.leaf ? districtNoise(place) : zoneCompliance(place);
}

function zoneCompliance(region: RegionIndicators): HTMLElement {
  const c = region.noise?.compliance;
  const row = (name: string, measured: number | undefined, within: number | undefined, over: number | undefined) =>
    h('tr', {},
      h('th', {}, name),
      h('td', { class: 'num' }, measured ? String(within) : noData()),
      h('td', { class: 'num' }, measured ? h('span', { class: over ? 'bad' : '' }, String(over)) : noData()),
      h('td', { class: 'num' }, measured ? `${measured} / ${c?.districts ?? 0}` : `0 / ${c?.districts ?? 0}`));
  return h('div', { class: 'noise compliance' },
    h('p', { class: 'muted' }, t('zoneComplianceNote')),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, t('withinLimit')), h('th', { class: 'num' }, t('exceeds')), h('th', { class: 'num' }, t('measuredDistricts')))),
      h('tbody', {},
        row(t('day'), c?.dayMeasured, c?.dayWithin, c?.dayOver),
        row(t('night'), c?.nightMeasured, c?.nightWithin, c?.nightOver))));
}

function districtNoise(district: RegionIndicators): HTMLElement {
  const unit = displayUnit('noise', district.latest.noise?.unit);
  const noise = district.noise;
  const zone = noise?.zone ?? district.noiseZone;
  const row = (name: string, level: number | null | undefined, limit: number | null | undefined) => {
    const shown = formatValue('noise', level);
    // Compared as shown (0.1 dB), strictly above the limit, so the verdict agrees with the number on screen.
    const exceeds = level != null && limit != null ? Math.round(level * 10) / 10 > limit : null;
    return h('tr', {},
      h('th', {}, name),
      h('td', { class: 'num' }, measurement(shown, unit)),
      h('td', { class: 'num' }, limit != null ? `${formatValue('noise', limit)} ${unit}` : noData()),
      h('td', {}, exceeds == null ? '' : h('span', { class: `badge ${exceeds ? 'bad' : 'good'}` }, t(exceeds ? 'exceeds' : 'withinLimit'))));
  };
  return h('div', { class: 'noise' },
    h('p', { class: 'muted' }, `${t('noiseZone')}: ${zone ? t('zoneClass', { zone }) : t('noData')} (GB 3096-2008)`),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, t('value')), h('th', { class: 'num' }, t('limit')), h('th', {}, ''))),
      h('tbody', {},
        row(t('day'), noise?.ld, noise?.limitDay),
        row(t('night'), noise?.ln, noise?.limitNight),
        h('tr', {}, h('th', {}, label('noise', i18n.language)), h('td', { class: 'num' }, measurement(formatValue('noise', district.latest.noise?.value), unit)), h('td', {}), h('td', {})))));
}
