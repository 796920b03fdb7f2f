import {
  darken,
  decomposeColor,
  hslToRgb,
  lighten,
  rgbToHex,
  type Theme,
} from '@material-ui/core/styles';

/** WCAG AA for body text. */
export const MIN_CONTRAST = 4.5;

/** How much each step darkens (light theme) or lightens (dark theme) a token. */
const STEP = 0.05;

/** The relative luminance (WCAG) of a CSS colour MUI can read: `#rgb`, `#rrggbb`, `rgb()`, `hsl()`. */
function luminance(color: string): number {
  const { values } = decomposeColor(
    color.startsWith('hsl') ? hslToRgb(color) : color,
  );
  const [r, g, b] = values.slice(0, 3).map(v => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, unrounded (MUI's rounds the luminance). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The token itself when it keeps 4.5:1 against every background, else the
 * token darkened (on a light theme) or lightened (on a dark one) step by
 * step until it does: a custom theme's colours are kept where they pass and
 * stay recognisable where they do not.
 */
export function readableOn(
  token: string,
  backgrounds: string[],
  dark: boolean,
): string {
  const passes = (color: string) =>
    backgrounds.every(bg => contrastRatio(color, bg) >= MIN_CONTRAST);
  if (passes(token)) return token;
  for (let step = 1; step <= 1 / STEP; step++) {
    const shifted = dark
      ? lighten(token, step * STEP)
      : darken(token, step * STEP);
    if (passes(shifted))
      return rgbToHex(shifted.startsWith('hsl') ? hslToRgb(shifted) : shifted);
  }
  return dark ? '#ffffff' : '#000000';
}

/** Status colours that keep 4.5:1 on white and on #424242 / #333333. */
const FALLBACK = {
  light: { good: '#1b5e20', bad: '#b71c1c', warn: '#8a4b00' },
  dark: { good: '#81c784', bad: '#ff9e9e', warn: '#ffb74d' },
};

/** Text colours for good and bad news, and for "at risk". */
type StatusColors = { good: string; bad: string; warn: string };

/** Each theme's colours, found once: the contrast searches are not free. */
const byTheme = new WeakMap<Theme, StatusColors>();

/**
 * Text colours for good and bad news, and for "at risk": the theme's own
 * `success`, `error` and `warning` tokens, darkened or lightened where they
 * fall short of 4.5:1 (WCAG AA) on the theme's paper and page backgrounds
 * (MUI's green is 2.8:1 on white, its red 2.7:1 on the dark theme's
 * #424242). Arrows and words say the same, so colour is never the only sign.
 * Worked out once per theme object.
 */
export function statusColors(theme: Theme): StatusColors {
  let colors = byTheme.get(theme);
  if (!colors) {
    colors = colorsOf(theme);
    byTheme.set(theme, colors);
  }
  return colors;
}

function colorsOf(theme: Theme): StatusColors {
  const { palette } = theme;
  const backgrounds = [palette.background.paper, palette.background.default];
  const dark = palette.type === 'dark';
  try {
    return {
      good: readableOn(palette.success.main, backgrounds, dark),
      bad: readableOn(palette.error.main, backgrounds, dark),
      warn: readableOn(palette.warning.main, backgrounds, dark),
    };
  } catch {
    // a colour MUI cannot read (a name such as `white`, a CSS variable):
    // fixed colours that pass 4.5:1 on the usual light and dark backgrounds
    return dark ? FALLBACK.dark : FALLBACK.light;
  }
}
