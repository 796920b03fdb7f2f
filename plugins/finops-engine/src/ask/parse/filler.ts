/**
 * Words of questions about cost that name nothing: a word of a question
 * that is neither one of these, a known name nor a date is taken for a
 * name the engine does not know, and the question is refused rather than
 * answered without it.
 */
export const FILLER = new Set(
  `
  able above according actual actually add added again against ago ahead also altogether although always among amortised amortized an analyse analysis analyze another answer anything anyway approximately around attributable attributed attribution average avg away
  back bad based basis be because become becoming been behind being below best better big bigger bit both breakdown break broken bring build built burn but buy
  calculate calculated call came caused causes causing cents certain charges cheap check clear close coming compared comparing comparison concrete consume consumed consumes consumption contracted contribute contributed contributes contributing contribution contributions could count counts coverage credit credits currently currencies currency
  daily dashboard date dates decrease decreased decreasing detail detailed details difference different dollar dollars done double doubled due during
  earlier early effective effect either else end ended ends enough entire entity entities estimate estimated estimates euro euros even ever every everyone everything exact exactly example exceed exceeded expect expected expense expenses explain explained explains explanation extra
  fall fell few figure figures find fix fixed following for fraction full fully
  gave get gets getting give given gives giving good got greater grew group growing growth
  half happen happened happening has having hello help her here hey hi him his hit hold hour hours
  idea in increasing individual info information instead into invoice invoiced involved
  just
  keep kind know
  large larger late later latest least left less let like likely list little look looking lots
  main mainly make making many mapped mapping matter may maybe mean means measure mine moment money month's more mostly move moved must
  name named need needs never nobody none normal nothing number numbers
  off often ok okay once one ones only open other others otherwise out outlier over overall owned
  paid part particular parts past pay paying percent percentage perhaps place please point portion possible precisely price prices pricing probably
  rate rather really reason reasons recent recently relative remaining report responsible rest right rising run running
  said same saw say says see seem seems seen share shared shares she short should shown showing shows significant significantly similar single site size small so some something spending stand started still stuff sudden suddenly sum summary suppose sure surge surged
  take taken tell term than thanks thank that's the them then thing things think those though three through thursday's time times today's too took tool trending two type types
  under understand unexpected unusual up upon use used uses using usual usually
  value values very via view
  want wanted was way weekend weeks well went were what's whatever whereas whether while whole why will wise within without work worth would wrong
  yes yet
  amount amounts spend spent costs cost bill billing charged charge estimate figure
  unattributed unallocated unowned unmapped untagged unassigned attributed allocated assigned tagged mapped coverage owner owners owns own belong belongs responsible
  forecast forecasts projected projection projections expect expected track tracking rate
  recommendation recommendations saving savings save optimize optimise optimization optimisation optimizations rightsizing rightsize idle waste
  unit economics order orders user users request requests customer customers deployment deployments transaction transactions seat seats session sessions call calls active thousand million 1k
  ai llm llms genai gpt claude inference model models token tokens
  compare compares compared comparison versus vs difference cheaper costlier pricier expensive
  spike spiked spikes spiking jump jumped increase increased rise rose grow grew growing higher lower change changed drop dropped decrease decreased fell fall surge surged doubled
  drive drives driving driver drivers drove behind caused causing explains rank ranking breakdown split composed consists consist
  service services microservice microservices component components app apps application applications team teams group groups squad squads system systems domain domains entity entities feature features sku skus meter meters region regions location locations account accounts subscription subscriptions project projects provider providers cloud clouds vendor vendors resource resources instance instances database databases bucket buckets charge categories category type
  fee fees
  usd eur gbp cad aud jpy chf inr sek nok dkk nzd sgd brl euro euros dollars pounds sterling
  trended trends trending pays suggestion suggestions fixes fixing maps attribute attributes whats hows wheres
  organization organisation company org everything whole everyone
  credit credits tax taxes infrastructure infra compute storage network networking total totals overall
  ours theirs yours his hers
  are is was were be been being am
  the a an and or but if then so of in on at to from by for with about as into onto over under
  me my mine we us our you your they them their it its he him she her
  what which who whom whose when where why how
  do does did done doing have has had having can could will would shall should may might must
  this that these those there here
  not no yes all any each every some such own same other another
  top first second third fourth fifth last next previous
  much many more most less least few fewer lot lots
  up down out off
  please show tell give list explain find get
  s t d ll re ve m
  `
    .split(/\s+/)
    .filter(Boolean),
);
