import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import { alarmRoutes } from './alarms.ts';
import { sensorRoutes } from './sensors.ts';
import { telemetryRoutes } from './telemetry.ts';

export function monitoringRoutes(app: App, m: Monitoring) {
  sensorRoutes(app, m);
  telemetryRoutes(app, m);
  alarmRoutes(app, m);
}
