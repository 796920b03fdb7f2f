import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { AskAnswer } from '@costwise/plugin-finops-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import {
  formatInstant,
  formatLongDay,
  formatMoney,
  formatPeriod,
} from '../shared/format';
import { AskBreakdown } from './AskBreakdown';
import { AskChart } from './AskChart';
import { AskFigures } from './AskFigures';
import { AskLineage } from './AskLineage';
import { answerCurrency, dimensionLabel } from './askFormat';
import { didYouMeanQuestion } from './examples';

/** Questions offered as buttons: asked when clicked. */
const QuestionChips = ({
  label,
  questions,
  testId,
  onAsk,
}: {
  label: string;
  questions: Array<{ text: string; question: string }>;
  testId: string;
  onAsk: (question: string) => void;
}) => (
  <Box mt={2}>
    <Typography variant="body2" color="textSecondary" gutterBottom>
      {label}
    </Typography>
    <Box display="flex" flexWrap="wrap" gridGap={8}>
      {questions.map(q => (
        <Chip
          key={q.text}
          label={q.text}
          size="small"
          variant="outlined"
          clickable
          onClick={() => onAsk(q.question)}
          data-testid={testId}
          data-question={q.question}
        />
      ))}
    </Box>
  </Box>
);

/** "Data to 7 Mar 2025 (aws, ingested 8 Mar 2025, 06:10)". */
const FreshnessLine = ({ answer }: { answer: AskAnswer }) => (
  <Typography
    variant="caption"
    color="textSecondary"
    component="p"
    data-testid="finops-ask-freshness"
    data-today={answer.today}
  >
    {answer.freshness.length === 0
      ? 'No source has delivered cost data yet'
      : `Data to ${answer.freshness
          .map(
            f =>
              `${formatLongDay(f.lastDay)} (${
                f.sourceId
              }, ingested ${formatInstant(f.ingestedAt)})`,
          )
          .join(', ')}`}
    ; relative dates are read from {formatLongDay(answer.today)}.
  </Typography>
);

/**
 * An answer: the sentence that states the conclusion, its figures, the
 * chart where a trend or a day matters, the breakdown and further tables,
 * the data's freshness and, folded, its lineage. A question the engine
 * cannot answer shows why and the questions it can, as buttons.
 */
export const AskAnswerView = ({
  answer,
  onAsk,
}: {
  answer: AskAnswer;
  onAsk: (question: string) => void;
}) => {
  const currency = answerCurrency(answer);
  const didYouMean = (answer.didYouMean ?? []).map(candidate => ({
    text: candidate,
    question: didYouMeanQuestion(answer.question, answer.answer, candidate),
  }));
  const suggestions = answer.suggestions.map(s => ({ text: s, question: s }));
  return (
    <Box
      mt={2}
      data-testid="finops-ask-answer"
      data-intent={answer.intent}
      data-supported={String(answer.supported)}
      aria-live="polite"
    >
      <Typography
        variant="body1"
        data-testid="finops-ask-sentence"
        color={answer.supported ? 'textPrimary' : 'textSecondary'}
      >
        {answer.answer}
      </Typography>
      {answer.period && (
        <Typography variant="caption" color="textSecondary">
          {formatPeriod(answer.period.from, answer.period.to)}
        </Typography>
      )}
      {answer.figures.length > 0 && <AskFigures figures={answer.figures} />}
      {answer.anomalies && answer.anomalies.length > 0 && (
        <Box mb={2} data-testid="finops-ask-anomalies">
          {answer.anomalies.map(a => {
            const { kind, namespace, name } = parseEntityRef(a.entityRef);
            return (
              <Typography key={a.id} variant="body2">
                Detected anomaly:{' '}
                <Link
                  to={`/catalog/${namespace}/${kind.toLowerCase()}/${name}/costs?anomaly=${
                    a.id
                  }`}
                  data-testid="finops-ask-anomaly"
                  data-id={a.id}
                >
                  {name}, {formatLongDay(a.day)}
                  {a.lastDay !== a.day ? ` – ${formatLongDay(a.lastDay)}` : ''}
                </Link>{' '}
                (+{formatMoney(a.impact, a.currency)},{' '}
                {a.status.replace('-', ' ')})
              </Typography>
            );
          })}
        </Box>
      )}
      {answer.chart && answer.chart.points.length > 1 && (
        <Box mb={2}>
          <AskChart chart={answer.chart} currency={currency} />
        </Box>
      )}
      {answer.breakdown.length > 0 && (
        <Box mb={2}>
          <AskBreakdown
            title={
              answer.breakdownBy
                ? `By ${dimensionLabel(answer.breakdownBy).toLowerCase()}`
                : 'Breakdown'
            }
            dimension={answer.breakdownBy}
            rows={answer.breakdown}
            currency={currency}
            testId="finops-ask-breakdown-row"
          />
        </Box>
      )}
      {(answer.sections ?? []).map((section, i) => (
        <Box mb={2} key={`${section.title}-${i}`}>
          <AskBreakdown
            title={section.title}
            dimension={section.dimension}
            rows={section.rows}
            currency={currency}
            testId="finops-ask-section-row"
          />
        </Box>
      ))}
      {didYouMean.length > 0 && (
        <QuestionChips
          label="Did you mean"
          questions={didYouMean}
          testId="finops-ask-did-you-mean"
          onAsk={onAsk}
        />
      )}
      {suggestions.length > 0 && (
        <QuestionChips
          label={
            answer.supported ? 'Ask next' : 'Questions I can answer instead'
          }
          questions={suggestions}
          testId="finops-ask-suggestion"
          onAsk={onAsk}
        />
      )}
      <Box mt={2}>
        <FreshnessLine answer={answer} />
      </Box>
      {answer.lineage && (
        <Box mt={1}>
          <AskLineage lineage={answer.lineage} />
        </Box>
      )}
    </Box>
  );
};
