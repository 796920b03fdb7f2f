import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { createRouter } from '../service/router';

describe('the OpenAPI document', () => {
  it('describes every route the router serves', async () => {
    const document = parse(
      await fs.readFile(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    const router: any = await createRouter({
      recommendationAccess: {},
    } as any);
    const served = router.stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      .sort();
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([p, methods]) =>
        Object.keys(methods).map(m => `${m.toUpperCase()} ${p}`),
      )
      .sort();
    expect(documented).toEqual(served);
  });
});
