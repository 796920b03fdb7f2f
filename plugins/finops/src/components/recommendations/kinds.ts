/** The kinds whose pages have a Recommendations tab (lower case, as filters compare them). */
export const RECOMMENDATION_KINDS = [
  'component',
  'resource',
  'system',
  'group',
];
