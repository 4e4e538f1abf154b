import type { City } from '../api/types';

export type LinkState = 'connecting' | 'live' | 'reconnecting';

/** The latest city the page knows and the state of the live link; views subscribe and redraw from it. */
export class CityStore {
  private cityValue: City | null = null;
  private linkValue: LinkState = 'connecting';
  private readonly cityListeners = new Set<(city: City) => void>();
  private readonly linkListeners = new Set<(state: LinkState) => void>();

  get city(): City | null {
    return this.cityValue;
  }

  get link(): LinkState {
    return this.linkValue;
  }

  setCity(city: City): void {
    this.cityValue = city;
    this.cityListeners.forEach((listener) => listener(city));
  }

  setLink(state: LinkState): void {
    if (state === this.linkValue) return;
    this.linkValue = state;
    this.linkListeners.forEach((listener) => listener(state));
  }

  /** Calls the listener now if a city is known, and on every change; returns the unsubscribe. */
  onCity(listener: (city: City) => void): () => void {
    this.cityListeners.add(listener);
    if (this.cityValue) listener(this.cityValue);
    return () => this.cityListeners.delete(listener);
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.linkListeners.add(listener);
    listener(this.linkValue);
    return () => this.linkListeners.delete(listener);
  }
}
