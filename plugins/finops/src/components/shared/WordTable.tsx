import Table, { type TableProps } from '@material-ui/core/Table';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // The Backstage theme lets every table cell break inside a word, so a
  // narrow column reads "Attributi on coverag e"; these tables hold words
  // (KPI and team names, months, amounts), which wrap between words only.
  words: { '& td, & th': { wordBreak: 'normal', hyphens: 'manual' } },
});

/** A table of words and figures: its cells never break inside a word. */
export const WordTable = ({ className, ...props }: TableProps) => {
  const classes = useStyles();
  return (
    <Table
      {...props}
      className={className ? `${classes.words} ${className}` : classes.words}
    />
  );
};
