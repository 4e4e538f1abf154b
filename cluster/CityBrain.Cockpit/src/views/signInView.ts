import { type Refusal, session } from '../api/session';
import { i18n, type Language, t } from '../i18n/i18n';
import { h } from '../ui/dom';

/** What a refused sign-in or password change says, in the page's language. */
export function refusalText(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'wrong': return t('wrongPassword');
    case 'throttled': return t('tooManyAttempts', { s: refusal.retryAfterSeconds });
    case 'invalid': return refusal.detail;
    case 'unreachable': return t('hostUnreachable');
  }
}

/** The sign-in page, before any of the cockpit: user name and password, and the language, since a director's office
 *  may need either. A successful sign-in loads the view the user came from. */
export function signInView(): HTMLElement {
  const userName = h('input', { id: 'sign-in-user', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const userLabel = h('label', { for: 'sign-in-user' });
  const passwordLabel = h('label', { for: 'sign-in-password' });
  const submit = h('button', { type: 'submit', class: 'button primary' });
  const message = h('p', { class: 'form-message', role: 'alert', 'aria-live': 'assertive' });
  const title = h('h1', {});
  const subtitle = h('p', { class: 'muted' });
  const languages = (['zh', 'en'] as const).map((language: Language) =>
    h('button', { type: 'button', lang: language === 'zh' ? 'zh-CN' : 'en', 'data-language': language, onclick: () => i18n.set(language) },
      language === 'zh' ? '中文' : 'EN'));

  const form = h('form', { class: 'sign-in-form', novalidate: true },
    h('div', { class: 'field' }, userLabel, userName),
    h('div', { class: 'field' }, passwordLabel, password),
    message, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn();
  });

  async function signIn(): Promise<void> {
    if (!userName.value.trim() || !password.value) {
      message.textContent = t('enterNameAndPassword');
      return;
    }
    submit.disabled = true;
    message.textContent = '';
    const answer = await session.signIn(userName.value.trim(), password.value);
    submit.disabled = false;
    if ('role' in answer) {
      location.replace(session.returnPath);
      return;
    }
    password.value = '';
    message.textContent = refusalText(answer);
    password.focus();
  }

  function render(): void {
    document.title = `${t('signIn')} · ${t('appTitle')}`;
    title.textContent = t('appTitle');
    subtitle.textContent = t('signInHint');
    userLabel.textContent = t('userName');
    passwordLabel.textContent = t('password');
    submit.textContent = t('signIn');
    for (const button of languages) {
      const active = button.dataset.language === i18n.language;
      button.className = active ? 'active' : '';
      button.setAttribute('aria-pressed', active ? 'true' : 'false');
    }
  }

  i18n.onChange(render);
  render();
  return h('div', { class: 'sign-in-page', 'data-view': 'sign-in' },
    h('section', { class: 'sign-in-card panel' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('div', {}, title, subtitle)),
      form,
      h('div', { class: 'segmented language', role: 'group' }, ...languages)));
}
