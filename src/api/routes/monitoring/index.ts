import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import type { EventBus } from '../../../services/events.ts';
import { alarmRoutes } from './alarms.ts';
import { changeRequestRoutes } from './change-requests.ts';
import { deviceRoutes } from './devices.ts';
import { eventRoutes } from './events.ts';
import { notificationRoutes } from './notifications.ts';
import { profileRoutes } from './profile.ts';
import { sensorRoutes } from './sensors.ts';
import { telemetryRoutes } from './telemetry.ts';

export function monitoringRoutes(app: App, m: Monitoring, events: EventBus, heartbeatMs?: number) {
  sensorRoutes(app, m);
  telemetryRoutes(app, m);
  alarmRoutes(app, m);
  changeRequestRoutes(app, m);
  eventRoutes(app, m, events, heartbeatMs);
  deviceRoutes(app, m);
  notificationRoutes(app, m);
  profileRoutes(app, m);
}
