/** Marks what a printed statement leaves out (buttons, pickers). */
export const NO_PRINT_CLASS = 'finops-no-print';

/**
 * The print stylesheet of the statement page: only the statement, black on
 * white, without Backstage's sidebar and header, shadows, or table rows cut
 * across two pages. Backstage's own class names carry their component names
 * (`BackstageSidebar-drawer`), which is what the selectors rely on.
 */
export const PRINT_CSS = `
@media print {
  @page { margin: 15mm; }
  nav,
  header,
  [class*="BackstageSidebar-"],
  [class*="BackstageHeader-"],
  [class*="BackstageHeaderTabs-"],
  [class*="BackstageItemCardHeader-"],
  .${NO_PRINT_CLASS} {
    display: none !important;
  }
  [class*="BackstageSidebarPage-root"] {
    padding-left: 0 !important;
  }
  html, body, main, [data-testid="finops-statement-page"] {
    background: #fff !important;
    color: #000 !important;
  }
  [data-testid="finops-statement-page"] *,
  [data-testid="finops-statement-page"] *::before,
  [data-testid="finops-statement-page"] *::after {
    color: #000 !important;
    background: transparent !important;
    box-shadow: none !important;
    text-shadow: none !important;
  }
  [data-testid="finops-statement-page"] a {
    text-decoration: none !important;
  }
  tr, thead, tfoot {
    break-inside: avoid;
    page-break-inside: avoid;
  }
  thead { display: table-header-group; }
}
`;
