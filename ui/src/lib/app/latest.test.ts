import { describe, expect, it } from 'vitest';

import { Latest } from './latest.svelte';

/** A loader whose answers the test settles by hand, in any order. */
function deferredLoader<T>() {
  const pending = new Map<string, { resolve: (value: T) => void; reject: (reason: unknown) => void }>();
  const load = (args: string) =>
    new Promise<T>((resolve, reject) => {
      pending.set(args, { resolve, reject });
    });
  const settle = (args: string) => {
    const entry = pending.get(args);
    if (!entry) throw new Error(`no request for ${args}`);
    return entry;
  };
  return { load, settle };
}

describe('Latest', () => {
  it('keeps the newest answer when an older one arrives after it', async () => {
    const { load, settle } = deferredLoader<string>();
    const latest = new Latest(load);
    const first = latest.run('a');
    const second = latest.run('b');
    settle('b').resolve('answer b');
    expect(await second).toBe(true);
    settle('a').resolve('answer a');
    expect(await first).toBe(false);
    expect(latest.data).toBe('answer b');
    expect(latest.loading).toBe(false);
  });

  it('loads until the newest request answers, even when an older one answers first', async () => {
    const { load, settle } = deferredLoader<string>();
    const latest = new Latest(load);
    const first = latest.run('a');
    void latest.run('b');
    settle('a').resolve('answer a');
    await first;
    expect(latest.loading).toBe(true);
    expect(latest.data).toBeNull();
  });

  it('drops an older failure and shows the newest one as the core’s error', async () => {
    const { load, settle } = deferredLoader<string>();
    const latest = new Latest(load);
    const first = latest.run('a');
    const second = latest.run('b');
    settle('a').reject({ code: 'internal', message: 'old failure' });
    await first;
    expect(latest.error).toBeNull();
    settle('b').reject({ code: 'invalid_input', message: 'range too long' });
    await second;
    expect(latest.error).toEqual({ code: 'invalid_input', message: 'range too long' });
    expect(latest.loading).toBe(false);
  });

  it('keeps the previous data through a failure and clears the error on the next request', async () => {
    const answers: Array<() => Promise<number>> = [
      () => Promise.resolve(1),
      () => Promise.reject(new Error('database is locked')),
      () => Promise.resolve(2),
    ];
    const latest = new Latest(() => answers.shift()!());
    await latest.run(undefined);
    await latest.run(undefined);
    expect(latest.data).toBe(1);
    expect(latest.error).toEqual({ code: 'internal', message: 'database is locked' });
    const retry = latest.retry();
    expect(latest.error).toBeNull();
    expect(await retry).toBe(true);
    expect(latest.data).toBe(2);
  });

  it('retries with the last arguments, and does nothing before the first run', async () => {
    const asked: string[] = [];
    const latest = new Latest((args: string) => {
      asked.push(args);
      return Promise.resolve(args);
    });
    expect(await latest.retry()).toBe(false);
    await latest.run('x');
    await latest.retry();
    expect(asked).toEqual(['x', 'x']);
  });

  it('shows an answer got another way and drops the request still on its way', async () => {
    const { load, settle } = deferredLoader<string>();
    const latest = new Latest(load);
    const pending = latest.run('a');
    latest.show('made by an edit');
    expect(latest.data).toBe('made by an edit');
    expect(latest.loading).toBe(false);
    settle('a').resolve('answer a');
    expect(await pending).toBe(false);
    expect(latest.data).toBe('made by an edit');
  });
});
