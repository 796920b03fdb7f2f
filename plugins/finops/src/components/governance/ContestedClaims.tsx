import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { finopsApiRef, type FinopsCoverage } from '../../api';
import { formatMoney } from '../shared/format';
import { decisionKeyOf, useDecisions } from './useDecisions';

type Claim = FinopsCoverage['contested'][number];

const Refs = ({ refs, none }: { refs: string[]; none: string }) =>
  refs.length === 0 ? (
    <>{none}</>
  ) : (
    <>
      {refs.map((ref, i) => (
        <span key={ref}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={ref} />
        </span>
      ))}
    </>
  );

const Reason = ({ claim }: { claim: Claim }) =>
  claim.reason === 'account-owner' ? (
    <>
      The account belongs to <EntityRefLink entityRef={claim.holder} />
    </>
  ) : (
    <>
      It would take cost from <EntityRefLink entityRef={claim.holder} />,
      restricted to its owners
    </>
  );

/**
 * Claims attribution holds until an admin decides: an entity claims cost in
 * an account another team owns, or cost of a restricted entity. Confirming
 * gives the cost to the claimant; rejecting keeps it where it is.
 */
export const ContestedClaims = ({
  claims,
  onChanged,
}: {
  claims: Claim[];
  onChanged: () => void;
}) => {
  const api = useApi(finopsApiRef);
  const { states, error, decide } = useDecisions(onChanged);
  return (
    <Paper variant="outlined" data-testid="finops-contested-claims">
      <Box p={2}>
        <Typography variant="h5" component="h2">
          Contested claims
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Until you decide, the cost stays where the other rules put it.
        </Typography>
      </Box>
      {error && (
        <Box px={2} pb={1}>
          <Alert severity="error" data-testid="finops-claim-error">
            {error}
          </Alert>
        </Box>
      )}
      {claims.length === 0 ? (
        <Box px={2} pb={2}>
          <Typography variant="body2" data-testid="finops-claims-empty">
            No claim is waiting for a decision. Claims appear when an entity's
            annotations reach cost in an account another team owns
            (finops.attribution.accountOwners) or cost of an entity restricted
            to its owners.
          </Typography>
        </Box>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Contested claims">
            <TableHead>
              <TableRow>
                <TableCell>Claimant</TableCell>
                <TableCell>Why it is held</TableCell>
                <TableCell>Attributed now to</TableCell>
                <TableCell align="right">Amount</TableCell>
                <TableCell>
                  <Typography variant="srOnly">Decision</Typography>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {claims.map(claim => {
                const key = decisionKeyOf(claim);
                const state = states[key];
                const amount = formatMoney(claim.amount, claim.currency);
                const body = {
                  groupId: claim.groupId,
                  entityRef: claim.entity,
                };
                return (
                  <TableRow
                    key={key}
                    data-testid="finops-contested-claim"
                    data-group={claim.groupId}
                    data-entity={claim.entity}
                  >
                    <TableCell>
                      <EntityRefLink entityRef={claim.entity} />
                    </TableCell>
                    <TableCell>
                      <Reason claim={claim} />
                    </TableCell>
                    <TableCell>
                      <Refs refs={claim.attributedTo} none="Unattributed" />
                    </TableCell>
                    <TableCell align="right">{amount}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      {state && 'done' in state ? (
                        <Typography variant="body2" role="status">
                          {state.done}
                        </Typography>
                      ) : (
                        <Box display="flex" gridGap={8}>
                          <Button
                            size="small"
                            variant="outlined"
                            color="primary"
                            disabled={Boolean(state)}
                            aria-label={`Confirm the claim of ${claim.entity} on ${amount}`}
                            onClick={() =>
                              decide(key, 'Confirmed', () =>
                                api.decideClaim('confirm', body),
                              )
                            }
                          >
                            Confirm
                          </Button>
                          <Button
                            size="small"
                            variant="outlined"
                            disabled={Boolean(state)}
                            aria-label={`Reject the claim of ${claim.entity} on ${amount}`}
                            onClick={() =>
                              decide(key, 'Rejected', () =>
                                api.decideClaim('reject', body),
                              )
                            }
                          >
                            Reject
                          </Button>
                        </Box>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
};
