import { Component, type ComponentChild } from "preact";
import type { Store } from "./store";

/** What a view renders from: its state, and whatever actions the model offers. */
interface Model<S> {
  store: Store<S>;
  dispose?(): void;
}

/**
 * A component made of a model and a pure view: the model is created once per mount, the view
 * re-renders whenever the model's store changes, and the model is disposed on unmount.
 */
export function connect<P, M extends Model<object>>(
  create: (props: P) => M,
  view: (props: P, model: M) => ComponentChild,
) {
  return class Connected extends Component<P> {
    model = create(this.props);
    off = this.model.store.subscribe(() => this.forceUpdate());
    override componentWillUnmount() {
      this.off();
      this.model.dispose?.();
    }
    render() {
      return view(this.props, this.model);
    }
  };
}
