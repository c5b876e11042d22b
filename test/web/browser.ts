/**
 * Browser-test support: Debian's Chromium driven by playwright-core, an axe-core scan per page and
 * screenshots at phone and desktop width into test-artifacts/web/ (gitignored, kept by CI).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from '../../infra/local/env.js';

export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

const chromiumPath = (): string => {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not on the PATH: apt-get install -y chromium (.ci/run does it in CI)');
  }
};

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: ['--disable-dev-shm-usage'] });

export interface AxeFinding {
  page: string;
  id: string;
  impact: string;
  nodes: number;
  /** the first few elements, to find them */
  targets: string[];
}
export const axeFindings: AxeFinding[] = [];
const scanned: string[] = [];

/** axe-core (WCAG 2.1 A and AA) on the page as it stands; answers the serious and critical findings. */
export const scan = async (page: Page, name: string): Promise<AxeFinding[]> => {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  scanned.push(name);
  const all = result.violations.map((v) => ({
    page: name,
    id: v.id,
    impact: v.impact ?? 'unknown',
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
  axeFindings.push(...all);
  return all.filter((f) => f.impact === 'serious' || f.impact === 'critical');
};

/** The page at phone and desktop width, full length, as PNGs named after the step. */
export const screenshots = async (page: Page, name: string): Promise<void> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const before = page.viewportSize();
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${label}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
};

/** Writes the axe summary beside the screenshots (what the closing note quotes). */
export const writeAxeSummary = () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    join(ARTIFACTS, 'axe-summary.json'),
    JSON.stringify({ pages: scanned, findings: axeFindings }, null, 2),
  );
};
