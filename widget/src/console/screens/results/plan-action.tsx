import type { Schemas } from "../../../api";
import { type ActionDraft, ActionForm, actionBody } from "../../components/action-form";
import { Async, Dialog } from "../../components/ui";
import { useT } from "../../i18n";
import { useAction, useLoad } from "../../load";
import { cycleName } from "../../names";
import { api } from "../../session";

type Cycle = Schemas["Cycle"];
type PrincipleResult = Schemas["PrincipleResult"];
type Member = Schemas["Member"];

/** The dialog that plans an action from a challenge or strength: principle and cycle are filled in. */
export function PlanAction(props: {
  pid: string;
  cycle: Cycle;
  principle: PrincipleResult;
  kind: "improve" | "celebrate";
  onClose: () => void;
  onCreated: (action: { id: string; title: string }) => void;
}) {
  const people = useLoad(
    (signal) =>
      api("get", "/api/v1/partnerships/{partnershipId}/people", { params: { partnershipId: props.pid }, signal }),
    [props.pid],
  );
  const action = useAction();
  const initial: ActionDraft = {
    kind: props.kind,
    title:
      props.kind === "improve" ? `Close the gap on “${props.principle.title}”` : `Celebrate “${props.principle.title}”`,
    detail: "",
    principleId: props.principle.principleId,
    cycleId: props.cycle.id,
    ownerId: "",
    dueOn: "",
  };
  const submit = async (d: ActionDraft) => {
    const r = await action.run(() =>
      api("post", "/api/v1/partnerships/{partnershipId}/actions", {
        params: { partnershipId: props.pid },
        body: actionBody(d),
      }),
    );
    if (r.ok) props.onCreated({ id: r.value.id, title: r.value.title });
  };
  return (
    <Dialog
      open
      title={props.kind === "improve" ? useT().published.planAction : useT().published.planCelebration}
      onClose={props.onClose}
    >
      <Async value={people.value} onRetry={people.reload} label={useT().common.loading}>
        {({ people: list }: { people: Member[] }) => (
          <ActionForm
            initial={initial}
            people={list}
            principles={[]}
            cycles={[]}
            fixedSource={{ principle: props.principle.title, cycle: cycleName(props.cycle) }}
            submitLabel={useT().actions.create}
            busy={action.busy}
            error={action.error}
            onSubmit={submit}
            onCancel={props.onClose}
          />
        )}
      </Async>
    </Dialog>
  );
}
