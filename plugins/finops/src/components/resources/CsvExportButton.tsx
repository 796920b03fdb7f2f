import Button from '@material-ui/core/Button';
import GetApp from '@material-ui/icons/GetApp';
import type { EntityResources } from '@costwise/plugin-finops-common';
import { downloadText, resourcesCsv } from './csv';

/** Downloads the resources table as CSV, named after the entity and period. */
export const CsvExportButton = ({
  resources,
  name,
}: {
  resources: EntityResources;
  name: string;
}) => (
  <Button
    variant="outlined"
    size="small"
    startIcon={<GetApp />}
    disabled={resources.items.length === 0}
    aria-label="Export the resources table as CSV"
    data-testid="finops-export-csv"
    onClick={() =>
      downloadText(
        `costs-${name}-${resources.from}-${resources.to}.csv`,
        resourcesCsv(resources),
        'text/csv;charset=utf-8',
      )
    }
  >
    Export CSV
  </Button>
);
