export { ShowbackService } from './ShowbackService';
export { isMonth, monthRange, ShowbackInputError } from './month';
export { rowsShowbackData, storedShowbackData } from './data';
export type {
  ShowbackData,
  ShowbackGroup,
  ShowbackReadQuery,
  ShowbackRow,
  ShowbackSink,
} from './data';
export { attributedShowbackData } from './attributed';
export { FOCUS_EXPORT_EXTRA_COLUMNS } from './focusExport';
export { SHOWBACK_CSV_COLUMNS, statementCsv, UNATTRIBUTED_ROW } from './csv';
export { NO_OWNER, NO_SYSTEM } from './types';
export type {
  EntityStatement,
  ShowbackLine,
  ShowbackReport,
  StatementLine,
  SubTeamSubtotal,
  SystemStatement,
  TeamStatement,
} from './types';
