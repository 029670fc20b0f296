/**
 * docker-compose.yml against the compose-spec schema (as shipped by dclint), every file and
 * folder it mounts or builds present, its variables documented in .env.example with the same
 * development defaults, and what Grafana needs to load the unsigned plugin and send the user.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices, composeVariables, readComposeRaw, ROOT } from './composeFile';

const services = composeServices();

/** NAME=value lines of an env file; comments and blank lines skipped. */
function parseEnv(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => /^\w+=/.test(l));
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

test('the compose file is valid against the compose-spec schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'dclint', 'schemas', 'compose.schema.json'), 'utf8'));
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const ok = validate(readComposeRaw());
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
});

test('dclint finds no error in it (its style warnings about key order are left as they are)', () => {
  const cli = join(ROOT, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
  // --quiet reports errors only; the exit status is 0 when there are none.
  expect(execFileSync(process.execPath, [cli, '--quiet', '--color', 'false', 'docker-compose.yml'], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe('');
});

test('the services of the stack, with healthchecks where others wait for them', () => {
  expect(Object.keys(services).sort()).toEqual(['access', 'alerts-role', 'grafana', 'loader', 'postgres', 'store']);
  for (const [name, s] of Object.entries(services)) {
    for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
      expect(services[dependency]).toBeDefined();
      if (condition === 'service_healthy') {
        expect([name, dependency, services[dependency].healthcheck?.test.length]).toEqual([name, dependency, expect.any(Number)]);
      }
    }
  }
  expect(services.postgres.image).toMatch(/^postgres:1[56]/);
  expect(services.access.depends_on?.grafana).toEqual({ condition: 'service_healthy' });
  expect(services.access.command).toEqual(['npm', 'run', 'grafana:access']);
  expect(services.loader.command).toEqual(['node', 'bin/dasmo.js', 'watch', '/inbox']);
});

test('every file and folder mounted or built exists', () => {
  const hostPaths: string[] = [];
  for (const s of Object.values(services)) {
    for (const v of s.volumes ?? []) {
      const host = v.split(':')[0];
      if (host.startsWith('.')) {
        hostPaths.push(host);
      }
    }
    if (s.build) {
      hostPaths.push(s.build.context, join(s.build.context, s.build.dockerfile));
    }
  }
  expect(hostPaths.length).toBeGreaterThan(10);
  for (const p of hostPaths) {
    expect([p, existsSync(join(ROOT, p))]).toEqual([p, true]);
  }
});

test('every path a Dockerfile copies from the build context exists', () => {
  for (const file of ['docker/store.Dockerfile', 'docker/grafana.Dockerfile']) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of m[1].split(/\s+/)) {
        expect([file, source, existsSync(join(ROOT, source))]).toEqual([file, source, true]);
      }
    }
  }
});

test('.env.example lists every variable of the compose file with the same development default', () => {
  const example = parseEnv(readFileSync(join(ROOT, '.env.example'), 'utf8'));
  expect(example).toEqual(Object.fromEntries(composeVariables()));
});

test('Grafana: pinned 12.x image with the plugin built in, unsigned plugin allowed, user header sent, provisioning mounted', () => {
  const dockerfile = readFileSync(join(ROOT, 'docker/grafana.Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/^FROM grafana\/grafana:12\.\d+\.\d+$/m);
  expect(dockerfile).toMatch(/^COPY --from=plugin \/build\/dist \/var\/lib\/grafana\/plugins\/inps-dasmo-datasource$/m);
  const g = services.grafana;
  expect(g.environment).toMatchObject({ GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: 'inps-dasmo-datasource', GF_DATAPROXY_SEND_USER_HEADER: 'true' });
  expect(g.volumes).toEqual(
    expect.arrayContaining([
      './provisioning/datasources:/etc/grafana/provisioning/datasources:ro',
      './provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro',
      './provisioning/alerting:/etc/grafana/provisioning/alerting:ro',
      './dashboards/Nazionale:/var/lib/grafana/dashboards/Nazionale:ro',
      './dashboards/Regionale:/var/lib/grafana/dashboards/Regionale:ro',
      './dashboards/Sede:/var/lib/grafana/dashboards/Sede:ro',
    ])
  );
  // Every variable the datasource provisioning reads is in Grafana's environment.
  const provisioning = readFileSync(join(ROOT, 'provisioning/datasources/dasmo.yml'), 'utf8');
  for (const [, name] of provisioning.matchAll(/\$(\w+)/g)) {
    expect(Object.keys(g.environment ?? {})).toContain(name);
  }
});

test('the store token and the database are the same for the store, the loader and Grafana', () => {
  const env = (s: string) => services[s].environment ?? {};
  expect(env('store').DASMO_API_TOKEN).toBe(env('grafana').DASMO_API_TOKEN);
  expect(env('loader').DASMO_DATABASE_URL).toBe(env('store').DASMO_DATABASE_URL);
  expect(env('loader').DASMO_PSEUDONYM_KEY).toBe(env('store').DASMO_PSEUDONYM_KEY);
  expect(env('store').DASMO_DATABASE_URL).toBe('postgres://dasmo:dasmo-dev-password@postgres:5432/dasmo');
});
