import { createTheme } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import {
  contrastRatio,
  MIN_CONTRAST,
  readableOn,
  statusColors,
} from './statusColors';

const backgroundsOf = (theme: typeof lightTheme) => [
  theme.palette.background.paper,
  theme.palette.background.default,
];

describe('status colours', () => {
  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ])(
    "keep 4.5:1 against the page and card backgrounds of Backstage's %s theme",
    (_name, theme) => {
      const colors = statusColors(theme);
      for (const color of [colors.good, colors.bad, colors.warn])
        for (const background of backgroundsOf(theme))
          expect(contrastRatio(color, background)).toBeGreaterThanOrEqual(
            MIN_CONTRAST,
          );
    },
  );

  it("derive from the theme's success, error and warning tokens", () => {
    // MUI's green and red fail on white: darkened, still green and red
    const theme = createTheme();
    expect(contrastRatio(theme.palette.success.main, '#ffffff')).toBeLessThan(
      MIN_CONTRAST,
    );
    const { good, bad } = statusColors(theme);
    expect(good).not.toBe(theme.palette.success.main);
    const [r, g, b] = [1, 3, 5].map(i => parseInt(good.slice(i, i + 2), 16));
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
    const [br, bg] = [1, 3].map(i => parseInt(bad.slice(i, i + 2), 16));
    expect(br).toBeGreaterThan(bg);

    // a custom theme whose tokens already pass keeps them as they are
    const custom = createTheme({
      palette: {
        success: { main: '#1b5e20' },
        error: { main: '#b71c1c' },
        warning: { main: '#8a4b00' },
      },
    });
    expect(statusColors(custom)).toEqual({
      good: '#1b5e20',
      bad: '#b71c1c',
      warn: '#8a4b00',
    });
  });

  it('lighten a token on a dark theme until it passes', () => {
    const dark = createTheme({
      palette: {
        type: 'dark',
        error: { main: '#f44336' },
        background: { paper: '#424242', default: '#303030' },
      },
    });
    // the dark theme's red on #424242 is 2.7:1
    expect(contrastRatio('#f44336', '#424242')).toBeLessThan(MIN_CONTRAST);
    const { bad } = statusColors(dark);
    expect(contrastRatio(bad, '#424242')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(bad, '#ffffff')).toBeLessThan(
      contrastRatio('#f44336', '#ffffff'),
    );
  });

  it('reads rgb() and hsl() tokens too', () => {
    expect(
      contrastRatio(readableOn('rgb(76, 175, 80)', ['#fff'], false), '#fff'),
    ).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(
      contrastRatio(
        readableOn('hsl(122, 39%, 49%)', ['#ffffff'], false),
        '#ffffff',
      ),
    ).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('falls back to fixed colours that pass, on a theme whose colours MUI cannot read', () => {
    for (const [type, backgrounds] of [
      ['light', ['#ffffff', '#f8f8f8']],
      ['dark', ['#424242', '#333333']],
    ] as const) {
      const theme = {
        palette: {
          type,
          background: { paper: 'var(--paper)', default: 'white' },
          success: { main: 'var(--good)' },
          error: { main: 'red' },
          warning: { main: 'orange' },
        },
      } as unknown as Parameters<typeof statusColors>[0];
      const colors = statusColors(theme);
      for (const color of Object.values(colors))
        for (const bg of backgrounds)
          expect(contrastRatio(color, bg)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });
});
