/**
 * Embedding this partnership on an intranet: the copy-paste snippet and how the intranet server
 * signs tokens. Embed keys, allowed origins and provisioning belong to each organization and are
 * managed by its admins on the Organization screen.
 */
import { Snippet } from "../components/snippet";
import { Notice, PageHeader, Section } from "../components/ui";
import { fill, useT } from "../i18n";
import { isAdmin, type Me, partnership } from "../session";
import { useTitle } from "../title";

export function EmbedScreen(props: { pid: string; me: Me }) {
  const t = useT().embed;
  useTitle(t.nav, partnership.value?.settings.name);
  const org = props.me.organization.name;
  return (
    <>
      <PageHeader title={t.title} lead={fill(t.lead, { organization: org })} />
      <Section title={t.keys} id="keys-and-origins">
        {isAdmin.value ? (
          <Notice title={t.managedThere}>
            <p>
              {fill(t.managedThereDetail, { organization: org })} <a href="/organization#keys">{t.manage}</a>.
            </p>
          </Notice>
        ) : (
          <Notice title={t.adminsManage}>
            <p>{fill(t.adminsManageDetail, { organization: org })}</p>
          </Notice>
        )}
      </Section>
      <Section title={t.snippet} id="snippet" lead={t.snippetLead}>
        <Snippet pid={props.pid} />
      </Section>
    </>
  );
}
