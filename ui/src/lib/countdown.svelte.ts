// A live "try again in N s" countdown for throttled attempts. The deadline is absolute, so a
// slow timer never makes the wait look shorter than the engine's.

export class Countdown {
  /** Whole seconds left; 0 when not counting. */
  remaining = $state(0);
  /** The wait when it began, for a single spoken announcement. */
  total = $state(0);
  private deadline = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly onDone: () => void = () => {}) {}

  get running(): boolean {
    return this.remaining > 0;
  }

  start(seconds: number): void {
    this.stop();
    this.total = Math.max(1, Math.ceil(seconds));
    this.deadline = Date.now() + this.total * 1000;
    this.tick();
    this.timer = setInterval(() => this.tick(), 250);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.remaining = 0;
  }

  private tick(): void {
    const left = Math.ceil((this.deadline - Date.now()) / 1000);
    if (left > 0) {
      this.remaining = left;
      return;
    }
    this.stop();
    this.onDone();
  }
}

export function throttleMessage(seconds: number): string {
  return `Too many attempts, try again in ${seconds} s`;
}
