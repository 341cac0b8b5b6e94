/** The generated protobuf classes of `proto/metarena/v1` (regenerate with `npm run proto:gen`). */
import { metarena } from './gen/metarena.js';

export const pb = metarena.v1;
export type { metarena };
export import v1 = metarena.v1;
