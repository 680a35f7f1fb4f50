import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "preact/jsx-runtime";
// The public questions' pages: the form, the page with the private link, and the applicant's tracking page.
import { ErrorSummary, Form, Notice, SelectField, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
/** Text as typed: one paragraph per line. */
export function Lines({ text }) {
    return (_jsx(_Fragment, { children: text.split(/\n+/).map((line, i) => (_jsx("p", { children: line }, i))) }));
}
/** The consent checkbox with the personal-data wording, its error under the legend. */
export function ConsentField({ value, problems, labelKey }) {
    const { t } = usePage();
    const problem = problems.find((p) => p.field === 'consent');
    return (_jsx("div", { class: problem ? 'form-group form-group--error' : 'form-group', children: _jsxs("fieldset", { class: "fieldset", "aria-describedby": problem ? 'field-consent-error' : 'field-consent-hint', children: [_jsx("legend", { class: "label", children: t('questions.consentLegend') }), _jsx("p", { class: "hint", id: "field-consent-hint", children: t('questions.consentText') }), problem && (_jsxs("p", { class: "error-message", id: "field-consent-error", children: [_jsx("span", { class: "visually-hidden", children: t('form.errorPrefix') }), " ", t(problem.messageKey, problem.values)] })), _jsxs("div", { class: "radio", children: [_jsx("input", { type: "checkbox", id: "field-consent", name: "consent", value: "yes", checked: value === 'yes' }), _jsx("label", { for: "field-consent", children: t(labelKey) })] })] }) }));
}
/** The fields the public form and the office's event form share. */
export function QuestionFields({ answers, problems, regions }) {
    const { t } = usePage();
    return (_jsxs(_Fragment, { children: [_jsx(TextField, { name: "name", label: t('questions.name'), value: answers.name, autocomplete: "name", problems: problems }), _jsx(TextField, { name: "email", type: "email", label: t('questions.email'), hint: t('questions.contactHint'), value: answers.email, autocomplete: "email", problems: problems }), _jsx(TextField, { name: "phone", type: "tel", label: t('questions.phone'), value: answers.phone, autocomplete: "tel", problems: problems }), _jsx(SelectField, { name: "region", label: t('questions.region'), value: answers.region, options: regions, placeholder: t('questions.regionChoose'), problems: problems }), _jsx(TextField, { name: "settlement", label: t('questions.settlement'), hint: t('questions.settlementHint'), value: answers.settlement, problems: problems }), _jsx(TextAreaField, { name: "text", label: t('questions.text'), hint: t('questions.textHint', { max: 5000 }), value: answers.text, rows: 8, problems: problems })] }));
}
export function NewQuestionPage({ answers, problems, regions, startedAt }) {
    const { t, href } = usePage();
    return (_jsxs("div", { class: "form-narrow", children: [_jsx(ErrorSummary, { problems: problems }), _jsx("h1", { children: t('questions.newTitle') }), _jsx("p", { children: t('questions.newLead') }), _jsxs(Form, { action: href('/questions/new'), children: [_jsx("input", { type: "hidden", name: "startedAt", value: startedAt }), _jsxs("div", { class: "visually-hidden", "aria-hidden": "true", children: [_jsx("label", { for: "field-website", children: t('questions.honeypot') }), _jsx("input", { type: "text", id: "field-website", name: "website", value: "", tabindex: -1, autocomplete: "off" })] }), _jsx(QuestionFields, { answers: answers, problems: problems, regions: regions }), _jsx(ConsentField, { value: answers.consent, problems: problems, labelKey: "questions.consent" }), _jsx("button", { class: "button", type: "submit", children: t('questions.submit') })] })] }));
}
/** After sending: the reference and the private link (shown once; also mailed when an address was given). */
export function QuestionSentPage({ reference, link, mailed }) {
    const { t } = usePage();
    return (_jsxs("div", { class: "form-narrow", children: [_jsx("h1", { children: t('questions.sentTitle') }), _jsx(Notice, { kind: "success", children: t('questions.sentReference', { reference }) }), _jsx("p", { children: t('questions.sentLinkText') }), _jsx("p", { children: _jsx("a", { href: link, children: link }) }), _jsx("p", { children: t(mailed ? 'questions.sentMailed' : 'questions.sentKeepLink') })] }));
}
export function TrackPage({ view }) {
    const { t, date, dateTime } = usePage();
    const deadline = view.extendedDueDate ?? view.dueDate;
    return (_jsxs(_Fragment, { children: [_jsx("h1", { children: t('questions.trackTitle', { reference: view.reference }) }), view.erased && _jsx(Notice, { kind: "info", children: t('questions.trackErased') }), _jsxs("dl", { class: "summary-list", children: [_jsxs("div", { children: [_jsx("dt", { children: t('questions.stateLabel') }), _jsx("dd", { children: t(`questions.state.${view.state}`) })] }), _jsxs("div", { children: [_jsx("dt", { children: t('questions.registeredOn') }), _jsx("dd", { children: date(view.registeredOn) })] }), _jsxs("div", { children: [_jsx("dt", { children: t('questions.dueDate') }), _jsx("dd", { children: deadline ? date(deadline) : t('questions.dueUnknown') })] }), view.extendedDueDate && view.extensionReason && (_jsxs("div", { children: [_jsx("dt", { children: t('questions.extensionReason') }), _jsx("dd", { children: view.extensionReason })] })), view.forwardedTo && (_jsxs("div", { children: [_jsx("dt", { children: t('questions.forwardedTo') }), _jsx("dd", { children: view.forwardedTo })] }))] }), _jsx("h2", { children: t('questions.yourQuestion') }), _jsx(Lines, { text: view.body }), view.answer && (_jsxs(_Fragment, { children: [_jsx("h2", { children: t('questions.answerTitle') }), _jsx(Lines, { text: view.answer })] })), _jsx("h2", { children: t('questions.historyTitle') }), _jsx("ol", { class: "timeline", children: view.history.map((h, i) => (_jsxs("li", { children: [_jsx("strong", { children: t(`questions.action.${h.action}`) }), " \u2014 ", dateTime(h.at), h.note && _jsx("p", { children: h.note })] }, i))) })] }));
}
//# sourceMappingURL=public.js.map