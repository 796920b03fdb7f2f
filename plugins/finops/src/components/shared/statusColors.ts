import type { Theme } from '@material-ui/core/styles';

/**
 * Text colours for good and bad news that keep 4.5:1 contrast (WCAG AA) on
 * the card and page backgrounds of both the light and the dark theme; the
 * palette's `success.main` and `error.main` do not (2.8:1 and 3.7:1 on
 * white, 2.7:1 for red on the dark theme's #424242). Arrows and words say
 * the same, so colour is never the only sign.
 */
export const STATUS_COLORS = {
  // `warn` (at risk, neither good nor bad yet): the palette's orange is 3.0:1 on white
  light: { good: '#2e7d32', bad: '#c62828', warn: '#a15c00' },
  dark: { good: '#81c784', bad: '#ef9a9a', warn: '#ffb74d' },
} as const;

export function statusColors(theme: Theme): {
  good: string;
  bad: string;
  warn: string;
} {
  return theme.palette.type === 'dark'
    ? STATUS_COLORS.dark
    : STATUS_COLORS.light;
}

/** The WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map(i => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
