/**
 * The local stand-in for EventBridge schedules: at every UTC minute boundary it finds the jobs
 * whose schedule matches that minute (shared/platform/cron.ts) and calls `run(name, minute)` with
 * the minute's start, as EventBridge passes the scheduled `time`.
 *
 * - A job never runs twice at once: if it is still running when it is due again, that firing is
 *   skipped (and logged). Different jobs run concurrently.
 * - A failing job is logged; the scheduler carries on.
 * - If the process was asleep or blocked past some boundaries, the missed minutes are caught up
 *   (oldest first) when at most `maxCatchUpMinutes` were missed; beyond that they are logged and
 *   skipped, and only the current minute is checked. No minute is ever checked twice, even if the
 *   clock goes back.
 * - The clock and the timer are injectable, so tests drive it with a fake clock.
 */
import { matches, parseSchedule, type Schedule } from '../../shared/platform/cron.js';

export interface SchedulerTimer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface StartSchedulerOptions {
  jobs: Record<string, { schedule: string }>;
  run: (name: string, time: Date) => Promise<void>;
  clock?: () => Date;
  log?: (message: string) => void;
  timer?: SchedulerTimer;
  /** default 5 */
  maxCatchUpMinutes?: number;
}

export interface Scheduler {
  /** Stops firing and waits for the jobs that are running. Safe to call more than once. */
  stop(): Promise<void>;
  /** names of the jobs running now */
  running(): string[];
}

const MINUTE_MS = 60_000;

const realTimer: SchedulerTimer = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Starts the scheduler. Throws at once if a job's schedule is not a valid expression. */
export const startScheduler = (options: StartSchedulerOptions): Scheduler => {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.log(`[scheduler] ${message}`));
  const timer = options.timer ?? realTimer;
  const maxCatchUp = options.maxCatchUpMinutes ?? 5;

  const schedules: Array<[string, Schedule]> = Object.entries(options.jobs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, job]) => {
      try {
        return [name, parseSchedule(job.schedule)];
      } catch (e) {
        throw new Error(`Job ${name}: ${(e as Error).message}`);
      }
    });

  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;
  let handle: unknown;
  /** the last minute (epoch minute number) that was checked */
  let lastChecked = Math.floor(clock().getTime() / MINUTE_MS);

  const fire = (name: string, time: Date) => {
    if (inFlight.has(name)) {
      log(`${name} skipped at ${time.toISOString()}: the previous run is still going`);
      return;
    }
    log(`${name} started for ${time.toISOString()}`);
    const started = Date.now();
    const done = new Promise<void>((resolve) => resolve(options.run(name, time)))
      .then(
        () => log(`${name} finished in ${Date.now() - started} ms`),
        (e: unknown) => log(`${name} failed for ${time.toISOString()}: ${(e as Error)?.stack ?? String(e)}`),
      )
      .finally(() => inFlight.delete(name));
    inFlight.set(name, done);
  };

  const check = (minute: number) => {
    const time = new Date(minute * MINUTE_MS);
    for (const [name, schedule] of schedules) {
      if (matches(schedule, time)) fire(name, time);
    }
  };

  const tick = () => {
    if (stopped) return;
    const current = Math.floor(clock().getTime() / MINUTE_MS);
    if (current > lastChecked) {
      let from = lastChecked + 1;
      const missed = current - from;
      if (missed > maxCatchUp) {
        log(
          `skipped ${missed} missed minutes (${new Date(from * MINUTE_MS).toISOString()} to ` +
            `${new Date((current - 1) * MINUTE_MS).toISOString()}): the process was asleep or blocked`,
        );
        from = current;
      }
      for (let minute = from; minute <= current; minute++) check(minute);
      lastChecked = current;
    }
    arm();
  };

  const arm = () => {
    if (stopped) return;
    const now = clock().getTime();
    // the next boundary after the last checked minute; never less than a moment from now
    const nextBoundary = (Math.max(lastChecked, Math.floor(now / MINUTE_MS)) + 1) * MINUTE_MS;
    handle = timer.setTimeout(tick, Math.max(1, nextBoundary - now));
  };

  arm();
  log(`${schedules.length} job(s) scheduled: ${schedules.map(([name]) => name).join(', ') || 'none'}`);

  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= (async () => {
        stopped = true;
        if (handle !== undefined) timer.clearTimeout(handle);
        await Promise.all(inFlight.values());
      })();
      return stopping;
    },
    running: () => [...inFlight.keys()],
  };
};
