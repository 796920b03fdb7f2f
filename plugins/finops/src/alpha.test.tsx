import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { entityCostCard, entityCostContent } from './alpha';

describe('finops alpha extensions', () => {
  it('offers the cost card to components, resources, systems, domains and APIs', () => {
    const tester = createExtensionTester(entityCostCard);
    expect(
      tester.get(EntityCardBlueprint.dataRefs.filterExpression),
    ).toBeUndefined();
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    const entity = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    });
    expect(filter?.(entity('Component'))).toBe(true);
    expect(filter?.(entity('Resource'))).toBe(true);
    expect(filter?.(entity('System'))).toBe(true);
    expect(filter?.(entity('Group'))).toBe(false);
  });

  it('mounts the Costs tab at /costs', () => {
    const tester = createExtensionTester(entityCostContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Costs');
  });
});
