/**
 * Every DASMO query of the generated dashboards, sent to the real store API over HTTP on a small
 * generated history loaded by the real loader, as Grafana's data proxy would send it with all
 * variables on "Tutte" (the plugin then drops those filters): each must be answered without an
 * error, for a national user and for a regional one. The variable and annotation requests too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Filters, StoreQuery } from '../src/model/query';
import { buildApp } from '../store/api/app';
import { asUser, call, insertUsers, loadGeneratedHistory, postQuery, TEST_TOKEN } from '../store/api/apiTesting';
import { openTestDatabase, type TestDatabase } from '../store/testing/testDatabase';
import { FOLDERS } from './src/layout';

interface Json {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const RANGE = { from: '2020-03-01', to: '2020-03-25' };
const dashboards: Json[] = FOLDERS.flatMap((f) => readdirSync(join(__dirname, f)).map((file) => JSON.parse(readFileSync(join(__dirname, f, file), 'utf8'))));

/** A target as the plugin sends it with every variable on "Tutte": variable filters dropped. */
function asSent(target: Json): StoreQuery {
  const { datasource: _d, version: _v, hide: _h, filters, ...query } = target;
  const literal = Object.entries((filters ?? {}) as Filters).filter(([, values]) => !(values ?? []).every((v) => v.startsWith('$')));
  return (literal.length ? { ...query, filters: Object.fromEntries(literal) } : query) as StoreQuery;
}

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await openTestDatabase();
  await loadGeneratedHistory(t.db, { scale: 0.001, from: RANGE.from, to: RANGE.to });
  await insertUsers(t.db, [
    { login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null },
    { login: 'dr.lombardia', role: 'DIRETTORE_REGIONALE', region: '03' },
  ]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

test.each(['centrale', 'dr.lombardia'])('the store answers every panel of every dashboard for %s', async (login) => {
  const problems: string[] = [];
  let answered = 0;
  for (const d of dashboards) {
    for (const panel of d.panels.filter((p: Json) => p.targets?.some((x: Json) => x.datasource?.type === 'inps-dasmo-datasource'))) {
      const queries = panel.targets.map(asSent);
      const answer = await postQuery(app, login, { range: RANGE, queries });
      if (answer.status !== 200) {
        problems.push(`${d.title} / ${panel.title}: ${answer.status} ${JSON.stringify(answer.body)}`);
        continue;
      }
      for (const r of answer.body.results) {
        if (r.error) {
          problems.push(`${d.title} / ${panel.title} / ${r.refId}: ${r.error.message}`);
        } else {
          answered++;
        }
      }
    }
  }
  expect(problems).toEqual([]);
  expect(answered).toBeGreaterThan(80);
});

test('the variables and annotations the dashboards use are served', async () => {
  const urls = ['/api/variables/regione', '/api/variables/sede', '/api/variables/sede?regione=03', '/api/variables/prestazione', '/api/variables/causale', `/api/annotations?from=${RANGE.from}&to=${RANGE.to}`];
  for (const url of urls) {
    const answer = await call(app, { url, headers: asUser('dr.lombardia') });
    expect([url, answer.status]).toEqual([url, 200]);
  }
});
