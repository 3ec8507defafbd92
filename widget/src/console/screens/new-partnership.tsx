/** Create a partnership: the creator becomes its first facilitator for their organization. */
import { useState } from "preact/hooks";
import { FormActions, TextAreaField, TextField } from "../components/fields";
import { ErrorNote, Notice, PageHeader } from "../components/ui";
import { fill, useT } from "../i18n";
import { useAction } from "../load";
import { hrefFor, navigate } from "../router";
import { api, isAdmin, loadMe, me } from "../session";
import { useTitle } from "../title";

export function NewPartnershipScreen() {
  const t = useT().newPartnership;
  const fields = useT().fields;
  useTitle(t.title);
  const [name, setName] = useState("");
  const [purpose, setPurpose] = useState("");
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships", { body: { name: name.trim(), purpose: purpose.trim() || undefined } }),
    );
    if (!r.ok) return;
    await loadMe();
    navigate(`${hrefFor(r.value.id, "settings")}#organizations`);
  };
  const org = me.value?.organization.name ?? t.yourOrganization;
  if (!isAdmin.value) {
    return (
      <>
        <PageHeader title={t.title} />
        <Notice title={fill(t.onlyAdmins, { organization: org })}>
          <p>{t.onlyAdminsDetail}</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t.title} lead={fill(t.lead, { organization: org })} />
      <form class="card form" onSubmit={submit}>
        <TextField label={fields.name} hint={t.nameHint} required maxLength={120} value={name} onValue={setName} />
        <TextAreaField
          label={fields.purpose}
          optional
          hint={t.purposeHint}
          rows={3}
          maxLength={1000}
          value={purpose}
          onValue={setPurpose}
        />
        <ErrorNote error={action.error} title={t.failed} />
        <FormActions
          busy={action.busy}
          busyLabel={t.creating}
          label={t.create}
          disabled={!name.trim()}
          cancelHref="/"
        />
      </form>
    </>
  );
}
