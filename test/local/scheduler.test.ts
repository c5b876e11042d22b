import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SchedulerTimer, startScheduler } from '../../infra/local/scheduler.js';

/** A fake clock with a fake timer: time moves only when the test says so. */
class FakeTime {
  now: number;
  private nextId = 1;
  timers = new Map<number, { at: number; fn: () => void }>();

  constructor(iso: string) {
    this.now = Date.parse(iso);
  }

  clock = () => new Date(this.now);

  timer: SchedulerTimer = {
    setTimeout: (fn, ms) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.now + ms, fn });
      return id;
    },
    clearTimeout: (handle) => {
      this.timers.delete(handle as number);
    },
  };

  /** Moves time to `iso`, firing due timers in order (and letting promises settle after each). */
  async advanceTo(iso: string) {
    const target = Date.parse(iso);
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= target)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, t] = due;
      this.timers.delete(id);
      this.now = Math.max(this.now, t.at);
      t.fn();
      await settle();
    }
    this.now = target;
    await settle();
  }

  /** Fires the pending timer now, whatever the clock says (a timer that fires early or late). */
  async fireNow() {
    const entries = [...this.timers.entries()];
    expect(entries).toHaveLength(1);
    const [id, t] = entries[0] as [number, { at: number; fn: () => void }];
    this.timers.delete(id);
    t.fn();
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const setup = (
  startIso: string,
  jobs: Record<string, string>,
  run?: (name: string, time: Date) => Promise<void>,
) => {
  const time = new FakeTime(startIso);
  const calls: string[] = [];
  const logs: string[] = [];
  const scheduler = startScheduler({
    jobs: Object.fromEntries(Object.entries(jobs).map(([name, schedule]) => [name, { schedule }])),
    run: async (name, t) => {
      calls.push(`${name}@${t.toISOString()}`);
      if (run) await run(name, t);
    },
    clock: time.clock,
    timer: time.timer,
    log: (m) => logs.push(m),
  });
  return { time, calls, logs, scheduler };
};

describe('startScheduler', () => {
  it('runs each job at the minute boundaries its schedule matches, with the minute start as time', async () => {
    const { time, calls, scheduler } = setup('2026-11-30T17:03:30Z', {
      closeMonth: 'cron(5 17 L * ? *)',
      quarterHour: 'cron(0/15 * * * ? *)',
      tenth: 'cron(5 17 10 * ? *)',
    });
    await time.advanceTo('2026-11-30T17:04:59.999Z');
    expect(calls).toEqual([]);
    await time.advanceTo('2026-11-30T17:20:10Z');
    expect(calls).toEqual(['closeMonth@2026-11-30T17:05:00.000Z', 'quarterHour@2026-11-30T17:15:00.000Z']);
    await time.advanceTo('2026-11-30T18:00:00Z');
    expect(calls.slice(2)).toEqual([
      'quarterHour@2026-11-30T17:30:00.000Z',
      'quarterHour@2026-11-30T17:45:00.000Z',
      'quarterHour@2026-11-30T18:00:00.000Z',
    ]);
    await scheduler.stop();
  });

  it('arms exactly one timer, for the next minute boundary', async () => {
    const { time, scheduler } = setup('2026-11-30T17:03:30.250Z', { a: 'rate(1 minute)' });
    expect([...time.timers.values()].map((t) => new Date(t.at).toISOString())).toEqual([
      '2026-11-30T17:04:00.000Z',
    ]);
    await time.advanceTo('2026-11-30T17:04:00Z');
    expect([...time.timers.values()].map((t) => new Date(t.at).toISOString())).toEqual([
      '2026-11-30T17:05:00.000Z',
    ]);
    await scheduler.stop();
    expect(time.timers.size).toBe(0);
  });

  it('does not fire for the minute in which it starts (that boundary has passed)', async () => {
    const { time, calls, scheduler } = setup('2026-11-30T17:05:00.000Z', {
      closeMonth: 'cron(5 17 L * ? *)',
    });
    await time.advanceTo('2026-11-30T17:59:00Z');
    expect(calls).toEqual([]);
    await scheduler.stop();
  });

  it('several jobs due in the same minute all run, concurrently', async () => {
    const gates = { a: deferred(), b: deferred() };
    const { time, calls, scheduler } = setup(
      '2026-03-16T00:59:00Z',
      { b: 'cron(0 1 ? * MON *)', a: 'cron(0 * * * ? *)' },
      (name) => gates[name as 'a' | 'b'].promise,
    );
    await time.advanceTo('2026-03-16T01:00:00Z');
    expect(calls).toEqual(['a@2026-03-16T01:00:00.000Z', 'b@2026-03-16T01:00:00.000Z']);
    expect(scheduler.running()).toEqual(['a', 'b']);
    gates.a.resolve();
    gates.b.resolve();
    await settle();
    expect(scheduler.running()).toEqual([]);
    await scheduler.stop();
  });

  it('never runs the same job twice at once: a firing while it runs is skipped and logged', async () => {
    const gate = deferred();
    const { time, calls, logs, scheduler } = setup('2026-06-01T12:00:30Z', { slow: 'rate(1 minute)' }, () =>
      calls.length === 1 ? gate.promise : Promise.resolve(),
    );
    await time.advanceTo('2026-06-01T12:03:30Z');
    expect(calls).toEqual(['slow@2026-06-01T12:01:00.000Z']);
    expect(logs.filter((l) => l.includes('skipped'))).toEqual([
      'slow skipped at 2026-06-01T12:02:00.000Z: the previous run is still going',
      'slow skipped at 2026-06-01T12:03:00.000Z: the previous run is still going',
    ]);
    gate.resolve();
    await settle();
    await time.advanceTo('2026-06-01T12:04:00Z');
    expect(calls).toEqual(['slow@2026-06-01T12:01:00.000Z', 'slow@2026-06-01T12:04:00.000Z']);
    await scheduler.stop();
  });

  it('logs a failing job (rejected or thrown) and keeps going', async () => {
    const time = new FakeTime('2026-06-01T12:00:30Z');
    const logs: string[] = [];
    const calls: string[] = [];
    const scheduler = startScheduler({
      jobs: { rejects: { schedule: 'rate(1 minute)' }, throws: { schedule: 'rate(1 minute)' } },
      run: (name, t) => {
        calls.push(`${name}@${t.toISOString()}`);
        if (name === 'throws') throw new Error('sync boom');
        return Promise.reject(new Error('async boom'));
      },
      clock: time.clock,
      timer: time.timer,
      log: (m) => logs.push(m),
    });
    await time.advanceTo('2026-06-01T12:02:00Z');
    expect(calls).toEqual([
      'rejects@2026-06-01T12:01:00.000Z',
      'throws@2026-06-01T12:01:00.000Z',
      'rejects@2026-06-01T12:02:00.000Z',
      'throws@2026-06-01T12:02:00.000Z',
    ]);
    // (the order between the two jobs' failures is up to the microtask queue)
    expect(
      logs
        .filter((l) => l.includes('failed'))
        .map((l) => l.split('\n')[0])
        .sort(),
    ).toEqual([
      'rejects failed for 2026-06-01T12:01:00.000Z: Error: async boom',
      'rejects failed for 2026-06-01T12:02:00.000Z: Error: async boom',
      'throws failed for 2026-06-01T12:01:00.000Z: Error: sync boom',
      'throws failed for 2026-06-01T12:02:00.000Z: Error: sync boom',
    ]);
    await scheduler.stop();
  });

  it('stop() clears the timer and waits for running jobs; nothing runs after it', async () => {
    const gate = deferred();
    const { time, calls, scheduler } = setup(
      '2026-06-01T12:00:30Z',
      { job: 'rate(1 minute)' },
      () => gate.promise,
    );
    await time.advanceTo('2026-06-01T12:01:00Z');
    expect(calls).toHaveLength(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    expect(time.timers.size).toBe(0);
    await settle();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
    await time.advanceTo('2026-06-01T13:00:00Z');
    expect(calls).toHaveLength(1);
    await scheduler.stop(); // again: fine
  });

  it('a timer that fires early re-arms for the rest and runs the minute once', async () => {
    const { time, calls, scheduler } = setup('2026-06-01T12:00:30Z', { job: 'cron(1 12 * * ? *)' });
    time.now = Date.parse('2026-06-01T12:00:59.990Z');
    await time.fireNow();
    expect(calls).toEqual([]);
    expect([...time.timers.values()].map((t) => t.at - time.now)).toEqual([10]);
    time.now = Date.parse('2026-06-01T12:01:00.002Z');
    await time.fireNow();
    expect(calls).toEqual(['job@2026-06-01T12:01:00.000Z']);
    await scheduler.stop();
  });

  it('catches up a few missed minutes in order when the timer fires late', async () => {
    const { time, calls, scheduler } = setup('2026-06-01T12:04:30Z', {
      five: 'cron(5 12 * * ? *)',
      six: 'cron(6 12 * * ? *)',
      seven: 'cron(7 12 * * ? *)',
      eight: 'cron(8 12 * * ? *)',
    });
    time.now = Date.parse('2026-06-01T12:07:20Z'); // blocked for over two minutes
    await time.fireNow();
    expect(calls).toEqual([
      'five@2026-06-01T12:05:00.000Z',
      'six@2026-06-01T12:06:00.000Z',
      'seven@2026-06-01T12:07:00.000Z',
    ]);
    expect([...time.timers.values()].map((t) => new Date(t.at).toISOString())).toEqual([
      '2026-06-01T12:08:00.000Z',
    ]);
    await time.advanceTo('2026-06-01T12:08:00Z');
    expect(calls.at(-1)).toBe('eight@2026-06-01T12:08:00.000Z');
    await scheduler.stop();
  });

  it('after a long sleep it logs the skipped minutes and checks only the current one', async () => {
    const { time, calls, logs, scheduler } = setup('2026-11-30T16:00:30Z', {
      closeMonth: 'cron(5 17 L * ? *)',
      hourly: 'cron(0 * * * ? *)',
    });
    time.now = Date.parse('2026-11-30T18:00:05Z');
    await time.fireNow();
    expect(calls).toEqual(['hourly@2026-11-30T18:00:00.000Z']);
    expect(
      logs.some((l) =>
        /skipped 119 missed minutes \(2026-11-30T16:01:00.000Z to 2026-11-30T17:59:00.000Z\)/.test(l),
      ),
    ).toBe(true);
    await scheduler.stop();
  });

  it('never checks a minute twice when the clock goes back', async () => {
    const { time, calls, scheduler } = setup('2026-06-01T12:04:30Z', { five: 'cron(5 12 * * ? *)' });
    await time.advanceTo('2026-06-01T12:05:10Z');
    expect(calls).toEqual(['five@2026-06-01T12:05:00.000Z']);
    time.now = Date.parse('2026-06-01T12:04:50Z'); // NTP step back
    await time.fireNow();
    await time.advanceTo('2026-06-01T12:10:00Z');
    expect(calls).toEqual(['five@2026-06-01T12:05:00.000Z']);
    await scheduler.stop();
  });

  it('refuses an invalid schedule at start, naming the job', () => {
    expect(() =>
      startScheduler({
        jobs: { closeMonth: { schedule: 'cron(5 17 L * *)' } },
        run: async () => {},
        log: () => {},
      }),
    ).toThrow(/^Job closeMonth: Invalid schedule expression "cron\(5 17 L \* \*\)"/);
  });
});

describe('startScheduler with the default clock and timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires on the real timer at the boundary (vitest fake timers)', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T17:04:58Z'));
    const calls: string[] = [];
    const scheduler = startScheduler({
      jobs: { closeMonth: { schedule: 'cron(5 17 L * ? *)' } },
      run: async (name, t) => {
        calls.push(`${name}@${t.toISOString()}`);
      },
      log: () => {},
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['closeMonth@2026-11-30T17:05:00.000Z']);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls).toHaveLength(1);
    await scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
