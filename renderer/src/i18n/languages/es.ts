// The Spanish catalogue: a chunk of its own, loaded only when Spanish is in use (catalogues.ts).
import { catalogueFrom } from '../catalogue-files';

export default catalogueFrom(
  import.meta.glob<Record<string, string>>('../messages/es/*.json', { eager: true, import: 'default' }),
);
