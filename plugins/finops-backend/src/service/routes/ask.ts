import type { Router } from 'express';
import { z } from 'zod';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { MAX_QUESTION_LENGTH } from '@costwise/plugin-finops-engine';
import type { AskAccess } from '../ask';
import type { RequestAccess } from '../http/access';
import { parseRequest } from '../http/validation';

/** A full entity ref `kind:namespace/name` (or `kind:name`), normalized. */
const entityRefSchema = z.string().transform((value, ctx) => {
  try {
    const ref = parseEntityRef(value.trim());
    return stringifyEntityRef(ref).toLowerCase();
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be an entity ref kind:namespace/name',
    });
    return z.NEVER;
  }
});

const askBody = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(
        MAX_QUESTION_LENGTH,
        `must be at most ${MAX_QUESTION_LENGTH} characters long`,
      ),
    entityRef: entityRefSchema.optional(),
  })
  .strict();

/**
 * `POST /ask`: a question in plain language, asked on an entity's Costs
 * tab (`entityRef`, its scope) or on the FinOps page, answered from what
 * the caller may read. A question the engine cannot answer is a 200 with
 * `supported: false`; an entity the caller may not read a 403, as its page.
 */
export function registerAskRoutes(
  router: Router,
  deps: { access: RequestAccess; ask?: AskAccess },
) {
  const { access, ask } = deps;
  router.post('/ask', async (req, res) => {
    if (!ask) throw new NotFoundError('Ask Costwise is not served here');
    const { question, entityRef } = parseRequest(askBody, req.body);
    const credentials = await access.credentials(req);
    res.json(await ask.ask(credentials, question, entityRef));
  });
}
