import type { DeviceHealth, SensorHealth } from '../api/types';
import { t } from '../i18n/i18n';
import { formatBytes, formatDateTime, formatDuration, formatTime, formatValue } from '../model/format';
import { h } from '../ui/dom';
import { valueTile } from './valueTile';

/** The gateway's own state from its last health report: outbox, publishing, sensors' errors and calibration. */
export function healthPanel(health: DeviceHealth | null): HTMLElement {
  if (!health) return h('p', { class: 'muted' }, t('noHealth'));
  const backlog = health.outboxDepth > 0 ? '#F59E0B' : null;
  return h('div', { class: 'health' },
    h('div', { class: 'tiles compact' },
      valueTile({ key: 'outbox', label: t('outboxDepth'), value: health.outboxDepth.toLocaleString(), accent: backlog,
        detail: health.oldestUnsentAgeSeconds != null ? `${t('oldestUnsent')}: ${formatDuration(health.oldestUnsentAgeSeconds)}` : null }),
      valueTile({ key: 'lastPublish', label: t('lastPublish'), value: health.lastPublish ? formatTime(health.lastPublish) : t('never'), detail: health.lastPublish ? formatDateTime(health.lastPublish) : null }),
      valueTile({ key: 'uptime', label: t('uptime'), value: formatDuration(health.uptimeSeconds) }),
      valueTile({ key: 'thinned', label: t('thinnedReports'), value: String(health.thinnedReports) }),
      valueTile({ key: 'dropped', label: t('droppedReports'), value: String(health.droppedReports), accent: health.droppedReports > 0 ? '#FF4D4F' : null }),
      valueTile({ key: 'cpu', label: t('cpuTemperature'), value: formatValue('temperature', health.cpuTemperature), unit: '°C' }),
      valueTile({ key: 'disk', label: t('freeDisk'), value: health.freeDiskBytes == null ? null : formatBytes(health.freeDiskBytes) }),
      valueTile({ key: 'skew', label: t('clockSkew'), value: health.clockSkewSeconds == null ? null : health.clockSkewSeconds.toFixed(1), unit: t('seconds') })),
    h('p', { class: 'muted' }, `${t('software')}: ${health.softwareVersion ?? t('noData')} · ${t('updated')} ${formatDateTime(health.reportedAt)}`),
    sensorTable(health.sensors));
}

function sensorTable(sensors: SensorHealth[]): HTMLElement {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table sensors' },
    h('thead', {}, h('tr', {},
      h('th', {}, t('sensor')), h('th', { class: 'num' }, t('samples')), h('th', { class: 'num' }, t('errors')),
      h('th', { class: 'wide-only' }, t('lastError')), h('th', {}, t('calibration')))),
    h('tbody', {}, ...sensors.map((s) => h('tr', { 'data-sensor': s.sensor },
      h('td', {}, h('span', { class: 'mono' }, s.sensor), h('span', { class: 'muted' }, ` ${s.model}`)),
      h('td', { class: 'num' }, s.samples.toLocaleString()),
      h('td', { class: `num ${s.errors > 0 ? 'bad' : ''}` }, s.errors.toLocaleString()),
      h('td', { class: 'reason wide-only' }, s.lastError ?? '–'),
      h('td', {}, calibration(s)))))));
}

function calibration(s: SensorHealth): string {
  if (s.calibrationFactor == null && s.calibrationOffset == null) return t('notCalibrated');
  const parts = [`×${s.calibrationFactor ?? 1}`, `${(s.calibrationOffset ?? 0) >= 0 ? '+' : ''}${s.calibrationOffset ?? 0}`];
  return `${parts.join(' ')}${s.calibrationDate ? ` (${s.calibrationDate})` : ''}`;
}
