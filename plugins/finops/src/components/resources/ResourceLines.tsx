import Box from '@material-ui/core/Box';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { EntityResourceCost } from '@costwise/plugin-finops-common';
import { formatMoney, formatQuantity } from '../shared/format';
import { methodLabel } from '../shared/labels';
import { EvidencePopover } from './EvidencePopover';
import type { ResourceGroup } from './ResourcesTable';

/** What tells a line apart from the resource's other lines. */
export function lineLabel(line: EntityResourceCost): string {
  return (
    [line.skuId, line.pricingCategory, line.consumedUnit]
      .filter(Boolean)
      .join(' · ') || line.chargeCategory
  );
}

/**
 * The lines (fact groups) of one resource: what tells them apart (SKU,
 * charge category, pricing), what each consumed and in which unit (hours,
 * GB-months, tokens), how it was attributed and its amount.
 */
export const ResourceLines = ({
  group,
  currency,
}: {
  group: ResourceGroup;
  currency: string;
}) => (
  <Box px={4} py={1} data-testid="finops-resource-lines">
    <MuiTable size="small" aria-label={`Lines of ${group.label}`}>
      <TableHead>
        <TableRow>
          <TableCell>SKU</TableCell>
          <TableCell>Charge category</TableCell>
          <TableCell>Pricing</TableCell>
          <TableCell align="right">Quantity</TableCell>
          <TableCell>Unit</TableCell>
          <TableCell>Method</TableCell>
          <TableCell align="right">Amount</TableCell>
          <TableCell>Evidence</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {group.lines.map((line, i) => (
          <TableRow
            key={`${line.groupId}|${line.method}|${line.evidence.entityRef}|${i}`}
            data-testid="finops-resource-line"
            data-amount={line.amount}
            data-quantity={line.consumedQuantity ?? ''}
          >
            <TableCell>{line.skuId ?? '–'}</TableCell>
            <TableCell>{line.chargeCategory}</TableCell>
            <TableCell>{line.pricingCategory ?? '–'}</TableCell>
            <TableCell align="right" data-testid="finops-resource-quantity">
              {line.consumedQuantity === undefined
                ? '–'
                : formatQuantity(line.consumedQuantity)}
            </TableCell>
            <TableCell>{line.consumedUnit ?? '–'}</TableCell>
            <TableCell>{methodLabel(line.method)}</TableCell>
            <TableCell align="right">
              {formatMoney(line.amount, currency)}
            </TableCell>
            <TableCell>
              <EvidencePopover item={line} currency={currency} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </MuiTable>
  </Box>
);
