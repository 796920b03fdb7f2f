import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import HistoryIcon from '@material-ui/icons/History';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { finopsApiRef } from '../../api';
import { AskAnswerView } from './AskAnswerView';
import { AskError } from './AskError';
import { useAskHistory } from './useAskHistory';

/** The longest question the backend takes. */
const MAX_QUESTION_LENGTH = 500;

/** How many of the user's past questions are offered. */
const HISTORY_SHOWN = 5;

/** Props of {@link AskBox}. */
export interface AskBoxProps {
  /** The entity whose page it is on: questions naming no entity are about it. */
  entityRef?: string;
  /** What the questions are about, said under the title. */
  scopeText: string;
  /** Questions to start from, asked when clicked. */
  examples: string[];
}

/**
 * Ask Costwise: a question in plain language answered from the attributed
 * cost the user may read, with exact figures and where they come from.
 * Example questions fit the page; the user's recent questions asked here
 * can be asked again.
 */
export const AskBox = ({ entityRef, scopeText, examples }: AskBoxProps) => {
  const api = useApi(finopsApiRef);
  const [text, setText] = useState('');
  const { history, remember } = useAskHistory();
  const [state, run] = useAsyncFn(
    (question: string) => api.ask(question, entityRef),
    [api, entityRef],
  );
  const ask = (question: string) => {
    const trimmed = question.trim();
    if (!trimmed) return;
    setText(trimmed);
    remember(trimmed, entityRef);
    run(trimmed);
  };
  const recent = history
    .filter(q => q.entityRef === entityRef)
    .slice(0, HISTORY_SHOWN);

  return (
    <Paper variant="outlined" data-testid="finops-ask">
      <Box p={2}>
        <Typography variant="h6" component="h2">
          Ask Costwise
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {scopeText} Answers come from the attributed cost you may read; every
          figure is exact and traceable.
        </Typography>
        <form
          onSubmit={event => {
            event.preventDefault();
            ask(text);
          }}
        >
          <Box display="flex" alignItems="flex-start" gridGap={8} mt={1}>
            <TextField
              data-testid="finops-ask-input"
              id={`finops-ask-${entityRef ?? 'organization'}`}
              label="Ask a question about cost"
              placeholder={examples[0]}
              variant="outlined"
              size="small"
              fullWidth
              value={text}
              onChange={event => setText(event.target.value)}
              inputProps={{ maxLength: MAX_QUESTION_LENGTH }}
            />
            <Button
              data-testid="finops-ask-submit"
              type="submit"
              variant="contained"
              color="primary"
              disabled={state.loading || text.trim() === ''}
            >
              Ask
            </Button>
          </Box>
        </form>
        <Box display="flex" flexWrap="wrap" gridGap={8} mt={1.5}>
          {examples.map(example => (
            <Chip
              key={example}
              label={example}
              size="small"
              variant="outlined"
              clickable
              onClick={() => ask(example)}
              data-testid="finops-ask-example"
            />
          ))}
        </Box>
        {recent.length > 0 && (
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            gridGap={8}
            mt={1.5}
            data-testid="finops-ask-history"
          >
            <Typography variant="caption" color="textSecondary">
              Asked before:
            </Typography>
            {recent.map(q => (
              <Chip
                key={`${q.question}-${q.at}`}
                icon={<HistoryIcon />}
                label={q.question}
                size="small"
                clickable
                onClick={() => ask(q.question)}
                data-testid="finops-ask-history-item"
              />
            ))}
          </Box>
        )}
        {state.loading && (
          <Box mt={2}>
            <Progress />
          </Box>
        )}
        {!state.loading && state.error && <AskError error={state.error} />}
        {!state.loading && state.value && (
          <AskAnswerView answer={state.value} onAsk={ask} />
        )}
      </Box>
    </Paper>
  );
};
