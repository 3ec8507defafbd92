import { call, type Schemas } from "../api";
import { connect } from "./connect";
import { type LoadModel, loadModel } from "./load";
import type { ViewProps } from "./props";
import { frame, Notice } from "./status";

type PrinciplesModel = LoadModel<{ principles: Schemas["Principle"][] }>;

const principlesModel = (props: ViewProps): PrinciplesModel =>
  loadModel(
    props.client,
    () =>
      call(props.client, "get", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: props.partnershipId },
        query: { status: "agreed" },
      }),
    props.onError,
  );

/** The partnership's agreed principles: what good looks like, as all partners worded it. */
export const Principles = connect(principlesModel, (props: ViewProps, model: PrinciplesModel) => {
  const state = model.store.get();
  const principles = state.data?.principles ?? [];
  return frame("principles", props.strings, state, 4, model.reload, () => (
    <>
      <h2 class="ac-title">{props.strings.principles}</h2>
      {principles.length ? (
        <ol class="ac-list">
          {principles.map((p, i) => {
            const version = p.agreedVersion ?? p.current;
            return (
              <li key={p.id} class="ac-item">
                <span class="ac-badge" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <h3 class="ac-principle">{version.title}</h3>
                  <p class="ac-desc">{version.description}</p>
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <Notice title={props.strings.noPrinciples} />
      )}
    </>
  ));
});
