/**
 * The OpenAPI document at /api/openapi.json: an OpenAPI 3.1 document (structure, bearer security on
 * every plan route, open health routes), every schema in it compiles as JSON Schema 2020-12, and
 * the request examples the other tests send validate against the documented request bodies. That
 * the answers match the document is checked on every request of the HTTP tests (http-world.ts).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { startHttpWorld, type HttpWorld, type OpenApiDocument } from './http-world.js';

let world: HttpWorld;
let doc: OpenApiDocument;

beforeAll(async () => {
  world = await startHttpWorld();
  doc = world.checker.doc;
});

afterAll(async () => {
  await world.close();
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function operations(): { path: string; method: string; operation: OpenApiDocument['paths'][string][string] }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

function ajv(): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allErrors: true });
  instance.addFormat('date-time', true);
  return instance;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with info, paths, components and a bearer security scheme', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/training-plan',
      '/api/training-plan/clubs',
      '/api/training-plan/clubs/{id}',
      '/api/training-plan/clubs/{id}/status',
      '/api/training-plan/conversation/button',
      '/api/training-plan/conversation/command',
      '/api/training-plan/conversation/form',
      '/api/training-plan/generate',
      '/api/training-plan/week/generate',
      '/api/training-plan/{id}',
      '/api/training-plan/{id}.ics',
      '/api/training-plan/{id}/fit',
      '/healthz',
      '/readyz',
    ]);
    const served = await fetch(`${world.api.url}/api/openapi.json`);
    expect(served.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('lists the seed’s operations, each with responses and a description for each', () => {
    const ops = operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(ops.sort()).toEqual(
      [
        'POST /api/training-plan',
        'GET /api/training-plan/clubs',
        'GET /api/training-plan/clubs/{id}',
        'GET /api/training-plan/clubs/{id}/status',
        'POST /api/training-plan/conversation/command',
        'POST /api/training-plan/conversation/button',
        'POST /api/training-plan/conversation/form',
        'POST /api/training-plan/generate',
        'PUT /api/training-plan/generate',
        'POST /api/training-plan/week/generate',
        'GET /api/training-plan/{id}',
        'DELETE /api/training-plan/{id}',
        'GET /api/training-plan/{id}.ics',
        'GET /api/training-plan/{id}/fit',
        'GET /healthz',
        'GET /readyz',
      ].sort(),
    );
    for (const { operation } of operations()) {
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      for (const response of Object.values(operation.responses)) expect((response as { description?: string }).description).toBeTruthy();
    }
  });

  it('requires the bearer key on every plan route and documents 401 and 429 there; health routes are open', () => {
    for (const { path, method, operation } of operations()) {
      if (path.startsWith('/api/training-plan')) {
        expect(operation.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
        expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429', '500']));
        expect(operation.responses['429']?.headers).toHaveProperty('Retry-After');
      } else {
        expect(operation.security, `${method} ${path}`).toEqual([]);
      }
    }
    expect(Object.keys(doc.paths['/api/training-plan/week/generate']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '409', '413', '429', '500']),
    );
    // Another owner's plan, or a club the owner is no admin of, is a 404 like an unknown one: no
    // route documents (or answers) 403.
    for (const { path, method, operation } of operations()) expect(operation.responses, `${method} ${path}`).not.toHaveProperty('403');
  });

  it('has schemas that all compile as JSON Schema 2020-12', () => {
    const compiler = ajv();
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(() => compiler.compile({ ...(schema as object), components: doc.components }), name).not.toThrow();
    }
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          expect(
            () => compiler.compile({ ...(media.schema as object), components: doc.components }),
            `${method} ${path} ${status} ${type}`,
          ).not.toThrow();
        }
      }
    }
  });

  it('describes request bodies that accept what the seed’s clients send and refuse what the API refuses', () => {
    const compiler = ajv();
    const body = (path: string, method: string) => {
      const schema = doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
      return compiler.compile({ ...(schema as object), components: doc.components });
    };
    const create = body('/api/training-plan', 'post');
    expect(create({ ...MARATHON_FIELDS, mileage: 30, days: [2, 3, 4, 6, 7] })).toBe(true);
    expect(create({ ...MARATHON_FIELDS, nonsense: true })).toBe(false);
    expect(create({ distance: 'marathon' })).toBe(false);
    const week = body('/api/training-plan/week/generate', 'post');
    expect(
      week({ trainingPlanId: 'p1', weekNumber: 3, previousWeekExecution: { completedDays: 4, totalMiles: 27.5, averagePace: '8:45' } }),
    ).toBe(true);
    expect(week({ trainingPlanId: 'p1', weekNumber: 0 })).toBe(false);
    const confirm = body('/api/training-plan/generate', 'put');
    expect(confirm({ trainingPlanId: 'p1', totalWeeks: 20, phases: [] })).toBe(true);
  });

  it('matches the answers of this file’s requests too', async () => {
    const key = await world.keyFor('discord:G1:U9');
    const created = await world.request('POST', '/api/training-plan', { key, body: { ...MARATHON_FIELDS, mileage: 30 } });
    const id = created.body.trainingPlanId as string;
    await world.request('POST', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    await world.request('GET', `/api/training-plan/${id}`, { key });
    await world.request('PUT', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    await world.request('GET', `/api/training-plan/${id}`, { key });
    expect([...world.checker.seen]).toEqual(
      expect.arrayContaining([
        'post /api/training-plan 201 application/json',
        'post /api/training-plan/generate 200 application/json',
        'put /api/training-plan/generate 200 application/json',
        'get /api/training-plan/{id} 200 application/json',
      ]),
    );
  });
});
