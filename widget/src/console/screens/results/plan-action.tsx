import type { Schemas } from "../../../api";
import { type ActionDraft, ActionForm, actionBody } from "../../components/action-form";
import { Async, Dialog } from "../../components/ui";
import { fill, useT } from "../../i18n";
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
  const t = useT();
  const initial: ActionDraft = {
    kind: props.kind,
    title: fill(t.insights.results.planTitle[props.kind], { title: props.principle.title }),
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
      title={props.kind === "improve" ? t.published.planAction : t.published.planCelebration}
      onClose={props.onClose}
    >
      <Async value={people.value} onRetry={people.reload} label={t.common.loading}>
        {({ people: list }: { people: Member[] }) => (
          <ActionForm
            initial={initial}
            people={list}
            principles={[]}
            cycles={[]}
            fixedSource={{ principle: props.principle.title, cycle: cycleName(props.cycle) }}
            submitLabel={t.actions.create}
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
