import type { Enforcement } from '../../../services/enforcement/index.ts';
import type { App } from '../../app.ts';
import { licenceRoutes } from './licences.ts';
import { scoreRoutes } from './scores.ts';

export function enforcementRoutes(app: App, e: Enforcement) {
  licenceRoutes(app, e.licences);
  scoreRoutes(app, e.scores);
}
