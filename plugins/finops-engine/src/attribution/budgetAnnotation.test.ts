import { budgetAnnotationOf, parseBudget } from './annotations';
import { compileCatalog } from './catalog';

const E = 'component:default/cart';
const A = 'costwise.dev/budget';

const parsed = (text: string) => {
  const result = parseBudget(E, A, text);
  if ('warning' in result) return result.warning.message;
  const { amount, ...rest } = result.value;
  return { amount: amount.toString(), ...rest };
};

describe('the costwise.dev/budget annotation', () => {
  it.each([
    ['1200 USD monthly', '1200', 'USD', 'monthly'],
    ['15000 EUR quarterly', '15000', 'EUR', 'quarterly'],
    ['  250000   gbp   Yearly ', '250000', 'GBP', 'yearly'],
    ['1250.50 usd MONTHLY', '1250.5', 'USD', 'monthly'],
    ['1,250.50 USD monthly', '1250.5', 'USD', 'monthly'],
    ['1_000_000 USD annually', '1000000', 'USD', 'yearly'],
    ['USD 1200 monthly', '1200', 'USD', 'monthly'],
    ['1200 USD per month', '1200', 'USD', 'monthly'],
    ['1200 USD / quarter', '1200', 'USD', 'quarterly'],
    ['0.000001 USD monthly', '0.000001', 'USD', 'monthly'],
  ])('reads %p', (text, amount, currency, period) => {
    expect(parsed(text)).toEqual(
      expect.objectContaining({ amount, currency, period }),
    );
  });

  it('leaves the currency to the configuration, and the period to monthly, when not given', () => {
    expect(parsed('1200 quarterly')).toEqual({
      amount: '1200',
      period: 'quarterly',
      text: '1200 quarterly',
    });
    expect(parsed('1200')).toEqual({
      amount: '1200',
      period: 'monthly',
      text: '1200',
    });
  });

  it.each([
    ['', /no budget given/],
    ['USD monthly', /has no amount/],
    ['1200 dollars monthly', /'dollars' is not understood/],
    ['1200 USD weekly', /'weekly' is not understood/],
    ['1200 USD monthly EUR', /'EUR' is not understood/],
    ['1200 USD monthly quarterly', /'quarterly' is not understood/],
    ['-1200 USD monthly', /'-1200' is not understood/],
    ['0 USD monthly', /must be above zero/],
    ['1,20 USD monthly', /'1,20' is not an amount/],
    ['1.200,50 EUR monthly', /'1.200,50' is not an amount/],
    ['1200 US$ monthly', /'US\$' is not understood/],
    ['9999999999999999 USD monthly', /too large/],
  ])('warns about %p', (text, message) => {
    expect(parsed(text)).toMatch(message);
  });

  it('is read on Components, Systems and Groups only', () => {
    expect(
      budgetAnnotationOf('resource:default/db', 'Resource', {
        [A]: '100 USD monthly',
      }),
    ).toEqual({
      warning: {
        entity: 'resource:default/db',
        annotation: A,
        message:
          'budgets are read on Components, Systems and Groups, not on a Resource; this one is ignored',
      },
    });
    expect(budgetAnnotationOf('group:default/t', 'Group', {})).toBeUndefined();
    expect(
      budgetAnnotationOf('group:default/t', 'Group', { [A]: '100 monthly' }),
    ).toEqual(expect.objectContaining({ value: expect.anything() }));
  });

  it('surfaces a malformed budget as a warning of the entity, as other annotations do', () => {
    const catalog = compileCatalog([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'cart', annotations: { [A]: '12OO USD monthly' } },
        spec: {},
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'shop', annotations: { [A]: '15000 EUR quarterly' } },
        spec: {},
      },
    ]);
    expect(catalog.warnings).toEqual([
      {
        entity: E,
        annotation: A,
        message:
          "'12OO USD monthly' is not '<amount> [<CURRENCY>] <monthly|quarterly|yearly>', e.g. '1200 USD monthly' ('12OO' is not understood)",
      },
    ]);
  });
});
