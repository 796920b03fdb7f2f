import { entity } from '../../__testUtils__/fixtures';
import { didYouMeanQuestion, entityExamples } from './examples';
import { addToHistory, HISTORY_SIZE } from './history';

describe('the example questions', () => {
  it('name the entity, and ask its unit cost only when it has a unit metric', () => {
    expect(entityExamples(entity('Component', 'cart'))).toEqual([
      'What did cart cost this month?',
      "Why did cart's costs spike?",
      "What drives cart's cost?",
      'Forecast to month end',
    ]);
    expect(
      entityExamples(
        entity('Component', 'cart', { 'costwise.dev/unit-metric': 'orders' }),
      ),
    ).toContain("What is cart's unit cost and its trend?");
  });
});

describe('didYouMeanQuestion', () => {
  it('replaces the whole word the engine quoted with the name it may mean', () => {
    expect(
      didYouMeanQuestion(
        'What did shop-apii-v2 cost?',
        "I can't answer that yet. I don't know 'shop': it is not the name of an entity",
        'component:default/shop-api',
      ),
    ).toBe('What did shop-api cost?');
    expect(
      didYouMeanQuestion(
        "Why did shpo-api's costs spike?",
        "Reading 'shpo-api' as component:default/shop-api.",
        'component:default/shop-api',
      ),
    ).toBe("Why did shop-api's costs spike?");
    expect(
      didYouMeanQuestion(
        'What did the shop team spend?',
        "I can't answer that yet. 'shop team' may mean group:default/shop-team or system:default/shop: name one.",
        'system:default/shop',
      ),
    ).toBe('What did the shop spend?');
  });

  it('without a quoted word, replaces the word most like the name', () => {
    expect(
      didYouMeanQuestion(
        'What did chekout cost?',
        "I can't answer that yet.",
        'component:default/checkout',
      ),
    ).toBe('What did checkout cost?');
    expect(
      didYouMeanQuestion('How much?', 'No.', 'component:default/cart'),
    ).toBe('How much (cart)?');
  });
});

describe('the question history', () => {
  it('keeps the newest first, once per place, and at most a few', () => {
    const at = '2025-03-07T10:00:00Z';
    let history = addToHistory([], { question: 'A?', at });
    history = addToHistory(history, {
      question: 'B?',
      entityRef: 'component:default/x',
      at,
    });
    history = addToHistory(history, { question: 'a?', at });
    expect(history.map(q => q.question)).toEqual(['a?', 'B?']);
    for (let i = 0; i < 20; i++)
      history = addToHistory(history, { question: `Q${i}?`, at });
    expect(history).toHaveLength(HISTORY_SIZE);
    expect(history[0].question).toBe('Q19?');
  });
});
