// Who may see and handle citizens' questions (see core/auth/authorize.ts). The public form and the
// private tracking link need no policy: the link's token is the proof.
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
export const questionPolicies = {
    /** The office's list: the secretariat and admins (every question), a maslikhat's staff (theirs), a deputy (those assigned to them). */
    'questions.list': (actor) => hasRole(actor, 'admin', 'secretariat', 'maslikhat_staff', 'deputy'),
    /**
     * Read and handle one question (take, assign, forward, answer, close, extend): the secretariat or an
     * admin, the staff of its maslikhat, or the deputy it is assigned to (their account is the owner).
     */
    'questions.handle': (actor, resource) => hasRole(actor, 'admin', 'secretariat') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff') || (!!resource?.ownerAccountId && resource.ownerAccountId === actor.accountId),
    /** Register a question raised at an event: the maslikhat's staff or deputies, the secretariat, an admin. */
    'questions.register': (actor, resource) => hasRole(actor, 'admin', 'secretariat') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'deputy'),
    /** How long applicants' details are kept after closing: administrators. */
    'questions.retention': (actor) => hasRole(actor, 'admin'),
};
//# sourceMappingURL=questions.policies.js.map