/** A principle's comments, and adding one. */
import type { Schemas } from "../../../api";
import { NoteForm } from "../../components/note-form";
import { Section } from "../../components/ui";
import { dateTime } from "../../format";
import { fill, useT } from "../../i18n";
import { api, orgIndex, orgName } from "../../session";

type Principle = Schemas["Principle"];
export type Comment = Schemas["PrincipleComment"];

export function Comments(props: {
  pid: string;
  principle: Principle;
  comments: Comment[];
  onComment: (c: Comment) => void;
  archived: boolean;
}) {
  const t = useT().principle;
  return (
    <Section title={fill(t.comments, { n: props.comments.length })} id="comments">
      {props.comments.length === 0 ? (
        <p class="muted">{t.noComments}</p>
      ) : (
        <ol class="comments">
          {props.comments.map((c) => (
            <li key={c.id} class="comment">
              <p class="comment-meta">
                <span class={`swatch s${orgIndex(c.author.organizationId)}`} aria-hidden="true" />
                <strong>{c.author.name}</strong>{" "}
                <span class="muted">
                  · {orgName(c.author.organizationId)} · {dateTime(c.createdAt)}
                </span>
              </p>
              <p class="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {!props.archived && (
        <NoteForm
          label={t.addComment}
          submitLabel={t.postComment}
          busyLabel={t.posting}
          errorTitle={t.notPosted}
          send={(body) =>
            api("post", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/comments", {
              params: { partnershipId: props.pid, principleId: props.principle.id },
              body: { body },
            })
          }
          onSent={props.onComment}
        />
      )}
    </Section>
  );
}
