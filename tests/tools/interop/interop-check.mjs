// Independent checks of Provenance's exports, run by tests/Provenance.Manifest.Tests/Export (never by the product).
// Every command exits 0 when the document passes and 1 (with the reasons on stderr) when it does not. Offline:
// JSON-LD contexts come from files, a document loader that is asked for anything else fails.
//
//   node interop-check.mjs cyclonedx-library BOM.json          the CycloneDX library's strict JSON validator (spec 1.6)
//   node interop-check.mjs rdf DOC.jsonld [CONTEXT_URL=FILE]   JSON-LD -> RDF (N-Quads on stdout), safe mode
//   node interop-check.mjs front-matter README.md              a dataset card's YAML front matter as JSON (js-yaml)
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [command, file, ...rest] = process.argv.slice(2);

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (command === 'cyclonedx-library') {
  const CDX = require('@cyclonedx/cyclonedx-library');
  const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
  const errors = await validator.validate(fs.readFileSync(file, 'utf8'));
  if (errors !== null) fail(JSON.stringify(errors, null, 2));
  console.log('ok');
} else if (command === 'rdf') {
  const jsonld = require('jsonld');
  const contexts = new Map(rest.map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), JSON.parse(fs.readFileSync(pair.slice(at + 1), 'utf8'))];
  }));
  const documentLoader = async (url) => {
    if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
    throw new Error('offline: no local copy of ' + url);
  };
  try {
    const quads = await jsonld.toRDF(JSON.parse(fs.readFileSync(file, 'utf8')), {
      format: 'application/n-quads', base: 'file:///dataset/', safe: true, documentLoader,
    });
    process.stdout.write(quads);
  } catch (error) {
    fail(error.message + (error.details ? '\n' + JSON.stringify(error.details).slice(0, 2000) : ''));
  }
} else if (command === 'front-matter') {
  const yaml = require('js-yaml');
  const text = fs.readFileSync(file, 'utf8');
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n---/);
  if (!match) fail('no YAML front matter');
  process.stdout.write(JSON.stringify(yaml.load(match[1])));
} else {
  fail('usage: interop-check.mjs cyclonedx-library|rdf|front-matter FILE [...]');
}
