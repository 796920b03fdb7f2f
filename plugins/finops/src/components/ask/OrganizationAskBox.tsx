import { AskBox } from './AskBox';
import { ORGANIZATION_EXAMPLES } from './examples';

/**
 * Ask Costwise on the FinOps page: questions about the organization, its
 * teams, services and providers.
 */
export const OrganizationAskBox = () => (
  <AskBox
    scopeText="Questions are about the whole organization unless they name an entity; “our” is your team."
    examples={ORGANIZATION_EXAMPLES}
  />
);
