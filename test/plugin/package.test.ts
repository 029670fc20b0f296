/**
 * The plugin as Grafana receives it: `npm run build` and the packaging script, then the zip is
 * opened and checked the way Grafana's plugin validator would look at it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';

const root = path.resolve(__dirname, '..', '..');
const ID = 'inps-dasmo-datasource';
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
/** Grafana's official plugin.json schema, kept beside the project (never copied into it). */
const SCHEMA = path.join(root, '..', 'shared', 'schemas', 'plugin.schema.json');
const MAX_MODULE_BYTES = 150 * 1024;

let zip: JSZip;
let out: string;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'dasmo-package-'));
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
  execFileSync('node', ['scripts/package-plugin.mjs', out], { cwd: root, stdio: 'pipe' });
  zip = await JSZip.loadAsync(readFileSync(path.join(out, `${ID}-${version}.zip`)));
}, 240_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const text = (name: string) => zip.file(`${ID}/${name}`)!.async('string');

test('every file sits in the plugin folder, with the files Grafana needs', () => {
  const files = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name)
    .sort();
  expect(files).toEqual(
    ['CHANGELOG.md', 'LICENSE', 'README.md', 'img/logo.svg', 'module.js', 'module.js.map', 'plugin.json'].map(
      (f) => `${ID}/${f}`
    )
  );
});

test('plugin.json carries the package version and today as placeholders replaced', async () => {
  const plugin = JSON.parse(await text('plugin.json'));
  expect(plugin.id).toBe(ID);
  expect(plugin.type).toBe('datasource');
  expect(plugin.info.version).toBe(version);
  expect(plugin.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test(`module.js stays within ${MAX_MODULE_BYTES / 1024} KB: Grafana provides React and @grafana/*`, async () => {
  const bytes = (await zip.file(`${ID}/module.js`)!.async('uint8array')).length;
  console.log(`module.js: ${bytes} bytes`);
  expect(bytes).toBeLessThanOrEqual(MAX_MODULE_BYTES);
});

const withSchema = existsSync(SCHEMA) ? test : test.skip;
if (!existsSync(SCHEMA)) {
  console.log(
    `plugin.json schema check skipped: Grafana's schema is not at ../shared/schemas/plugin.schema.json beside the project.`
  );
}

withSchema("plugin.json is valid against Grafana's official schema", async () => {
  // The schema's patterns escape '-' outside classes, which only non-unicode regular expressions allow.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  const valid = validate(JSON.parse(await text('plugin.json')));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

/** Tokens that exist in the repository: docker-compose's development default and the API tests'. */
const KNOWN_TOKENS = [
  /DASMO_API_TOKEN:-([^}]+)\}/.exec(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'))![1],
  /TEST_TOKEN = '([^']+)'/.exec(readFileSync(path.join(root, 'store', 'api', 'apiTesting.ts'), 'utf8'))![1],
];

test('the bundle carries no token: the store token reaches the store only through the plugin route', async () => {
  expect(KNOWN_TOKENS.every((token) => token.length >= 16)).toBe(true);
  for (const file of ['module.js', 'module.js.map']) {
    const bundle = await text(file);
    for (const token of KNOWN_TOKENS) {
      expect(bundle.includes(token)).toBe(false);
    }
  }
  // The browser code never sets an Authorization header itself: Grafana's data proxy adds it
  // from the encrypted settings, so the browser never sees the token.
  expect(await text('module.js')).not.toMatch(/Bearer |authorization/i);
  const plugin = JSON.parse(await text('plugin.json'));
  expect(plugin.routes.map((r: { headers: unknown }) => r.headers)).toEqual([[{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiToken }}' }]]);
});
