/**
 * The popup's pulse: one click picks an answer, which is sent a few seconds later unless "Undo"
 * is pressed. The background holds the rating meanwhile, so closing the popup does not lose it.
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { fill, type Words } from "@/utils/i18n";
import { type Performance, send } from "@/utils/messages/types";
import type { PartnershipView, QueuedRating } from "@/utils/storage";
import { seconds, shortDate } from "../shared/format";

const SCALE = [1, 2, 3, 4, 5] as const;

/** What the card says after a click that sent nothing (put in words when shown, in the language then). */
type Note = "rateFailed" | "cancelled" | "tooLate";

type Phase = { kind: "idle"; note: Note | null } | { kind: "waiting"; key: string; value: Performance; sendAt: number };

interface Props {
  t: Words;
  view: PartnershipView;
  queue: QueuedRating[];
  offline: boolean;
  now?: () => number;
}

export function PulseCard({ t, view, queue, offline, now = Date.now }: Props) {
  const label = (n: number) => t.scale[n - 1] ?? String(n);
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
          {t.pulse}
        </h2>
        <p class="muted">{t.noPulse}</p>
      </section>
    );
  }

  if (pulse.eligible === false) {
    return (
      <section class="card card-pulse" aria-labelledby="pulse-heading">
        <h2 id="pulse-heading" class="card-title">
          {t.pulse}
        </h2>
        <p class="muted">{t.joinedLate}</p>
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
      phase.value = { kind: "idle", note: "rateFailed" };
    }
  };

  const undo = async () => {
    const current = phase.value;
    if (current.kind !== "waiting") return;
    const reply = await send({ type: "undo", key: current.key });
    phase.value = {
      kind: "idle",
      note: reply?.undone ? "cancelled" : "tooLate",
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
      status = fill(t.sendingSoon, { label: label(current.value) });
    } else if (inQueue) {
      status = offline ? fill(t.savedOffline, { label: label(current.value) }) : t.sending;
    } else if (pulse.answer === current.value) {
      status = fill(t.thanks, { label: label(current.value) });
    }
  } else if (queued) {
    status = offline ? fill(t.savedOffline, { label: label(queued.performance) }) : t.sending;
  } else if (current.note) {
    status = t[current.note];
  } else if (pulse.answer) {
    status = fill(t.youSaid, { label: label(pulse.answer) });
  }

  return (
    <section class="card card-pulse" aria-labelledby="pulse-heading">
      <div class="card-head">
        <h2 id="pulse-heading" class="card-title">
          {t.pulse}
        </h2>
        <span class="small muted">{fill(t.openUntil, { date: shortDate(t.lang, pulse.closesAt) })}</span>
      </div>
      <h3 class="principle-title">{pulse.principle.title}</h3>
      <p class="principle-text">{pulse.principle.description}</p>
      <fieldset class="scale">
        <legend class="scale-question">{t.pulseQuestion}</legend>
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
              {seconds(t.lang, Math.ceil(remaining / 1000))}
            </span>
            <button type="button" class="btn btn-small" onClick={() => void undo()}>
              {t.undo}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
