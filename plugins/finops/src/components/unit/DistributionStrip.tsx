import { useTheme } from '@material-ui/core/styles';
import type { BenchmarkFigure } from '@costwise/plugin-finops-common';

const WIDTH = 400;
const HEIGHT = 60;
const PAD = 12;
const MID = 24;

/**
 * The cohort's values as dots on one line, with the quartile box, the median
 * and the entity's own value marked. The figures are also given as text next
 * to it; this is the picture of where the entity stands.
 */
export const DistributionStrip = ({
  figure,
  format,
  description,
  subject = 'this entity',
}: {
  figure: BenchmarkFigure;
  format: (value: number) => string;
  description: string;
  /** The marker's label: "this entity", "this team". */
  subject?: string;
}) => {
  const theme = useTheme();
  const own = figure.value === null ? undefined : Number(figure.value);
  // without the peers' distribution there is nothing to place the entity
  // among: a strip of its own value alone would read as a collapsed range
  if (figure.distribution.length === 0) return null;
  const values = [...figure.distribution];
  if (own !== undefined && Number.isFinite(own)) values.push(own);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (v: number) =>
    hi === lo ? WIDTH / 2 : PAD + ((v - lo) / span) * (WIDTH - 2 * PAD);
  const { q1, median, q3 } = figure;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      height={HEIGHT}
      role="img"
      aria-label={description}
      data-testid="finops-benchmark-strip"
    >
      <line
        x1={PAD}
        x2={WIDTH - PAD}
        y1={MID}
        y2={MID}
        stroke={theme.palette.divider}
      />
      {q1 !== null && q3 !== null && (
        <rect
          x={x(q1)}
          y={MID - 10}
          width={Math.max(1, x(q3) - x(q1))}
          height={20}
          fill={theme.palette.primary.main}
          fillOpacity={0.15}
          stroke={theme.palette.primary.main}
          data-testid="finops-benchmark-iqr"
        />
      )}
      {median !== null && (
        <line
          x1={x(median)}
          x2={x(median)}
          y1={MID - 12}
          y2={MID + 12}
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          data-testid="finops-benchmark-median"
        />
      )}
      {figure.distribution.map((v, i) => (
        <circle
          key={i}
          cx={x(v)}
          cy={MID}
          r={3}
          fill={theme.palette.text.secondary}
          fillOpacity={0.7}
        />
      ))}
      {own !== undefined && Number.isFinite(own) && (
        <g data-testid="finops-benchmark-entity" data-value={figure.value}>
          <circle
            cx={x(own)}
            cy={MID}
            r={7}
            fill={theme.palette.secondary.main}
            stroke={theme.palette.background.paper}
            strokeWidth={2}
          />
          <text
            x={Math.min(Math.max(x(own), 40), WIDTH - 40)}
            y={HEIGHT - 2}
            textAnchor="middle"
            fontSize={12}
            fill={theme.palette.text.primary}
          >
            {subject}
          </text>
        </g>
      )}
      <text x={PAD} y={11} fontSize={12} fill={theme.palette.text.secondary}>
        {format(lo)}
      </text>
      <text
        x={WIDTH - PAD}
        y={11}
        fontSize={12}
        textAnchor="end"
        fill={theme.palette.text.secondary}
      >
        {format(hi)}
      </text>
    </svg>
  );
};
