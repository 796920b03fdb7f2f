import { makeStyles } from '@material-ui/core/styles';

/** A good position reads as good news, a poor one as a warning, whatever the theme. */
export const useClaimStyles = makeStyles(theme => ({
  good: {
    color: theme.palette.success.main,
    borderColor: theme.palette.success.main,
  },
  bad: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));
