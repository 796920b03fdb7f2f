import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AskBox } from './AskBox';
import { entityExamples } from './examples';

/**
 * Ask Costwise on an entity's Costs tab: questions that name no other
 * entity are about this one, with examples that fit it.
 */
export const EntityAskBox = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <AskBox
      key={entityRef}
      entityRef={entityRef}
      scopeText={`Questions are about ${name} unless they name another entity.`}
      examples={entityExamples(entity)}
    />
  );
};
