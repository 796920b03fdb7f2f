import { createTheme } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { contrastRatio, STATUS_COLORS, statusColors } from './statusColors';

describe('status colours', () => {
  it('keep 4.5:1 against the page and card backgrounds of both Backstage themes', () => {
    for (const theme of [lightTheme, darkTheme]) {
      const { good, bad, warn } = statusColors(theme);
      for (const background of [
        theme.palette.background.paper,
        theme.palette.background.default,
      ]) {
        expect(contrastRatio(good, background)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(bad, background)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(warn, background)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('replace the palette colours that fail it', () => {
    const theme = createTheme();
    expect(contrastRatio(theme.palette.success.main, '#ffffff')).toBeLessThan(
      4.5,
    );
    expect(contrastRatio(theme.palette.error.main, '#ffffff')).toBeLessThan(
      4.5,
    );
    expect(STATUS_COLORS.light.good).not.toBe(theme.palette.success.main);
  });
});
