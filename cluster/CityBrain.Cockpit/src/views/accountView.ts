import { session } from '../api/session';
import { t } from '../i18n/i18n';
import { h, panel } from '../ui/dom';
import { roleName } from '../ui/shell';
import { refusalText } from './signInView';
import type { View } from './view';

/** The signed-in user's own page: who they are, what they may do, and their password. */
export function accountView(): View {
  const me = session.current;
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const again = h('input', { id: 'repeat-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('changePassword'));
  const form = h('form', { class: 'password-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'current-password' }, t('currentPassword')), current),
    h('div', { class: 'field' }, h('label', { for: 'new-password' }, t('newPassword')), next),
    h('div', { class: 'field' }, h('label', { for: 'repeat-password' }, t('repeatPassword')), again),
    message, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void change();
  });

  async function change(): Promise<void> {
    message.className = 'form-message';
    if (next.value !== again.value) {
      message.textContent = t('passwordsDiffer');
      return;
    }
    submit.disabled = true;
    const refusal = await session.changePassword(current.value, next.value);
    submit.disabled = false;
    if (refusal) {
      message.textContent = refusalText(refusal);
      return;
    }
    for (const input of [current, next, again]) input.value = '';
    message.className = 'form-message ok';
    message.textContent = t('passwordChanged');
  }

  const facts = me && !me.anonymous
    ? h('dl', { class: 'account-facts' },
      h('dt', {}, t('userName')), h('dd', {}, me.userName ?? ''),
      h('dt', {}, t('role')), h('dd', {}, roleName(me.role)),
      me.districts.length > 0 ? [h('dt', {}, t('districts')), h('dd', {}, me.districts.join(', '))] : null)
    : h('p', {}, t('anonymousViewer'));

  const element = h('div', { class: 'view account-view', 'data-view': 'account' },
    h('div', { class: 'view-head' }, h('h1', {}, t('account'))),
    h('div', { class: 'account-grid' },
      panel(t('signedInAs'), facts),
      me && !me.anonymous ? panel(t('changePassword'), form) : null));
  return { element, dispose: () => undefined };
}
