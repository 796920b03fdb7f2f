/**
 * What is wrong with a recommendation file as a whole:
 * - `unreadable`: the file cannot be read (missing, a directory, no permission);
 * - `unknown-format`: its content is none of the known formats;
 * - `unknown-format-id`: the format asked for (`--format`) does not exist;
 * - `malformed`: it is of a format but cannot be read as such (bad JSON,
 *   bad gzip or Parquet, an unterminated CSV quote, an unexpected shape).
 *
 * @public
 */
export type RecommendationFileErrorKind =
  | 'unreadable'
  | 'unknown-format'
  | 'unknown-format-id'
  | 'malformed';

/**
 * A recommendation file that cannot be read at all (as opposed to a row of
 * it, which is rejected with a reason). The message names the file.
 *
 * @public
 */
export class RecommendationFileError extends Error {
  readonly file: string;
  readonly kind: RecommendationFileErrorKind;

  constructor(
    file: string,
    kind: RecommendationFileErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RecommendationFileError';
    this.file = file;
    this.kind = kind;
  }
}
