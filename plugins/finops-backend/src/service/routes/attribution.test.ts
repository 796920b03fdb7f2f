import request from 'supertest';
import { routerWithFakes } from '../__testUtils__/routerWithFakes';

/** A fake coverage service that echoes the month it was asked for. */
function fakeCoverage() {
  return {
    coverage: jest.fn(async (options: { month?: string } = {}) => ({
      ...(options.month ? { month: options.month } : {}),
      measure: 'EffectiveCost',
      currencies: {},
      unattributedByAccountAndService: {},
      suggestions: [],
      contested: [],
    })),
  };
}

async function setup(denied: string[] = []) {
  const coverage = fakeCoverage();
  return { coverage, ...(await routerWithFakes({ coverage }, { denied })) };
}

describe('the coverage route', () => {
  it("hands the service the month asked for, and answers that month's coverage", async () => {
    const { app, coverage, user } = await setup();
    const res = await request(app)
      .get('/coverage?month=2026-03')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.month).toBe('2026-03');
    expect(coverage.coverage).toHaveBeenCalledWith({ month: '2026-03' });
  });

  it('answers over all the data without a month, as before', async () => {
    const { app, coverage, user } = await setup();
    const res = await request(app).get('/coverage').set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('month');
    expect(coverage.coverage).toHaveBeenCalledWith({});
  });

  it.each(['2026-13', '2026-00', '2026-3', 'march'])(
    'refuses the month %p with a 400 before asking the service',
    async month => {
      const { app, coverage, user } = await setup();
      const res = await request(app)
        .get('/coverage')
        .query({ month })
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: 'Invalid request: month must be a month YYYY-MM',
      });
      expect(coverage.coverage).not.toHaveBeenCalled();
    },
  );

  it('refuses a caller who is not a FinOps admin, month or not', async () => {
    const { app, coverage, user } = await setup(['finops.admin']);
    const res = await request(app)
      .get('/coverage?month=2026-03')
      .set('Authorization', user);
    expect(res.status).toBe(403);
    expect(coverage.coverage).not.toHaveBeenCalled();
  });
});
