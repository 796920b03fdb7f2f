import { Link, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  Recommendation,
  RecommendationDetail,
  RecommendationVerification,
} from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import {
  formatInstant,
  formatMoney,
  formatPeriod,
  formatShare,
} from '../shared/format';
import { errorMessage, resourceLabel } from './labels';
import { RecommendationHistory } from './RecommendationHistory';

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <>
    <Typography component="dt" variant="body2" color="textSecondary">
      {label}
    </Typography>
    <Typography component="dd" variant="body2" style={{ margin: 0 }}>
      {children}
    </Typography>
  </>
);

/**
 * The entities sharing a saving that the reader may not see, counted:
 * "and 1 more entity you may not see" after the ones listed.
 */
export function hiddenSharesText(count: number, afterOthers: boolean) {
  const entities = count === 1 ? 'entity' : 'entities';
  return afterOthers
    ? `and ${count} more ${entities} you may not see`
    : `${count} ${entities} you may not see`;
}

const VERIFICATION_LABELS: Record<
  RecommendationVerification['status'],
  string
> = {
  pending: 'Pending',
  verified: 'Verified',
  'not-realized': 'Not realized',
};

/** A configuration as the source gave it: JSON indented, anything else as is. */
function readable(configuration: string): string {
  try {
    return JSON.stringify(JSON.parse(configuration), null, 2);
  } catch {
    return configuration;
  }
}

const Configuration = ({ text }: { text: string }) => (
  <Box
    component="pre"
    m={0}
    style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
  >
    <code>{readable(text)}</code>
  </Box>
);

const Verification = ({
  verification,
  currency,
}: {
  verification: RecommendationVerification;
  currency: string;
}) => (
  <Box
    data-testid="finops-rec-verification"
    data-status={verification.status}
    data-amount={verification.realizedMonthlySavings}
  >
    <strong>{VERIFICATION_LABELS[verification.status]}</strong>
    {verification.realizedMonthlySavings !== undefined && (
      <>
        {' '}
        · realized {formatMoney(verification.realizedMonthlySavings, currency)}
        /month
      </>
    )}
    {verification.before !== undefined && verification.after !== undefined && (
      <>
        {' '}
        ({formatMoney(verification.before, currency)} before,{' '}
        {formatMoney(verification.after, currency)} after, over{' '}
        {verification.days} days each)
      </>
    )}
    <Typography variant="caption" color="textSecondary" display="block">
      {verification.message} Checked {formatInstant(verification.checkedAt)}.
    </Typography>
  </Box>
);

/**
 * Everything known about a recommendation: what its source says and links
 * to, what the detector saw, the configuration change, whether the saving
 * showed in the cost once implemented, and who changed it, when and why.
 */
export const RecommendationDetails = ({
  item,
  detail,
}: {
  item: Recommendation;
  /** The recommendation with its history; loading or failed while absent. */
  detail: { value?: RecommendationDetail; loading: boolean; error?: Error };
}) => {
  const r = detail.value ?? item;
  const { currency, evidence } = r;
  const label = resourceLabel(r);
  return (
    <Box px={4} py={2} data-testid="finops-rec-details" data-id={r.id}>
      <Box
        component="dl"
        display="grid"
        gridTemplateColumns="max-content 1fr"
        gridColumnGap={16}
        gridRowGap={6}
        m={0}
      >
        <Row label="Recommendation">{r.description}</Row>
        <Row label="Source">
          {r.generator}{' '}
          <Typography variant="caption" color="textSecondary" component="span">
            ({r.source}, {r.recommendationId})
          </Typography>
          {r.link && (
            <>
              {' · '}
              <Link to={r.link} externalLinkIcon>
                Open in {r.generator}
              </Link>
            </>
          )}
        </Row>
        {r.resourceId && (
          <Row label="Resource">
            <code style={{ overflowWrap: 'anywhere' }}>{r.resourceId}</code>
            {[r.resourceType, r.provider, r.region, r.subAccountId]
              .filter(Boolean)
              .map(part => ` · ${part}`)}
          </Row>
        )}
        <Row label="Owner">
          {r.owner ? <EntityRefLink entityRef={r.owner} /> : 'Unowned'}
          {r.ownerEvidence && (
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
            >
              {' '}
              (by {r.ownerEvidence})
            </Typography>
          )}
        </Row>
        {(r.sharedWith.length > 0 || !!r.hiddenSharedWith) && (
          <Row label="Saving shared with">
            {r.sharedWith.map(s => (
              <div
                key={s.entityRef}
                data-testid="finops-rec-share"
                data-entity-ref={s.entityRef}
                data-amount={s.estimatedMonthlySavings}
              >
                <EntityRefLink entityRef={s.entityRef} />:{' '}
                {formatMoney(s.estimatedMonthlySavings, currency)}/month (
                {formatShare(s.share)})
              </div>
            ))}
            {!!r.hiddenSharedWith && (
              <div
                data-testid="finops-rec-share-hidden"
                data-count={r.hiddenSharedWith}
              >
                {hiddenSharesText(r.hiddenSharedWith, r.sharedWith.length > 0)}
              </div>
            )}
          </Row>
        )}
        {evidence && (
          <Row label="Evidence">
            <span data-testid="finops-rec-evidence">
              {evidence.summary}
              {evidence.from && evidence.to && (
                <> · {formatPeriod(evidence.from, evidence.to)}</>
              )}
              {evidence.days !== undefined && <> · {evidence.days} days</>}
              {evidence.amount !== undefined && (
                <> · {formatMoney(evidence.amount, currency)}</>
              )}
            </span>
            {Object.entries(evidence.figures ?? {}).map(([name, value]) => (
              <div key={name}>
                {name}: <code>{value}</code>
              </div>
            ))}
          </Row>
        )}
        {r.currentConfiguration && (
          <Row label="Current configuration">
            <Configuration text={r.currentConfiguration} />
          </Row>
        )}
        {r.recommendedConfiguration && (
          <Row label="Recommended configuration">
            <Configuration text={r.recommendedConfiguration} />
          </Row>
        )}
        {r.verification && (
          <Row label="Verification">
            <Verification verification={r.verification} currency={currency} />
          </Row>
        )}
        {r.statusNote && <Row label="Note">{r.statusNote}</Row>}
        <Row label="Seen">
          first {formatInstant(r.firstSeen)}, last {formatInstant(r.lastSeen)}
          {r.lastUpdated &&
            `; refreshed by its source ${formatInstant(r.lastUpdated)}`}
        </Row>
      </Box>
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          History
        </Typography>
        {detail.loading && !detail.value && <Progress />}
        {detail.error && (
          <Alert severity="warning">
            The history could not be loaded: {errorMessage(detail.error)}
          </Alert>
        )}
        {detail.value && (
          <RecommendationHistory events={detail.value.events} label={label} />
        )}
      </Box>
    </Box>
  );
};
