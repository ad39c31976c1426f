// The German catalogue: a chunk of its own, loaded only when German is in use (catalogues.ts).
import { catalogueFrom } from '../catalogue-files';

export default catalogueFrom(
  import.meta.glob<Record<string, string>>('../messages/de/*.json', { eager: true, import: 'default' }),
);
