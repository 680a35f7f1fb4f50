// The one place the meetings' refusals become what the person is shown: a meeting's rule
// (TransitionError), the live sitting's (LiveError) and the minutes' (MinutesError). Routes make a
// change through `meetingChange` and show the problems it returns at the form's field; nothing else
// catches these errors.
import type { FieldProblem } from '../../core/errors.js';
import { formatDate } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { LiveError, type LiveProblem } from './live.service.js';
import { TransitionError } from './meetings.service.js';
import { MinutesError } from './minutes.service.js';

type Refusal = TransitionError | LiveError | MinutesError;
type Reason = Refusal['reason'];

/** Where a refusal is shown: a field of the form (in the form with `idPrefix` when the page has several). */
export interface Place {
  field: string;
  idPrefix?: string;
}

const transitionMessages: Record<TransitionError['reason'], MessageKey> = {
  not_allowed: 'meetingsOffice.notAllowed',
  reason_missing: 'meetingsOffice.reasonMissing',
  agenda_empty: 'meetingsOffice.agendaEmptyToAnnounce',
};

const liveMessages: Record<LiveProblem, MessageKey> = {
  not_in_progress: 'live.problem.notInProgress',
  not_editable: 'live.problem.notEditable',
  item_unknown: 'live.problem.itemUnknown',
  decision_unknown: 'live.problem.decisionUnknown',
  vote_not_open: 'live.problem.voteNotOpen',
  vote_already_started: 'live.problem.voteAlreadyStarted',
  counts_invalid: 'live.problem.countsInvalid',
  counts_too_many: 'live.problem.countsTooMany',
  voter_not_member: 'live.problem.voterNotMember',
  statement_unknown: 'live.problem.statementUnknown',
};

const isRefusal = (err: unknown): err is Refusal => err instanceof TransitionError || err instanceof LiveError || err instanceof MinutesError;

/** Makes a change: the refusal when a meeting's rule refuses it, null when it is made. Other errors go on to the error handler. */
export async function refusalOf(change: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await change();
    return null;
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return err;
  }
}

/** A refusal as a problem at its place, its dates written out in the page's language. */
function refusalProblem(lang: Language, err: Refusal, at: Place): FieldProblem {
  if (err instanceof LiveError) {
    const values = Object.fromEntries(Object.entries(err.values).map(([k, v]) => [k, k === 'date' ? formatDate(lang, String(v)) : v]));
    return { ...at, messageKey: liveMessages[err.reason], values };
  }
  if (err instanceof TransitionError) return { ...at, messageKey: transitionMessages[err.reason] };
  return { ...at, messageKey: 'minutes.notHeld' };
}

/**
 * Makes a change: the problems to show when a meeting's rule refuses it, none when it is made. `at`
 * is the field the refusal is shown at, or says it by the reason.
 */
export async function meetingChange(lang: Language, at: Place | ((reason: Reason) => Place), change: () => Promise<unknown>): Promise<FieldProblem[]> {
  const refused = await refusalOf(change);
  if (!refused) return [];
  return [refusalProblem(lang, refused, typeof at === 'function' ? at(refused.reason) : at)];
}
