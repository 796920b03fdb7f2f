import { makeStyles } from '@material-ui/core/styles';
import { statusColors } from '../shared/statusColors';

/** A good position reads as good news, a poor one as a warning, whatever the theme. */
export const useClaimStyles = makeStyles(theme => ({
  good: {
    color: statusColors(theme).good,
    borderColor: statusColors(theme).good,
  },
  bad: {
    color: statusColors(theme).bad,
    borderColor: statusColors(theme).bad,
  },
}));
