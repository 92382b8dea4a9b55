// Parses Mermaid text with mermaid's own parser (mermaid.parse), for
// tests/e2e/test_export_gantt.sh: exits 0 when the text on standard input is a diagram
// mermaid accepts, else 1 with mermaid's message. mermaid and jsdom (a DOM for node, which
// mermaid's sanitizer needs) are npm packages installed outside the repository
// (.ci/run); their folder is the first argument (it holds node_modules/).
// Usage: node mermaid_parse.mjs TOOLS_DIR < chart.mmd
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const tools = process.argv[2];
const require = createRequire(path.join(tools, 'node_modules', 'index.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ['DOMParser', 'Element', 'HTMLElement', 'Node', 'navigator']) {
    if (!(name in globalThis)) {
        globalThis[name] = dom.window[name];
    }
}
const entry = path.join(tools, 'node_modules', 'mermaid', 'dist', 'mermaid.core.mjs');
const { default: mermaid } = await import(pathToFileURL(entry).href);
mermaid.initialize({ startOnLoad: false });
const text = readFileSync(0, 'utf8');
try {
    const parsed = await mermaid.parse(text);
    console.log(`ok: ${parsed.diagramType}`);
} catch (error) {
    console.error(String(error && error.message ? error.message : error));
    process.exit(1);
}
