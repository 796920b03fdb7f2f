import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { mockErrorHandler } from '@backstage/backend-test-utils';
import type { RequestAccess } from '../http/access';
import { registerAiRoutes } from './ai';
import { registerGovernanceRoutes } from './governance';
import { registerReportRoutes } from './reports';

/**
 * The routes that take a month or a day, over fake services: a month that
 * is not one (`2026-13`) or a day that is not one (`2026-02-30`) is a 400
 * in the one error format, before any service is asked.
 */
function setup() {
  const access = {
    viewer: jest.fn(async () => ({ admin: true })),
    requireAdmin: jest.fn(async () => undefined),
    entity: jest.fn(async () => ({ kind: 'Group' })),
  } as unknown as RequestAccess;
  const ai: any = {
    asOf: jest.fn(async () => '2026-03-31'),
    usage: jest.fn(async () => ({ total: '1' })),
    spend: jest.fn(async () => ({ month: '2026-03' })),
  };
  const governance: any = {
    kpis: jest.fn(async () => ({ items: [] })),
    spend: jest.fn(async () => ({ items: [] })),
    scorecard: jest.fn(async () => ({ items: [] })),
  };
  const showback: any = {
    showback: jest.fn(async () => ({ teams: [] })),
  };
  const router = Router();
  registerAiRoutes(router, { access, ai });
  registerGovernanceRoutes(router, { access, governance });
  registerReportRoutes(router, { access, showback });
  const app = express().use(router).use(mockErrorHandler());
  return { app, ai, governance, showback };
}

describe('month and day parameters', () => {
  it.each([
    '/ai/spend',
    '/governance/kpis',
    '/governance/spend',
    '/entities/group/default/web/scorecard',
    '/reports/showback',
  ])(
    '%s refuses a month that is not one, in the one error format',
    async url => {
      const { app, ai, governance, showback } = setup();
      for (const month of ['2026-13', '2026-00', '2026-1', 'march']) {
        const res = await request(app).get(url).query({ month });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: 'Invalid request: month must be a month YYYY-MM',
        });
      }
      expect(ai.spend).not.toHaveBeenCalled();
      expect(governance.kpis).not.toHaveBeenCalled();
      expect(governance.spend).not.toHaveBeenCalled();
      expect(governance.scorecard).not.toHaveBeenCalled();
      expect(showback.showback).not.toHaveBeenCalled();
    },
  );

  it('hands a real month on, and a statement still needs one', async () => {
    const { app, ai, governance, showback } = setup();
    expect(
      (await request(app).get('/ai/spend').query({ month: '2026-12' })).status,
    ).toBe(200);
    expect(ai.spend.mock.calls[0][0]).toMatchObject({ month: '2026-12' });
    expect(
      (await request(app).get('/governance/kpis').query({ month: '2026-01' }))
        .status,
    ).toBe(200);
    expect(governance.kpis.mock.calls[0][0]).toMatchObject({
      month: '2026-01',
    });
    expect(
      (await request(app).get('/reports/showback')).body.error.message,
    ).toBe('Invalid request: month is required (YYYY-MM)');
    await request(app).get('/reports/showback').query({ month: '2026-02' });
    expect(showback.showback.mock.calls[0][0]).toBe('2026-02');
  });

  it('refuses a day that is not on the calendar, in the same format', async () => {
    const { app, ai } = setup();
    const res = await request(app)
      .get('/entities/component/default/cart/ai-usage')
      .query({ from: '2026-02-30', to: '2026-03-31' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'Invalid request: from must be a calendar date YYYY-MM-DD',
    });
    expect(ai.usage).not.toHaveBeenCalled();
  });
});
