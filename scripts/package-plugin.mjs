#!/usr/bin/env node
/**
 * Packs dist/ (made by `npm run build`) into the zip Grafana's plugin tooling expects:
 * inps-dasmo-datasource-<version>.zip holding inps-dasmo-datasource/ with dist's files.
 * Usage: node scripts/package-plugin.mjs [output folder, default: the project root]
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
/** What Grafana and its plugin validator look for in every datasource plugin. */
const REQUIRED = ['plugin.json', 'module.js', 'module.js.map', 'README.md', 'CHANGELOG.md', 'LICENSE'];

async function filesUnder(folder, prefix = '') {
  const out = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      out.push(...(await filesUnder(path.join(folder, entry.name), relative)));
    } else {
      out.push(relative);
    }
  }
  return out.sort();
}

async function main() {
  const outDir = path.resolve(process.argv[2] ?? root);
  if (!(await stat(dist).catch(() => null))) {
    throw new Error('There is no dist/ folder: run "npm run build" first.');
  }
  const files = await filesUnder(dist);
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (missing.length > 0) {
    throw new Error(`dist/ lacks ${missing.join(', ')}: run "npm run build" again.`);
  }
  const pluginJson = JSON.parse(await readFile(path.join(dist, 'plugin.json'), 'utf8'));
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  if (pluginJson.info?.version !== version) {
    throw new Error(
      `dist/plugin.json has version "${pluginJson.info?.version}" but package.json has "${version}": run "npm run build" again.`
    );
  }
  const zip = new JSZip();
  const folder = zip.folder(pluginJson.id);
  for (const file of files) {
    folder.file(file, await readFile(path.join(dist, file)));
  }
  const target = path.join(outDir, `${pluginJson.id}-${version}.zip`);
  // A fixed date keeps the zip the same byte for byte when dist/ is.
  zip.forEach((_, entry) => (entry.date = new Date('2021-07-21T00:00:00Z')));
  await writeFile(
    target,
    await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
  );
  console.log(`${path.relative(process.cwd(), target) || target}: ${files.length} files from dist/`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
