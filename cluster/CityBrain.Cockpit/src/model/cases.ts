import type { Case, CaseStep } from '../api/types';
import { type MessageKey, t } from '../i18n/i18n';

/** Names the API gives a case's kind, status and steps, and the message each is shown with. */
const kinds: Record<string, MessageKey> = { air: 'caseKindAir', noise: 'caseKindNoise', device: 'caseKindDevice' };
const statuses: Record<string, MessageKey> = {
  raised: 'caseStatusRaised',
  acknowledged: 'caseStatusAcknowledged',
  dispatched: 'caseStatusDispatched',
  handled: 'caseStatusHandled',
  verified: 'caseStatusVerified',
  closed: 'caseStatusClosed',
};
const actions: Record<string, MessageKey> = {
  raised: 'caseActionRaised',
  joined: 'caseActionJoined',
  acknowledged: 'caseActionAcknowledged',
  dispatched: 'caseActionDispatched',
  handled: 'caseActionHandled',
  verified: 'caseActionVerified',
  closed: 'caseActionClosed',
  reopened: 'caseActionReopened',
  escalated: 'caseActionEscalated',
};
const actors: Record<string, MessageKey> = { data: 'actorData', deadline: 'actorDeadline' };

/** A name the page does not know (a newer host) is shown as the host sent it rather than hidden. */
const named = (table: Record<string, MessageKey>, name: string) => (table[name] ? t(table[name]) : name);

export const caseKind = (c: Pick<Case, 'kind'>) => named(kinds, c.kind);
export const caseStatus = (status: string) => named(statuses, status);
export const caseAction = (step: Pick<CaseStep, 'action'>) => named(actions, step.action);
export const caseActor = (step: Pick<CaseStep, 'actor'>) => named(actors, step.actor);

/** How long, in whole minutes as the API gives it, as seconds for the page's duration format. */
export const minutesToSeconds = (minutes: number | null | undefined) => (minutes == null ? null : minutes * 60);
