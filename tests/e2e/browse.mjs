// The deployment as a reader's browser meets it: the system's Chromium, through playwright-core.
//
//   node browse.mjs < job.json > report.json
//
// job.json: {"base": "http://127.0.0.1:PORT/", "pages": ["en/index.html", ...], "files": ["en/x.pdf", ...],
//            "negotiate": {"lv-LV,lv;q=0.9": "/lv/", ...}, "missing": [["lv", "lv/no-such-page.html"], ...],
//            "nodeModules": "...", "chromium": "/usr/bin/chromium"}
// report.json: {"pages": [{"path", "status", "csp", "violations": [...], "console": [...]}],
//               "files": [{"path", "status", "type"}], "negotiate": [{"accept", "url"}],
//               "missing": [{"language", "path", "status", "lang", "title", "violations", "stylesheets"}]}
//
// One browser: every page in one tab, each listening for the securitypolicyviolation events the
// page raises and for the console's messages; the files through the browser's request context;
// the root in a context per Accept-Language; missing pages in the reader's language.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const job = JSON.parse(readFileSync(0, 'utf8'));
const require = createRequire(path.join(job.nodeModules, 'noop.js'));
const { chromium } = require('playwright-core');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--proxy-server=http://127.0.0.1:9'];

const LISTEN = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
  });
};

async function visit(page, url, consoleLog) {
  consoleLog.length = 0;
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const violations = await page.evaluate(() => window.__violations);
  return { response, violations, console: [...consoleLog] };
}

const browser = await chromium.launch({ executablePath: job.chromium, args: ARGS });
const report = { pages: [], files: [], negotiate: [], missing: [] };
try {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(LISTEN);
  const page = await context.newPage();
  const consoleLog = [];
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type())) consoleLog.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) consoleLog.push(`HTTP ${response.status()} ${response.url()}`);
  });
  for (const pagePath of job.pages) {
    const { response, violations, console } = await visit(page, new URL(pagePath, job.base).href, consoleLog);
    report.pages.push({ path: pagePath, status: response.status(),
      csp: (await response.allHeaders())['content-security-policy'] ?? '', violations, console });
  }
  for (const file of job.files) {
    const response = await context.request.get(new URL(file, job.base).href, { maxRedirects: 0 });
    report.files.push({ path: file, status: response.status(), type: response.headers()['content-type'] ?? '' });
  }
  for (const [language, pagePath] of job.missing) {
    const readerContext = await browser.newContext({ locale: language });
    await readerContext.addInitScript(LISTEN);
    const reader = await readerContext.newPage();
    const log = [];
    reader.on('console', (message) => { if (message.type() === 'error') log.push(message.text()); });
    const { response, violations } = await visit(reader, new URL(pagePath, job.base).href, log);
    report.missing.push({ language, path: pagePath, status: response.status(),
      lang: await reader.evaluate(() => document.documentElement.lang),
      title: await reader.title(),
      stylesheets: await reader.evaluate(() => document.styleSheets.length),
      violations, console: log.filter((text) => !text.includes('404')) });
    await readerContext.close();
  }
  for (const accept of job.negotiate) {
    const readerContext = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': accept } });
    const reader = await readerContext.newPage();
    await reader.goto(job.base, { waitUntil: 'load' });
    report.negotiate.push({ accept, url: new URL(reader.url()).pathname });
    await readerContext.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
