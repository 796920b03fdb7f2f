/** Display names of the demo's regions. */
export const REGION_NAMES: Record<string, string> = {
  'eu-west-1': 'Europe (Ireland)',
  'eu-central-1': 'Europe (Frankfurt)',
  westeurope: 'West Europe',
  germanywestcentral: 'Germany West Central',
  swedencentral: 'Sweden Central',
  global: 'Global',
  'europe-west1': 'Belgium',
  'europe-west4': 'Netherlands',
};
