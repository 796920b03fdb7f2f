import request from 'supertest';
import { MAX_QUESTION_LENGTH } from '@costwise/plugin-finops-engine';
import { AskAccess } from '../ask';
import { FakeCaller, routerWithFakes } from '../__testUtils__/routerWithFakes';

/**
 * `POST /ask` over the backend's {@link AskAccess} (who asks, and what it
 * may read) and a fake engine that answers every question.
 */
async function setup(caller: FakeCaller = {}) {
  const engine = {
    ask: jest.fn(async (question: string, _context: any) => ({
      supported: true,
      question,
      answer: 'You spent 12.50 USD.',
    })),
  };
  const harness = await routerWithFakes(
    ({ access }) => ({
      askAccess: new AskAccess({ ask: engine as any, access }),
    }),
    caller,
  );
  return { engine, ...harness };
}

describe('POST /ask', () => {
  it('answers a question for the caller: what it may read, its groups, whether it sees unattributed cost', async () => {
    const { app, engine, user } = await setup({
      denied: ['component:default/secret', 'finops.admin'],
    });
    const res = await request(app)
      .post('/ask')
      .set('Authorization', user)
      .send({ question: '  What did we spend last month?  ' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      supported: true,
      question: 'What did we spend last month?',
      answer: 'You spent 12.50 USD.',
    });
    const [question, context] = engine.ask.mock.calls[0];
    expect(question).toBe('What did we spend last month?');
    expect(context).toEqual({
      viewer: expect.anything(),
      canReadUnattributed: false,
      userGroups: ['group:default/team'],
    });
    expect(
      await context.viewer.readable([
        'component:default/cart',
        'component:default/secret',
      ]),
    ).toEqual(new Set(['component:default/cart']));
  });

  it("lets admins read unattributed cost, and scopes a question to the page's entity", async () => {
    const { app, engine, user } = await setup();
    const res = await request(app)
      .post('/ask')
      .set('Authorization', user)
      .send({
        question: 'why did it go up?',
        entityRef: 'Component:default/Cart',
      });
    expect(res.status).toBe(200);
    expect(engine.ask.mock.calls[0][1]).toEqual(
      expect.objectContaining({
        canReadUnattributed: true,
        entityRef: 'component:default/cart',
      }),
    );
  });

  it('answers 403 for an entity whose cost the caller may not read, 404 for one not in the catalog', async () => {
    const { app, engine, user } = await setup({
      denied: ['component:default/secret'],
    });
    const denied = await request(app)
      .post('/ask')
      .set('Authorization', user)
      .send({ question: 'how much?', entityRef: 'component:default/secret' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'You are not allowed to read the cost of component:default/secret',
    );
    const missing = await request(app)
      .post('/ask')
      .set('Authorization', user)
      .send({ question: 'how much?', entityRef: 'component:default/nope' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/component:default\/nope/);
    expect(engine.ask).not.toHaveBeenCalled();
  });

  it.each([
    [{}, 'question'],
    [{ question: '   ' }, 'question must not be empty'],
    [
      { question: 'x'.repeat(MAX_QUESTION_LENGTH + 1) },
      `question must be at most ${MAX_QUESTION_LENGTH} characters long`,
    ],
    [{ question: 42 }, 'question'],
    [
      { question: 'how much?', entityRef: 'cart' },
      'entityRef must be an entity ref kind:namespace/name',
    ],
    [{ question: 'how much?', measure: 'BilledCost' }, 'measure'],
  ])('answers 400 for %j, naming what is wrong', async (body, message) => {
    const { app, engine, user } = await setup();
    const res = await request(app)
      .post('/ask')
      .set('Authorization', user)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid request: /);
    expect(res.body.error.message).toContain(message);
    expect(engine.ask).not.toHaveBeenCalled();
  });

  it('is 404 where Ask Costwise is not served', async () => {
    const { app, user } = await routerWithFakes({});
    const res = await request(app)
      .post('/ask')
      .set('Authorization', user)
      .send({ question: 'how much?' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Ask Costwise is not served here');
  });
});
