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
// After axe, the same tab measures the page as a reader meets it (readerChecks): at 320, 390
// and 1400 px wide, no sideways scrolling, a header of at most an eighth of a phone's
// screen, targets of 24x24 px at least, no words overflowing their buttons, the reached
// paragraph's highlight at 3:1 against the page in every scheme, and a note mark that opens
// its note in place by Enter (focus in, Escape back) and by a tap on a phone.
// On a search page named in job.searches ({"en/search.html": {"query", "ref"}}), a search for
// the query lists the paragraph ref among the paragraphs found, every result links to a #pN
// that its page holds, the words are marked at 3:1 against the page at least, and no snippet
// glues a number to a word ("group.2").
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

// -- The reader's checks: layout at three widths, visible state, notes at hand ---------------
// Measured in the same tab, after axe: the viewport is resized in place (no reload).
const WIDTHS = [[320, 568], [390, 844], [1400, 1000]];
// What a finger or a pointer aims at outside running text (WCAG 2.5.8: 24 x 24 px at least).
const TARGETS = 'button, summary, input, select, .site-nav a, .language-switcher a, .page-nav a, a.parnum, '
  + 'a[role="doc-noteref"], a[role="doc-backlink"], .cite-box a';

function measure(targets) {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''} "${el.textContent.trim().slice(0, 30)}"`;
  const root = document.documentElement;
  const header = document.querySelector('header');
  const small = [], spilling = [];
  for (const el of document.querySelectorAll(targets)) {
    if (!visible(el) || el.closest('[hidden], .note-pop')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 23.5 || r.height < 23.5) small.push(`${name(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  for (const el of document.querySelectorAll('button, .site-nav a, .language-switcher a, .column-labels p')) {
    if (visible(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible') {
      spilling.push(name(el));
    }
  }
  return {
    width: root.scrollWidth, viewport: root.clientWidth, height: innerHeight,
    header: header ? header.getBoundingClientRect().height : 0, small, spilling,
  };
}

function luminance(colour) {
  const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function highlightContrast(page) {
  // The reached paragraph (#p1) must stand out: its outline at 3:1 against the page at least.
  const colours = await page.evaluate(() => {
    const target = document.querySelector('p.numbered#p1');
    if (!target) return null;
    location.hash = 'p1';
    const style = getComputedStyle(target.closest('.text-unit') || target);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? style.outlineColor : '';
    const page = getComputedStyle(document.body).backgroundColor;
    history.replaceState(null, '', location.pathname + location.search);
    return { outline, page };
  });
  if (!colours) return null;
  if (!colours.outline) return 0;
  const [a, b] = [luminance(colours.outline), luminance(colours.page)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

async function notesAtHand(page, problem) {
  const mark = page.locator('a[role="doc-noteref"]').first();
  if (!(await mark.count())) return;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await mark.focus();
  await page.keyboard.press('Enter');
  await settle(page);
  const byKey = await page.evaluate(() => {
    const box = document.querySelector('.note-pop');
    return { open: !!box && !box.hidden, focused: !!box && box.contains(document.activeElement), url: location.hash };
  });
  if (!byKey.open || !byKey.focused || byKey.url) problem('[1400 px] Enter on a note mark does not open its note in place, with the focus in it');
  await page.keyboard.press('Escape');
  const back = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('role') === 'doc-noteref'
    && document.activeElement.getAttribute('aria-expanded') === 'false');
  if (!back) problem('[1400 px] Escape does not close the note and return to its mark');
  await page.setViewportSize({ width: 390, height: 844 });
  await mark.scrollIntoViewIfNeeded();
  await mark.click();
  await settle(page);
  const byTap = await page.evaluate(() => {
    const box = document.querySelector('.note-pop');
    if (!box || box.hidden) return false;
    const r = box.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight + 1 && r.left >= 0 && r.right <= innerWidth + 1;
  });
  if (!byTap) problem('[390 px] a tap on a note mark does not show its note on the screen');
  await page.keyboard.press('Escape');
}

async function readerChecks(page, pagePath) {
  const problem = (message) => report.errors.push({ page: pagePath, scheme: '', message });
  for (const [width, height] of WIDTHS) {
    await page.setViewportSize({ width, height });
    const m = await page.evaluate(measure, TARGETS);
    const at = `[${width} px]`;
    if (m.width > m.viewport) problem(`${at} the page scrolls sideways: ${m.width} px wide`);
    if (width < 1000 && m.header > m.height / 8) problem(`${at} the header takes ${Math.round(m.header)} px of ${m.height} (more than an eighth)`);
    for (const target of m.small) problem(`${at} a target smaller than 24x24 px: ${target}`);
    for (const target of m.spilling) problem(`${at} words overflow their box: ${target}`);
  }
  for (const scheme of job.schemes) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const ratio = await highlightContrast(page);
    if (ratio !== null && ratio < 3) problem(`[${scheme}] the reached paragraph's highlight has ${ratio.toFixed(2)}:1 against the page (at least 3:1)`);
  }
  await page.emulateMedia({ colorScheme: job.schemes[0], reducedMotion: 'reduce' });
  await notesAtHand(page, problem);
  await page.setViewportSize({ width: 1280, height: 900 });
}

function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function searchChecks(page, pagePath, search) {
  const problem = (message) => report.errors.push({ page: pagePath, scheme: '', message: `[search "${search.query}"] ${message}` });
  const url = new URL(pagePath, base);
  url.searchParams.set('q', search.query);
  await page.goto(url.href, { waitUntil: 'load' });
  try {
    await page.waitForSelector('#paragraph-results:not([hidden]) li, #paragraph-results:not([hidden]) .search-none:not([hidden])', { timeout: 5000 });
    // Sphinx's page search done (its heading's pulsing dots gone), and the snippets it fetches page by page
    await page.waitForFunction(() => document.querySelector('#search-results h2')
      && !document.querySelector('#search-results h2 span'), null, { timeout: 10000 });
    await page.waitForLoadState('networkidle');
  } catch {
    problem('no paragraph results appear');
    return;
  }
  const found = await page.evaluate(() => ({
    hits: [...document.querySelectorAll('#paragraph-results li')].map((li) => {
      const link = li.querySelector('a');
      const mark = li.querySelector('mark');
      return {
        ref: link.textContent.replace(/\u00a0/g, ' '), href: link.getAttribute('href'),
        // the mark's ring (box-shadow) or its ground, whichever stands out more against the page
        mark: mark ? [getComputedStyle(mark).backgroundColor, (getComputedStyle(mark).boxShadow.match(/rgba?\([^)]*\)/) || [''])[0],
          getComputedStyle(document.body).backgroundColor] : null,
      };
    }),
    snippets: [...document.querySelectorAll('#search-results p.context, #paragraph-results .hit-text')].map((p) => p.textContent),
  }));
  if (!found.hits.some((hit) => hit.ref === search.ref)) problem(`${search.ref} is not among the paragraphs found`);
  for (const hit of found.hits) {
    if (!/#p\d+[a-z]?$/.test(hit.href)) problem(`${hit.ref} links to ${hit.href}, not to a paragraph`);
    if (!hit.mark) problem(`${hit.ref}: no word is marked`);
    else {
      const [ground, ring, pageColour] = hit.mark;
      const ratio = Math.max(contrast(ground, pageColour), ring ? contrast(ring, pageColour) : 0);
      if (ratio < 3) problem(`${hit.ref}: the marked words have ${ratio.toFixed(2)}:1 against the page`);
    }
  }
  for (const text of found.snippets) {
    const glued = text.match(/\p{L}[.,;:!?)\]”»"]\d+(?=\s|$)/u);
    if (glued) problem(`a snippet glues a number to a word: "${glued[0]}"`);
  }
  const first = found.hits[0];
  if (first) {
    await page.goto(new URL(first.href, url).href, { waitUntil: 'load' });
    const reached = await page.evaluate(() => {
      const target = document.getElementById(location.hash.slice(1));
      return !!target && target.matches('p.numbered');
    });
    if (!reached) problem(`${first.ref} (${first.href}) leads to no numbered paragraph`);
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
      await button.click();  // closed again, for the reader's checks
    }
    await readerChecks(page, pagePath);
    if (job.searches && job.searches[pagePath]) await searchChecks(page, pagePath, job.searches[pagePath]);
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
