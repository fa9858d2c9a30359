// Tells the shell the therapist is here (keys, pointer, wheel), so the idle lock does not fire
// under their hands, while crossing IPC at most once every 20 seconds. The clock starts at
// unlock, which the engine itself counts as activity.

export const TOUCH_INTERVAL_MS = 20_000;
const EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

export function watchActivity(
  target: Window,
  touch: () => void,
  now: () => number = () => Date.now(),
): () => void {
  let last = now();
  const onActivity = () => {
    const t = now();
    if (t - last < TOUCH_INTERVAL_MS) return;
    last = t;
    touch();
  };
  for (const name of EVENTS) target.addEventListener(name, onActivity, { capture: true, passive: true });
  return () => {
    for (const name of EVENTS) target.removeEventListener(name, onActivity, { capture: true });
  };
}
