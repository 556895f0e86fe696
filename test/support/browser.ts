/**
 * A real browser for the web front end's tests: Debian's Chromium driven by playwright-core (no browser
 * download). Found at CHROMIUM_PATH, else /usr/bin/chromium; fails loudly when there is none (.ci/run
 * installs it: apt-get install -y chromium).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `no Chromium for the browser tests (looked at ${candidates.join(', ')}): install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // As root in a container, without a GPU, and without the background traffic this closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Builds the web front end from its sources into a fresh folder (what `npm run build` does into dist/web). */
export async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'sales-ops-web-'));
  await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
    env: { ...process.env, WEB_OUT_DIR: outDir },
    maxBuffer: 16 * 1024 * 1024,
  });
  return outDir;
}

// The functions handed to page.evaluate run in the page; the type check (Node, no DOM library) knows these
// few browser names only as `any`.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
declare function getComputedStyle(element: any): any;
declare const HTMLInputElement: any;

/** Resolves when no part of the page is loading (every panel's aria-busy gone). */
export async function pageIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0);
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ target: unknown; failureSummary?: string }>;
}

const axeSource = (): string => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules, and best practices). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource() });
  const violations = await page.evaluate(async () => {
    const result: { violations: AxeViolation[] } = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * Presses Tab through the page and returns the interactive controls (visible, enabled buttons, links,
 * inputs, selects, elements with a tabindex ≥ 0) that focus never reached: every one must be reachable. The
 * controls inside a closed <details> are not shown, so not asked for; its <summary> is.
 */
export async function controlsUnreachableByKeyboard(page: Page, maxTabs = 400): Promise<string[]> {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.__reached = new Set();
    window.__first = undefined;
    document.addEventListener('focusin', (event: any) => window.__reached.add(event.target), true);
  });
  await page.locator('body').focus().catch(() => undefined);
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const wrapped = await page.evaluate(() => {
      const active = document.activeElement;
      if (active === null || active === document.body) return false;
      if (window.__first === undefined) window.__first = active;
      else if (window.__first === active) return true;
      return false;
    });
    if (wrapped) break;
  }
  return page.evaluate(() => {
    const reached: Set<unknown> = window.__reached;
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const missing: string[] = [];
    for (const element of document.querySelectorAll(selector)) {
      if (element.disabled || element.getAttribute('tabindex') === '-1') continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const hiddenRadio = element instanceof HTMLInputElement && element.type === 'radio' && !element.checked;
      // The content of a closed disclosure is not shown: it is reached by opening it (its summary is checked).
      const closed = element.closest('details:not([open])');
      if (closed !== null && element.closest('summary')?.parentElement !== closed) continue;
      if (hiddenRadio || style.visibility === 'hidden' || style.display === 'none' || (box.width === 0 && box.height === 0 && !(element instanceof HTMLInputElement))) continue;
      if (!reached.has(element)) missing.push(element.outerHTML.slice(0, 160));
    }
    return missing;
  });
}
