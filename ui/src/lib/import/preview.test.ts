import { describe, expect, it, vi } from 'vitest';

import type { ImportChoice, ImportView } from '../ipc';
import { EMPTY_DRAFT, toChoice } from './choice';
import { PreviewRunner } from './preview.svelte';

const choice = (preset: string): ImportChoice => toChoice({ ...EMPTY_DRAFT, preset });
const view = (source: string) => ({ source }) as ImportView;

/** A preview whose answers the test settles by hand; a cancel fails the running one. */
function fakeCore() {
  const calls: { preset: string; settle: (v: ImportView) => void; fail: (e: unknown) => void }[] = [];
  const preview = vi.fn(
    (c: ImportChoice) =>
      new Promise<ImportView>((resolve, reject) => {
        calls.push({ preset: c.preset ?? '', settle: resolve, fail: reject });
      }),
  );
  const cancel = vi.fn(async () => {
    calls.at(-1)?.fail({ code: 'invalid_input', message: 'the import was cancelled; nothing was changed' });
  });
  return { calls, preview, cancel };
}

describe('PreviewRunner', () => {
  it('cancels the running preview for a newer choice and shows only the newest answer', async () => {
    const core = fakeCore();
    const runner = new PreviewRunner(core.preview, core.cancel);
    const first = runner.request(choice('jira'));
    expect(runner.busy).toBe(true);
    // Typed quickly: two changes while the first preview still runs.
    const second = runner.request(choice('zoho'));
    const third = runner.request(choice('hubspot'));
    await Promise.all([second, third]);
    expect(core.cancel).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(core.calls.map((c) => c.preset)).toEqual(['jira', 'hubspot']));
    core.calls[1]?.settle(view('hubspot-export'));
    await first;
    expect(runner.busy).toBe(false);
    expect(runner.view?.source).toBe('hubspot-export');
    expect(runner.error).toBeNull();
  });

  it('shows why a choice cannot be previewed, and forgets everything when stopped', async () => {
    const core = fakeCore();
    const runner = new PreviewRunner(core.preview, core.cancel);
    const done = runner.request(choice('generic'));
    core.calls[0]?.fail({ code: 'invalid_input', message: '"Mars/Base" is not an IANA time zone' });
    await done;
    expect(runner.error?.message).toContain('Mars/Base');
    const again = runner.request(choice('jira'));
    runner.stop();
    await again;
    expect(core.cancel).toHaveBeenCalledOnce();
    expect([runner.view, runner.error, runner.busy]).toEqual([null, null, false]);
  });
});
