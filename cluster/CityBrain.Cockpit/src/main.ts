import './styles/cockpit.css';
import { api } from './api/client';
import { goToSignIn, session } from './api/session';
import { App } from './app';
import { i18n, t } from './i18n/i18n';
import { CityStore } from './live/cityStore';
import { connectCityStream } from './live/cityStream';
import { useAqiCategories } from './model/aqi';
import { useCityTimeZone } from './model/format';
import { useVocabulary } from './model/quantities';
import { signInView } from './views/signInView';

const retryMs = 3_000;

/** Asks the host who is looking (the sign-in view if nobody is), reads what every view needs once (vocabulary,
 *  district shapes, the city), then goes live. While the host is unreachable the page says so and keeps trying. */
async function start(root: HTMLElement): Promise<void> {
  document.documentElement.lang = i18n.locale;
  root.textContent = t('connecting');
  for (;;) {
    try {
      const me = await session.load();
      if (session.atSignIn) {
        if (me && !me.anonymous) location.replace(session.returnPath);
        else root.replaceChildren(signInView());
        return;
      }
      if (!me) {
        goToSignIn();
        return;
      }
      const [vocabulary, scale, map, city] = await Promise.all([api.quantities(), api.aqiCategories(), api.map(), api.city()]);
      useVocabulary(vocabulary);
      useAqiCategories(scale);
      useCityTimeZone(city.timeZone);
      const store = new CityStore();
      store.setCity(city);
      new App(root, store, map);
      connectCityStream(store);
      return;
    } catch (error) {
      console.warn('the host is not answering yet', error);
      root.textContent = t('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

void start(document.getElementById('app') as HTMLElement);
