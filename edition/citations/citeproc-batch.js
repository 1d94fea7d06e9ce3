#!/usr/bin/env node
// Format CSL-JSON records with citeproc-js, all of a build's in one batch.
//
// Called by edition/citations/formatting.py: one JSON request on standard
// input, one JSON answer on standard output.
//
//   request: {"citeproc": "<path of the citeproc package>",
//             "styles": {"<name>": "<path of the .csl file>"},
//             "locales": "<folder of locales-xx-XX.xml>",
//             "jobs": [{"key", "style", "locale", "mode", "item", "locator"?, "label"?}]}
//   answer:  {"processor": "<citeproc-js version>",
//             "results": {"<key>": "<html>"}, "errors": {"<key>": "<message>"}}
//
// A job's "mode" is "citation" (a first citation, with the locator: what a
// note or an in-text citation shows) or "bibliography" (the entry, as
// makeBibliography() gives it). One engine serves every job of a style and
// locale; updateItems() leaves only the job's item in its registry, so no
// item is disambiguated against another.
'use strict';

const fs = require('fs');
const path = require('path');

function format(request) {
  const CSL = require(request.citeproc);
  const items = new Map();
  const locales = new Map();
  const sys = {
    retrieveItem: (id) => items.get(id),
    retrieveLocale: (lang) => {
      if (!locales.has(lang)) {
        const file = path.join(request.locales, `locales-${lang}.xml`);
        locales.set(lang, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : false);
      }
      return locales.get(lang);
    },
  };
  const engines = new Map();
  const engine = (style, locale) => {
    const name = `${style}\n${locale}`;
    if (!engines.has(name)) {
      const xml = fs.readFileSync(request.styles[style], 'utf8');
      const created = new CSL.Engine(sys, xml, locale, true); // true: the build's locale, not the style's
      created.setOutputFormat('html');
      engines.set(name, created);
    }
    return engines.get(name);
  };

  const results = {};
  const errors = {};
  for (const job of request.jobs) {
    try {
      const processor = engine(job.style, job.locale);
      items.set(job.item.id, job.item);
      processor.updateItems([job.item.id]);
      if (job.mode === 'bibliography') {
        const [params, entries] = processor.makeBibliography();
        if (params.bibliography_errors.length) {
          throw new Error(JSON.stringify(params.bibliography_errors));
        }
        results[job.key] = entries[0];
      } else {
        const cite = {id: job.item.id};
        if (job.locator) {
          cite.locator = job.locator;
          cite.label = job.label;
        }
        results[job.key] = processor.makeCitationCluster([cite]);
      }
    } catch (error) {
      errors[job.key] = String(error && error.stack ? error.stack : error);
    }
  }
  return {processor: CSL.PROCESSOR_VERSION, results, errors};
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(JSON.stringify(format(request)));
});
