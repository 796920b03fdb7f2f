import { ThemeProvider } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { render, screen, within } from '@testing-library/react';
import { aiWhatIf } from '../../__testUtils__/ai';
import { AiWhatIfTable } from '../ai/AiWhatIfTable';
import { contrastRatio, MIN_CONTRAST, statusColors } from './statusColors';

describe('status colours in use', () => {
  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ])(
    'colour a saving and an extra cost on the %s theme with readable text',
    (_name, theme) => {
      render(
        <ThemeProvider theme={theme}>
          <AiWhatIfTable
            traffic={aiWhatIf.traffic[0]}
            currency="USD"
            priceCurrency="USD"
          />
        </ThemeProvider>,
      );
      const { good, bad } = statusColors(theme);
      const rows = screen.getAllByTestId('finops-ai-whatif-row');
      const cheaper = within(rows[0]).getByText('−$13.77');
      const dearer = within(rows[2]).getByText('+$1.74');
      expect(cheaper).toHaveStyle({ color: good });
      expect(dearer).toHaveStyle({ color: bad });
      // not the palette's own tokens, which fail 4.5:1 on these backgrounds
      expect(
        contrastRatio(theme.palette.error.main, theme.palette.background.paper),
      ).toBeLessThan(MIN_CONTRAST);
      expect(
        contrastRatio(bad, theme.palette.background.paper),
      ).toBeGreaterThanOrEqual(MIN_CONTRAST);
    },
  );
});
