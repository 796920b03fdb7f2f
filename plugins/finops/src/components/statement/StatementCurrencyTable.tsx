import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FinopsStatement } from '../../api';
import { formatMoney } from '../shared/format';
import { methodLabel } from '../shared/labels';
import { groupStatementLines } from './grouping';
import { displayRef } from './names';

type CurrencyStatement = FinopsStatement['statements'][number];

const Amount = ({
  amount,
  currency,
  strong,
}: {
  amount: string;
  currency: string;
  strong?: boolean;
}) => (
  <TableCell align="right" style={strong ? { fontWeight: 600 } : undefined}>
    {formatMoney(amount, currency)}
  </TableCell>
);

/**
 * One currency of a statement: its lines by system, then by entity, each
 * entity and system with its subtotal, and the total.
 */
export const StatementCurrencyTable = ({
  statement,
}: {
  statement: CurrencyStatement;
}) => {
  const { currency } = statement;
  const systems = groupStatementLines(statement.lines);
  return (
    <Table
      size="small"
      aria-label={`Statement lines in ${currency}`}
      data-testid="finops-statement-table"
      data-currency={currency}
    >
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Service</TableCell>
          <TableCell>Method</TableCell>
          <TableCell align="right">Amount ({currency})</TableCell>
        </TableRow>
      </TableHead>
      {systems.map(system => (
        <TableBody key={system.system}>
          <TableRow>
            <TableCell colSpan={4}>
              <Typography variant="subtitle2" component="span">
                {system.system.includes(':')
                  ? `System ${displayRef(system.system, 'system')}`
                  : displayRef(system.system, 'system')}
              </Typography>
            </TableCell>
          </TableRow>
          {system.entities.map(entity => [
            ...entity.lines.map((line, i) => (
              <TableRow
                key={`${entity.entity} ${line.service} ${line.method}`}
                data-testid="finops-statement-line"
                data-entity={line.entity}
                data-system={system.system}
                data-amount={line.amount}
              >
                <TableCell>
                  {i === 0 ? displayRef(entity.entity) : ''}
                </TableCell>
                <TableCell>{line.service}</TableCell>
                <TableCell>{methodLabel(line.method)}</TableCell>
                <Amount amount={line.amount} currency={currency} />
              </TableRow>
            )),
            <TableRow
              key={`${entity.entity} subtotal`}
              data-testid="finops-statement-entity-subtotal"
              data-entity={entity.entity}
              data-amount={entity.subtotal}
            >
              <TableCell colSpan={3}>
                Subtotal {displayRef(entity.entity)}
              </TableCell>
              <Amount amount={entity.subtotal} currency={currency} />
            </TableRow>,
          ])}
          <TableRow
            data-testid="finops-statement-system-subtotal"
            data-system={system.system}
            data-amount={system.subtotal}
          >
            <TableCell colSpan={3} style={{ fontWeight: 600 }}>
              Subtotal {displayRef(system.system, 'system')}
            </TableCell>
            <Amount amount={system.subtotal} currency={currency} strong />
          </TableRow>
        </TableBody>
      ))}
      <TableFooter>
        <TableRow
          data-testid="finops-statement-total"
          data-currency={currency}
          data-amount={statement.total}
        >
          <TableCell colSpan={3} style={{ fontWeight: 700 }}>
            Total ({currency})
          </TableCell>
          <TableCell align="right" style={{ fontWeight: 700 }}>
            {formatMoney(statement.total, currency)}
          </TableCell>
        </TableRow>
      </TableFooter>
    </Table>
  );
};
