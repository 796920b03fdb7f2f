import { lastSegment, uuidOf } from './shared';

// Demo data: an Azure Advisor cost recommendations JSON.

export function azureAdvisorJson(
  ids: string[],
  subscription: string,
  refreshedAt: string | undefined,
): string {
  const value = ids.map((resourceId, i) => {
    const guid = uuidOf(`advisor|${resourceId}`);
    const base = resourceId.startsWith('/subscriptions/')
      ? resourceId
      : `/subscriptions/${subscription}`;
    const type = /\/providers\/([^/]+\/[^/]+)/i.exec(resourceId)?.[1] ?? '';
    let problem = 'Delete or shut down unused resources';
    if (/virtualMachines/i.test(type))
      problem = 'Right-size or shutdown underutilized virtual machines';
    else if (/Sql\/servers/i.test(type))
      problem = 'Right-size underutilized SQL databases';
    else if (/serverFarms|Web\/sites/i.test(type))
      problem = 'Right-size underutilized App Service plans';
    const rightsize = problem.startsWith('Right-size');
    const extendedProperties: Record<string, string> = {
      savingsCurrency: 'USD',
      region: 'westeurope',
      lookbackPeriod: '7',
      recommendationSubCategory: rightsize ? 'RightSize' : 'Shutdown',
    };
    // One states the annual saving only, as Advisor does for some types.
    if (i % 2 === 1) extendedProperties.annualSavingsAmount = '1114.8';
    else extendedProperties.savingsAmount = rightsize ? '187.34' : '64.5';
    return {
      id: `${base}/providers/Microsoft.Advisor/recommendations/${guid}`,
      name: guid,
      type: 'Microsoft.Advisor/recommendations',
      properties: {
        category: 'Cost',
        impact: rightsize ? 'High' : 'Medium',
        impactedField: type || 'Microsoft.Resources/subscriptions',
        impactedValue: lastSegment(resourceId),
        ...(refreshedAt ? { lastUpdated: refreshedAt } : {}),
        recommendationTypeId: uuidOf(`advisor-type|${problem}`),
        shortDescription: { problem, solution: problem },
        suppressionIds: [],
        extendedProperties,
        resourceMetadata: { resourceId, source: null },
        learnMoreLink: 'https://aka.ms/aa_lowusagerec_learnmore',
      },
    };
  });
  return `${JSON.stringify({ value }, null, 2)}\n`;
}
