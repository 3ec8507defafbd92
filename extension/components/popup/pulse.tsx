/**
 * The popup's pulse: one click picks an answer, which is sent a few seconds later unless "Undo"
 * is pressed. The background holds the rating meanwhile, so closing the popup does not lose it.
 */
import { en } from "@accord/widget/i18n";
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type Performance, send } from "@/utils/messages/types";
import type { PartnershipView, QueuedRating } from "@/utils/storage";
import { shortDate } from "../shared/format";

const SCALE = [1, 2, 3, 4, 5] as const;
const label = (n: number) => en.performanceScale[n - 1] ?? String(n);

type Phase =
  | { kind: "idle"; note: string | null }
  | { kind: "waiting"; key: string; value: Performance; sendAt: number };

interface Props {
  view: PartnershipView;
  queue: QueuedRating[];
  offline: boolean;
  now?: () => number;
}

export function PulseCard({ view, queue, offline, now = Date.now }: Props) {
  const phase = useSignal<Phase>({ kind: "idle", note: null });
  const clock = useSignal(now());
  const waiting = phase.value.kind === "waiting";
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      clock.value = now();
    }, 200);
    return () => clearInterval(timer);
  }, [waiting]);

  const pulse = view.pulse;
  if (!pulse) {
    return (
      <section class="card" aria-labelledby="pulse-heading">
        <h2 id="pulse-heading" class="card-title">
          Pulse
        </h2>
        <p class="muted">No pulse is open in this partnership right now.</p>
      </section>
    );
  }

  if (pulse.eligible === false) {
    return (
      <section class="card card-pulse" aria-labelledby="pulse-heading">
        <h2 id="pulse-heading" class="card-title">
          Pulse
        </h2>
        <p class="muted">{en.joinedLate}</p>
      </section>
    );
  }

  const rate = async (value: Performance) => {
    const reply = await send({
      type: "rate",
      partnershipId: view.id,
      cycleId: pulse.cycleId,
      principleId: pulse.principle.id,
      performance: value,
    });
    if (reply?.key) {
      clock.value = now();
      phase.value = { kind: "waiting", key: reply.key, value, sendAt: reply.sendAt };
    } else {
      phase.value = { kind: "idle", note: "Accord could not take your rating. Open the settings and sign in again." };
    }
  };

  const undo = async () => {
    const current = phase.value;
    if (current.kind !== "waiting") return;
    const reply = await send({ type: "undo", key: current.key });
    phase.value = {
      kind: "idle",
      note: reply?.undone
        ? "Cancelled. Nothing was sent."
        : "Too late to undo: it was already sent. Choose another answer to change it.",
    };
  };

  const current = phase.value;
  const queued = queue.find((q) => q.cycleId === pulse.cycleId);
  let chosen: number | null = queued?.performance ?? pulse.answer;
  let status: string | null = null;
  let undoable = false;
  let remaining = 0;
  if (current.kind === "waiting") {
    chosen = current.value;
    const inQueue = queue.some((q) => q.key === current.key);
    remaining = Math.max(0, current.sendAt - clock.value);
    if (inQueue && remaining > 0) {
      undoable = true;
      status = `“${label(current.value)}” will be sent in a moment.`;
    } else if (inQueue) {
      status = offline
        ? `You're offline. “${label(current.value)}” is saved here and will be sent when you're back online.`
        : "Sending…";
    } else if (pulse.answer === current.value) {
      status = `Thanks! You said “${label(current.value)}”.`;
    }
  } else if (queued) {
    status = offline
      ? `You're offline. “${label(queued.performance)}” is saved here and will be sent when you're back online.`
      : "Sending…";
  } else if (current.note) {
    status = current.note;
  } else if (pulse.answer) {
    status = `You said “${label(pulse.answer)}”. Choose another answer to change it.`;
  }

  return (
    <section class="card card-pulse" aria-labelledby="pulse-heading">
      <div class="card-head">
        <h2 id="pulse-heading" class="card-title">
          Pulse
        </h2>
        <span class="small muted">Open until {shortDate(pulse.closesAt)}</span>
      </div>
      <h3 class="principle-title">{pulse.principle.title}</h3>
      <p class="principle-text">{pulse.principle.description}</p>
      <fieldset class="scale">
        <legend class="scale-question">{en.pulseQuestion}</legend>
        <div class="scale-buttons">
          {SCALE.map((n) => (
            <button key={n} type="button" class="scale-btn" aria-pressed={chosen === n} onClick={() => void rate(n)}>
              <span class="scale-n">{n}</span> <span class="scale-label">{label(n)}</span>
            </button>
          ))}
        </div>
      </fieldset>
      <div class="pulse-status">
        <p role="status" class="pulse-status-text">
          {status}
        </p>
        {undoable && (
          <div class="undo">
            <span class="countdown" aria-hidden="true">
              {Math.ceil(remaining / 1000)} s
            </span>
            <button type="button" class="btn btn-small" onClick={() => void undo()}>
              Undo
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
