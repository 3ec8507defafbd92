/** Create a partnership: the creator becomes its first facilitator for their organization. */
import { useState } from "preact/hooks";
import { FormActions, TextAreaField, TextField } from "../components/fields";
import { ErrorNote, Notice, PageHeader } from "../components/ui";
import { useAction } from "../load";
import { hrefFor, navigate } from "../router";
import { api, isAdmin, loadMe, me } from "../session";
import { useTitle } from "../title";

export function NewPartnershipScreen() {
  useTitle("New partnership");
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
  const org = me.value?.organization.name ?? "your organization";
  if (!isAdmin.value) {
    return (
      <>
        <PageHeader title="New partnership" />
        <Notice title={`Only ${org}'s admins create partnerships`}>
          <p>A partnership commits your organization, so its admins start it. Ask one of them to create it.</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="New partnership"
        lead={`You will be its first facilitator for ${org}. Next, invite your partner organization.`}
      />
      <form class="card form" onSubmit={submit}>
        <TextField
          label="Name"
          hint="How both organizations will recognise it, e.g. “Northwind Retail × Acme Logistics”."
          required
          maxLength={120}
          value={name}
          onValue={setName}
        />
        <TextAreaField
          label="Purpose"
          optional
          hint="What the partnership is for, in a sentence or two."
          rows={3}
          maxLength={1000}
          value={purpose}
          onValue={setPurpose}
        />
        <ErrorNote error={action.error} title="Could not create the partnership" />
        <FormActions
          busy={action.busy}
          busyLabel="Creating…"
          label="Create partnership"
          disabled={!name.trim()}
          cancelHref="/"
        />
      </form>
    </>
  );
}
