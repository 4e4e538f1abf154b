import './styles/cockpit.css';
import { api } from './api/client';
import { goToSignIn, session } from './api/session';
import { App } from './app';
import { i18n, t } from './i18n/i18n';
import { RegionIndex, RegionStore } from './live/regionStore';
import { useAqiCategories } from './model/aqi';
import { useCityTimeZone } from './model/format';
import { useVocabulary } from './model/quantities';
import { signInView } from './views/signInView';

const retryMs = 3_000;

/** Asks the host who is looking (the sign-in view if nobody is), reads what every view needs once (vocabulary, AQI
 *  scale, the region tree), then shows the view of the URL, which goes live. While the host is unreachable the page says so and keeps trying. */
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
      const [vocabulary, scale, tree] = await Promise.all([api.quantities(), api.aqiCategories(), api.tree()]);
      useVocabulary(vocabulary);
      useAqiCategories(scale);
      useCityTimeZone(tree.timeZone);
      new App(root, new RegionStore(new RegionIndex(tree)));
      return;
    } catch (error) {
      console.warn('the host is not answering yet', error);
      root.textContent = t('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

void start(document.getElementById('app') as HTMLElement);
