/**
 * Embedding this partnership on an intranet: the copy-paste snippet and how the intranet server
 * signs tokens. Embed keys, allowed origins and provisioning belong to each organization and are
 * managed by its admins on the Organization screen.
 */
import { Snippet } from "../components/snippet";
import { Notice, PageHeader, Section } from "../components/ui";
import { isAdmin, type Me, partnership } from "../session";
import { useTitle } from "../title";

export function EmbedScreen(props: { pid: string; me: Me }) {
  useTitle("Embed", partnership.value?.settings.name);
  const org = props.me.organization.name;
  return (
    <>
      <PageHeader
        title="Embed on your intranet"
        lead={`Put Accord's rating widget for this partnership on ${org}'s intranet: paste the snippet into an intranet page.`}
      />
      <Section title="Keys and allowed origins" id="keys-and-origins">
        {isAdmin.value ? (
          <Notice title="Managed on the Organization screen">
            <p>
              {org}'s embed keys, the intranet addresses allowed to show the widget, and whether the intranet may create
              people on first use apply to every partnership of your organization.{" "}
              <a href="/organization#keys">Manage keys and allowed origins</a>.
            </p>
          </Notice>
        ) : (
          <Notice title="Your organization's admins manage these">
            <p>
              {org}'s admins manage keys and allowed origins for every partnership of your organization. Ask one of them
              for a key for your intranet server and to allow your intranet's address.
            </p>
          </Notice>
        )}
      </Section>
      <Section
        title="Snippet"
        id="snippet"
        lead="Paste it into the intranet page. The script URL is content-hashed and checked by its integrity hash."
      >
        <Snippet pid={props.pid} />
      </Section>
    </>
  );
}
