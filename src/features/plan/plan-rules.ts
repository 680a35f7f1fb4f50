// What the plan's services refuse, and the one rule of which plans may still change.
import type { PlanStatus } from '../../core/db/database.js';

export type PlanProblem =
  | 'read_only'
  | 'not_draft'
  | 'not_adopted'
  | 'decision_unavailable'
  | 'successor_invalid'
  | 'outside_period'
  | 'items_before_period'
  | 'items_after_period'
  | 'section_unknown'
  | 'item_cancelled'
  | 'indicator_unknown'
  | 'indicator_has_values';

/** A change the plan's rules refuse; the forms show it at a field (plan.forms.ts, planChange). */
export class PlanError extends Error {
  constructor(
    readonly reason: PlanProblem,
    readonly values: Record<string, string | number> = {},
  ) {
    super(reason);
    this.name = 'PlanError';
  }
}

/** A draft or adopted plan may change (an adopted one's changes are audited like any); a completed or superseded one is read-only. */
export const isEditable = (status: PlanStatus): boolean => status === 'draft' || status === 'adopted';
