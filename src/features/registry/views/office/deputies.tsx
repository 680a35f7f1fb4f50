// A maslikhat's deputies in the office: the list, the deputy's form with the photo upload, and the end of a mandate.
import { DataTable, ErrorSummary, FileField, Form, Pagination, RadioField, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { pagePath } from '../../../../core/http/pagination.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { MembershipRecord } from '../../staff.service.js';
import { PersonNameFields, type PersonNameAnswers } from './person-name-fields.js';

export interface PartyOption {
  id: string;
  name: LocalizedText;
}

export function DeputiesOfficePage({ slug, maslikhatName, deputies: list, parties }: { slug: string; maslikhatName: LocalizedText; deputies: { rows: MembershipRecord[]; total: number; page: number; pages: number }; parties: PartyOption[] }) {
  const deputies = list.rows;
  const { t, href, date } = usePage();
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return (
    <>
      <p class="hint">
        <Text value={maslikhatName} />
      </p>
      <h1>{t('deputiesOffice.title')}</h1>
      <div class="actions">
        <a class="button" href={href(`/office/maslikhats/${slug}/deputies/new`)}>
          {t('deputiesOffice.add')}
        </a>
        <a class="button button--secondary" href={href(`/office/maslikhats/${slug}/import`)}>
          {t('deputiesOffice.import')}
        </a>
      </div>
      <p>{t('deputiesOffice.count', { count: list.total })}</p>
      <DataTable caption={t('deputiesOffice.title')} columns={[t('deputiesOffice.colName'), t('deputiesOffice.colDistrict'), t('deputiesOffice.colParty'), t('deputiesOffice.colSince'), t('deputiesOffice.colActions')]}>
        {deputies.map((d) => (
          <tr key={d.id}>
            <th scope="row">
              <Text value={d.personName} />
              {d.isDemo && <span class="tag"> {t('deputiesOffice.demo')}</span>}
            </th>
            <td>{d.districtNumber ?? t('deputiesOffice.partyList')}</td>
            <td>{d.onBehalfOfId ? <Text value={partyName.get(d.onBehalfOfId)} /> : '—'}</td>
            <td>{d.startDate ? date(d.startDate) : '—'}</td>
            <td class="actions">
              <a href={href(`/office/maslikhats/${slug}/deputies/${d.id}/edit`)}>{t('deputiesOffice.edit')}</a>
              <a href={href(`/office/maslikhats/${slug}/deputies/${d.id}/end`)}>{t('deputiesOffice.end')}</a>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={list.page} pages={list.pages} pageHref={(p) => href(pagePath(`/office/maslikhats/${slug}/deputies`, p))} />
    </>
  );
}

export interface DeputyAnswers extends PersonNameAnswers {
  birthDate: string;
  gender: string;
  partyId: string;
  districtNumber: string;
  districtName: string;
  startDate: string;
  publicEmail: string;
  publicPhone: string;
  reception: string;
  internalPhone: string;
  membershipVersion?: string;
  personVersion?: string;
}

export interface PhotoState {
  action: string;
  current: string | null;
  saved: boolean;
  problem: 'too_large' | 'too_many_pixels' | 'not_an_image' | 'too_small' | 'missing' | undefined;
}

/** A separate form: the photo is sent on its own, so a slow upload never holds up the text. */
function PhotoForm({ photo }: { photo: PhotoState }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="photo-title">
      <h2 id="photo-title">{t('photo.title')}</h2>
      {photo.saved && (
        <div class="notice notice--success" role="status">
          <p>{t('photo.saved')}</p>
        </div>
      )}
      {photo.current && <img class="portrait" src={`/files/photos/${photo.current}`} alt={t('photo.current')} width={150} />}
      <Form action={photo.action} multipart>
        <FileField name="photo" label={t('photo.label')} hint={t('photo.hint')} accept="image/jpeg,image/png,image/webp" problems={photo.problem ? [{ field: 'photo', messageKey: `photo.${photo.problem}` }] : []} />
        <button class="button button--secondary" type="submit">
          {t('photo.upload')}
        </button>
      </Form>
    </section>
  );
}

export function DeputyFormPage({ action, title, answers, parties, problems, photo }: { action: string; title: string; answers: DeputyAnswers; parties: PartyOption[]; problems: FieldProblem[]; photo?: PhotoState }) {
  const page = usePage();
  const { t } = page;
  const v = answers;
  const photoProblems: FieldProblem[] = photo?.problem ? [{ field: 'photo', messageKey: `photo.${photo.problem}` }] : [];
  return (
    <>
      <ErrorSummary problems={[...photoProblems, ...problems]} />
      <h1>{title}</h1>
      {photo && <PhotoForm photo={photo} />}
      <Form action={action}>
        {v.membershipVersion && <input type="hidden" name="membershipVersion" value={v.membershipVersion} />}
        {v.personVersion && <input type="hidden" name="personVersion" value={v.personVersion} />}
        <PersonNameFields answers={v} problems={problems} />
        <TextField name="birthDate" label={t('deputyForm.birthDate')} hint={t('deputyForm.dateHint')} value={v.birthDate} problems={problems} />
        <RadioField
          name="gender"
          label={t('deputyForm.gender')}
          value={v.gender}
          options={[
            { value: 'female', label: t('deputyForm.female') },
            { value: 'male', label: t('deputyForm.male') },
          ]}
          problems={problems}
        />
        <SelectField
          name="partyId"
          label={t('deputyForm.party')}
          value={v.partyId}
          placeholder={t('deputyForm.noParty')}
          options={parties.map((p) => ({ value: p.id, label: page.localize(p.name).text }))}
          problems={problems}
        />
        <TextField name="districtNumber" label={t('deputyForm.districtNumber')} hint={t('deputyForm.districtHint')} value={v.districtNumber} problems={problems} />
        <TextField name="districtName" label={t('deputyForm.districtName')} value={v.districtName} problems={problems} />
        <TextField name="startDate" label={t('deputyForm.startDate')} hint={t('deputyForm.dateHint')} value={v.startDate} problems={problems} />
        <h2>{t('deputyForm.contactsTitle')}</h2>
        <p class="hint">{t('deputyForm.contactsLead')}</p>
        <TextField name="publicEmail" type="email" label={t('deputyForm.publicEmail')} value={v.publicEmail} problems={problems} autocomplete="off" />
        <TextField name="publicPhone" type="tel" label={t('deputyForm.publicPhone')} value={v.publicPhone} problems={problems} autocomplete="off" />
        <TextField name="reception" label={t('deputyForm.reception')} hint={t('deputyForm.receptionHint')} value={v.reception} problems={problems} autocomplete="off" />
        <TextField name="internalPhone" type="tel" label={t('deputyForm.internalPhone')} hint={t('deputyForm.internalPhoneHint')} value={v.internalPhone} problems={problems} autocomplete="off" />
        <button class="button" type="submit">
          {t('deputyForm.save')}
        </button>
      </Form>
    </>
  );
}

export function EndMembershipPage({ action, name, answers, problems, version }: { action: string; name: LocalizedText | null; answers: { endDate: string; reason: string }; problems: FieldProblem[]; version: number }) {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('endMembership.title')}</h1>
      <p class="lead">
        <Text value={name} />
      </p>
      <p>{t('endMembership.lead')}</p>
      <Form action={action}>
        <input type="hidden" name="version" value={String(version)} />
        <TextField name="endDate" label={t('endMembership.endDate')} hint={t('deputyForm.dateHint')} value={answers.endDate} problems={problems} />
        <SelectField
          name="reason"
          label={t('endMembership.reason')}
          value={answers.reason}
          placeholder={t('people.choose')}
          options={(['term_ended', 'resigned', 'mandate_terminated', 'deceased', 'elected_elsewhere', 'other'] as const).map((r) => ({ value: r, label: t(`endReason.${r}`) }))}
          problems={problems}
        />
        <button class="button" type="submit">
          {t('endMembership.submit')}
        </button>
      </Form>
    </div>
  );
}
