// @vitest-environment-options {"settings": {"enableJavaScriptEvaluation": true, "suppressInsecureJavaScriptEnvironmentWarning": true}}
//
// Customer text on the Feedback screen stays text: a quote, a repetitive ticket's first
// message, a theme label or an article title full of markup is shown literally, creates no
// element and runs nothing. Scripts and inline handlers are switched on in this DOM (see
// the comment above), and the first test shows that the same markup parsed as HTML would
// run here, so the checks after it can fail.
import { render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { feedbackFixture, refundTheme } from '../../test/feedbackFixtures';
import DuplicatesTable from './DuplicatesTable.svelte';
import KbGapsTable from './KbGapsTable.svelte';
import ThemeCard from './ThemeCard.svelte';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const PAYLOAD = `${IMG} refund ${SCRIPT} please`;

type Probe = { __pwned?: number };
const probe = (): Probe => window as unknown as Probe;

/** Lets anything queued by rendering run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function expectInert(container: HTMLElement): void {
  expect(container.querySelector('img')).toBeNull();
  expect(container.querySelector('script')).toBeNull();
  expect(container.querySelector('[onerror]')).toBeNull();
  expect(probe().__pwned).toBeUndefined();
}

describe('customer text on the Feedback screen', () => {
  beforeEach(() => {
    delete probe().__pwned;
  });

  afterEach(() => {
    delete probe().__pwned;
    document.body.replaceChildren();
  });

  it('would run here if it were markup', () => {
    // The image parsed as HTML runs its handler when it fails to load (this DOM loads none)…
    document.body.append(document.createRange().createContextualFragment(IMG));
    document.body.querySelector('img')?.dispatchEvent(new Event('error'));
    expect(probe().__pwned).toBe(1);
    // …and a script element with that text runs once inserted.
    const script = document.createElement('script');
    script.textContent = 'window.__pwned=2';
    document.body.append(script);
    expect(probe().__pwned).toBe(2);
  });

  it('shows a theme’s label, quotes and article title literally', async () => {
    const theme = {
      ...refundTheme,
      label: `${IMG} · ${SCRIPT}`,
      examples: [
        { ...refundTheme.examples[0]!, text: PAYLOAD },
        { ...refundTheme.examples[1]!, kind: 'csat' as const, text: SCRIPT },
      ],
      // With an address, so the title is a button (the gap below covers plain text).
      article: {
        id: 1,
        title: `${SCRIPT} How refunds work ${IMG}`,
        url: 'https://acme.zendesk.com/hc/articles/1',
        score: 0.9,
        covered: true,
      },
    };
    const { container } = render(ThemeCard, {
      theme,
      every: 'week',
      onopen: () => {},
      onquote: () => {},
      onarticle: () => {},
      onrename: () => {},
      others: [],
      onedit: () => {},
    });
    await settle();

    const quotes = [...container.querySelectorAll('q')].map((q) => q.textContent);
    expect(quotes).toEqual([PAYLOAD, SCRIPT]);
    expect(container.querySelector('header button')?.textContent?.trim()).toBe(`${IMG} · ${SCRIPT}`);
    expect(container.querySelector('[data-testid="theme-article"]')).toHaveTextContent(
      `${SCRIPT} How refunds work ${IMG}`,
    );
    expectInert(container);
  });

  it('shows a repetitive ticket’s text and a knowledge-base gap’s article literally', async () => {
    const cluster = { ...feedbackFixture.duplicates[0]!, example: PAYLOAD };
    const duplicates = render(DuplicatesTable, { clusters: [cluster], onopen: () => {} });
    const gap = {
      ...feedbackFixture.kb_gaps[0]!,
      label: IMG,
      best_article: { id: 2, title: SCRIPT, url: null, score: 0.2, covered: false },
    };
    const gaps = render(KbGapsTable, { gaps: [gap], ontheme: () => {}, onarticle: () => {} });
    await settle();

    expect(duplicates.container.querySelector('.example')?.firstChild?.textContent?.trim()).toBe(PAYLOAD);
    expect(gaps.container.querySelector('[data-testid="kb-gap-row"] button')?.textContent).toBe(IMG);
    expect(gaps.container.querySelector('[data-testid="kb-gap-row"]')).toHaveTextContent(SCRIPT);
    expectInert(duplicates.container);
    expectInert(gaps.container);
  });
});
