/**
 * Billing accounts, sub account names and invoice issuers of the demo estate.
 * A provider the table does not know gets a generic USD billing account, so
 * that any mapping produces a valid file.
 */

export interface BillingAccount {
  id: string;
  name: string;
  type: string;
  currency: string;
  provider: string;
  publisher: string;
  invoiceIssuer: string;
  subAccountType: string;
  /** Percent of each day's charges billed as tax, if the account is taxed. */
  taxPercent?: number;
  taxDescription?: string;
  invoicePrefix: string;
}

const ACCOUNTS: Record<string, BillingAccount> = {
  AWS: {
    id: '111122223333',
    name: 'Acme Retail (AWS organization)',
    type: 'Management Account',
    currency: 'USD',
    provider: 'AWS',
    publisher: 'AWS',
    invoiceIssuer: 'AWS',
    subAccountType: 'Member Account',
    taxPercent: 6,
    taxDescription: 'Sales tax',
    invoicePrefix: 'EUINIE25',
  },
  Microsoft: {
    id: '8f3b2c1d-4e5f-4a6b-9c7d-8e9f0a1b2c3d:6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d_2019-05-31',
    name: 'Acme Retail Inc.',
    type: 'Billing Profile',
    currency: 'USD',
    provider: 'Microsoft',
    publisher: 'Microsoft',
    invoiceIssuer: 'Microsoft',
    subAccountType: 'Subscription',
    invoicePrefix: 'G0',
  },
  'Google Cloud': {
    id: '01A2B3-C4D5E6-F7A8B9',
    name: 'Acme Retail',
    type: 'Billing Account',
    currency: 'USD',
    provider: 'Google Cloud',
    publisher: 'Google Cloud',
    invoiceIssuer: 'Google Cloud EMEA Limited',
    subAccountType: 'Project',
    invoicePrefix: 'GCP',
  },
  OpenAI: {
    id: 'org-Yq3mT8vLw2NpK5rXc9BdHs4J',
    name: 'Acme Retail',
    type: 'Organization',
    currency: 'USD',
    provider: 'OpenAI',
    publisher: 'OpenAI',
    invoiceIssuer: 'OpenAI',
    subAccountType: 'Project',
    invoicePrefix: 'OAI',
  },
  Anthropic: {
    id: '4f8e2d1c-7b6a-4c5d-9e8f-1a2b3c4d5e6f',
    name: 'Acme Retail',
    type: 'Organization',
    currency: 'USD',
    provider: 'Anthropic',
    publisher: 'Anthropic',
    invoiceIssuer: 'Anthropic',
    subAccountType: 'Workspace',
    invoicePrefix: 'ANT',
  },
};

/**
 * A small second Azure billing account invoiced in EUR, so that one file
 * carries several currencies the way a multi-entity company's export does.
 */
export const EUR_AZURE_ACCOUNT: BillingAccount = {
  ...ACCOUNTS.Microsoft,
  id: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a:1e3c5a7b-9d0f-4b2d-8f6a-0c2e4a6c8e0b_2019-05-31',
  name: 'Acme Retail GmbH',
  currency: 'EUR',
  taxPercent: 19,
  taxDescription: 'VAT (DE) 19%',
  invoicePrefix: 'E0',
};

export const EUR_AZURE_SUBSCRIPTION =
  '/subscriptions/3e8d1f2a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';

const SUB_ACCOUNT_NAMES: Record<string, string> = {
  '123456789012': 'acme-prod',
  '210987654321': 'acme-staging',
  '/subscriptions/7f1c2a4e-1b2c-4d5e-8f90-123456789abc': 'acme-storefront-prod',
  [EUR_AZURE_SUBSCRIPTION]: 'acme-web-de',
};

export function billingAccountFor(provider: string): BillingAccount {
  return (
    ACCOUNTS[provider] ?? {
      id: `${provider.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-billing`,
      name: 'Acme Retail',
      type: 'Billing Account',
      currency: 'USD',
      provider,
      publisher: provider,
      invoiceIssuer: provider,
      subAccountType: 'Account',
      invoicePrefix: 'INV',
    }
  );
}

export function subAccountName(id: string): string {
  return SUB_ACCOUNT_NAMES[id] ?? id;
}
