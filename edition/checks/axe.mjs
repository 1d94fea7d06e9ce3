// axe-core in the system's Chromium, driven by playwright-core: the accessibility check.
//
//   node axe.mjs < job.json > report.json
//
// job.json: {
//   "base": "http://127.0.0.1:PORT/",   where the site is served (loopback only)
//   "pages": ["index.html", "en/index.html", ...],   paths under base
//   "nodeModules": "/path/to/node_modules",   where playwright-core and axe-core are
//   "chromium": "/usr/bin/chromium",
//   "schemes": ["light", "dark"],
//   "tags": ["wcag2a", "wcag2aa", ...],
//   "workers": 2                          tabs at once (optional)
// }
// report.json: {
//   "results": [{"page", "scheme", "state", "violations": [{"id", "impact", "help", "nodes": [...]}]}],
//   "errors": [{"page", "scheme", "message"}]    pages that could not be checked, script errors,
//                                                requests to another origin, failed loads
// }
//
// One browser, with a fresh profile in a temporary folder, checks every page, two
// tabs at a time. Each page is loaded once and checked in every colour scheme
// (page.emulateMedia switches it in place). If the page has a cite button
// (button.cite-button, inside numbered paragraphs), the first one is clicked and
// axe runs again, in every scheme, with the cite box open (state "cite box open").
// Nothing leaves the machine: the browser's proxy is a closed loopback port (the
// loopback interface itself is never proxied), and every request to another
// origin is reported.

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const job = JSON.parse(readFileSync(0, 'utf8'));
const require = createRequire(path.join(job.nodeModules, 'noop.js'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const base = new URL(job.base);
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const CHECKED_TYPES = new Set(['document', 'stylesheet', 'script', 'image', 'font', 'media', 'fetch', 'xhr']);

const WORKERS = Math.max(1, Math.min(job.workers ?? 2, job.pages.length));
// Every request but to the loopback interface (never proxied) goes to a closed port, and fails.
const NO_NETWORK = ['--proxy-server=http://127.0.0.1:9'];

const report = { results: [], errors: [] };
const profile = mkdtempSync(path.join(tmpdir(), 'edition-axe-'));
let context;

async function settle(page) {
  // Two animation frames and a short pause: long enough for a box to open.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(50);
}

// In the other colour schemes only the rules that colours can break run again: every other
// rule reads the same document and would find the same things.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function runAxe(page, onlyColours) {
  const runOnly = onlyColours ? { type: 'rule', values: COLOUR_RULES } : { type: 'tag', values: job.tags };
  const options = { runOnly, resultTypes: ['violations'] };
  const results = await page.evaluate((opts) => window.axe.run(document, opts), options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.flat(Infinity).join(' '), summary: n.failureSummary })),
  }));
}

async function inEveryScheme(page, pagePath, state) {
  for (const [index, scheme] of job.schemes.entries()) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    report.results.push({ page: pagePath, scheme, state, violations: await runAxe(page, index > 0) });
  }
}

async function checkPage(page, pagePath) {
  const where = { page: pagePath, scheme: '' };
  const onError = (error) => report.errors.push({ ...where, message: `script error: ${error.message}` });
  const onRequest = (request) => {
    const url = new URL(request.url());
    if (url.origin !== base.origin && !['data:', 'blob:', 'about:'].includes(url.protocol)) {
      report.errors.push({ ...where, message: `requests a resource from another origin: ${url.href}` });
    }
  };
  const onResponse = (response) => {
    const type = response.request().resourceType();
    if (response.status() >= 400 && CHECKED_TYPES.has(type)) {
      report.errors.push({ ...where, message: `${type} ${response.url()} answered ${response.status()}` });
    }
  };
  page.on('pageerror', onError);
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    await page.emulateMedia({ colorScheme: job.schemes[0], reducedMotion: 'reduce' });
    await page.goto(new URL(pagePath, base).href, { waitUntil: 'load' });
    await page.addScriptTag({ path: axePath });
    await inEveryScheme(page, pagePath, 'as loaded');
    const button = page.locator('button.cite-button').first();
    if (await button.count()) {
      await button.click();
      await settle(page);
      await inEveryScheme(page, pagePath, 'cite box open');
    }
  } catch (error) {
    report.errors.push({ ...where, message: `could not be checked: ${error.message.split('\n')[0]}` });
  } finally {
    page.off('pageerror', onError);
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
}

async function worker(queue) {
  let page = await context.newPage();
  for (let pagePath = queue.shift(); pagePath !== undefined; pagePath = queue.shift()) {
    await checkPage(page, pagePath);
    if (page.isClosed()) page = await context.newPage();
  }
  await page.close();
}

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: job.chromium,
    headless: true,
    args: [...CHROME_ARGS, ...NO_NETWORK],
    viewport: { width: 1280, height: 900 },
    // The pages carry their Content-Security-Policy (<meta>), which forbids the script axe-core
    // is injected as: the checker's own script is let through; the policy itself is tested in
    // tests/e2e/test_deploy.py.
    bypassCSP: true,
  });
  const queue = [...job.pages];
  await Promise.all(Array.from({ length: WORKERS }, () => worker(queue)));
} catch (error) {
  report.errors.push({ page: '', scheme: '', message: `the browser failed: ${error.message.split('\n')[0]}` });
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
// Report in the order the pages were given, whichever tab finished first.
const order = new Map(job.pages.map((p, i) => [p, i]));
const rank = (r) => order.get(r.page) ?? -1;
report.results.sort((a, b) => rank(a) - rank(b));
report.errors.sort((a, b) => rank(a) - rank(b));
process.stdout.write(JSON.stringify(report));
