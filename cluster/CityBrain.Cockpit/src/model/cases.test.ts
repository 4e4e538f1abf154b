import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { caseAction, caseActor, caseKind, caseStatus, minutesToSeconds } from './cases';

describe('cases in the page language', () => {
  beforeEach(() => i18n.set('zh'));
  afterEach(() => i18n.set('en'));

  it('names kinds, statuses, steps and the data as actor', () => {
    expect(caseKind({ kind: 'air' })).toBe('大气污染');
    expect(caseStatus('dispatched')).toBe('已派发');
    expect(caseAction({ action: 'escalated' })).toBe('超期升级');
    expect(caseActor({ actor: 'data' })).toBe('监测数据');
  });

  it('shows a person as named and a name it does not know as the host sent it', () => {
    expect(caseActor({ actor: '王科长' })).toBe('王科长');
    expect(caseStatus('archived')).toBe('archived');
  });

  it('turns minutes into seconds and keeps no data as no data', () => {
    expect(minutesToSeconds(2.5)).toBe(150);
    expect(minutesToSeconds(null)).toBeNull();
  });
});
