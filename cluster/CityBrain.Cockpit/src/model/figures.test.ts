import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { pointsChange, relativeChange } from './figures';

describe('changes of the headline figures', () => {
  beforeEach(() => i18n.set('en'));
  afterEach(() => i18n.set('en'));

  it('gives a share in percentage points, green when more good days', () => {
    expect(pointsChange(0.0321, 'up')).toEqual({ text: '+3.2 pts', tone: 'good' });
    expect(pointsChange(-0.05, 'up')).toEqual({ text: '−5 pts', tone: 'bad' });
  });

  it('gives PM2.5 relative, green when it falls', () => {
    expect(relativeChange(-0.085, 'down')).toEqual({ text: '−8.5 %', tone: 'good' });
    expect(relativeChange(0.2, 'down')).toEqual({ text: '+20 %', tone: 'bad' });
  });

  it('says nothing for an unknown change and ±0 for none', () => {
    expect(relativeChange(null, 'down')).toBeNull();
    expect(pointsChange(undefined, 'up')).toBeNull();
    expect(relativeChange(0.0004, 'down')).toEqual({ text: '±0 %', tone: 'same' });
  });

  it('speaks Chinese on a Chinese page', () => {
    i18n.set('zh');
    expect(pointsChange(0.031, 'up')?.text).toBe('+3.1个百分点');
  });
});
