// The French catalogue: a chunk of its own, loaded only when French is in use (catalogues.ts).
import { catalogueFrom } from '../catalogue-files';

export default catalogueFrom(
  import.meta.glob<Record<string, string>>('../messages/fr/*.json', { eager: true, import: 'default' }),
);
