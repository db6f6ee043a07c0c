import type { monitoringSettingsZh } from './monitoringSettings.zh.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const monitoringSettingsEn: Shape<typeof monitoringSettingsZh> = {
  mon: {
    settings: {
      title: 'Monitoring settings', readOnly: 'You can view these settings; only administrators can change them.', version: 'version {{v}}',
      saved: 'Monitoring settings saved (version {{v}})', save: 'Save settings', reset: 'Undo changes', history: 'Change history',
      sourceDefault: 'Default', sourceSettings: 'Changed', sourceRef: 'Default from: {{ref}}', permanent: 'Keep forever',
      conflict: 'Someone else changed the monitoring settings. Reloading discards your unsaved changes.',
      unit: { min: 'min', h: 'h', d: 'days', times: '×', count: '' },
      group: {
        escalation: 'Response (叫应) and escalation', offline: 'Offline detection and reporting intervals', floodSeason: 'Flood season',
        aggregation: 'Warning aggregation (GB 39496-2020 §5.5.4)', retention: 'Data retention', notify: 'Notification channels',
        pointsToItem: 'Points → monitoring item', itemsToSite: 'Items → pond',
      },
      help: {
        responseSec: 'The enterprise must answer (acknowledge) a warning within this time; unanswered, it goes up one level, where the clock starts again.',
        maxTier: 'The highest level an unanswered warning goes up to.',
        escalationSource: 'Where these limits come from; tick "confirmed" once checked.',
        k: 'A point is offline after its reporting interval × this factor without data.',
        warningIntervalSec: 'While the pond is in a warning state, points are expected at least this often (GB 51108-2015 §4.5.4: 30 min).',
        floodSeasonIntervalSec: 'In flood season points are expected at least this often, so offline is detected sooner.',
        repairOverdueSec: 'A point offline longer than this is overdue for repair (GB 51108-2015 §10.0.1: 7 days), a lead for a major hazard.',
        reminderEverySec: 'While a point stays offline, remind again this often.',
        stationGraceSec: 'A silent point while nothing else of its station has reported is held under the station this long before its own alarm opens: a station dropping out is one data-interruption alarm, not one per sensor (platform default).',
        levels: 'Urgency of the data-interruption alarms: they are answered within that level’s response time, but are transmission alarms, shown as “data interrupted” and never counted as colour warnings (platform defaults, not from a standard).',
        floodSeason: 'By local calendar date; may run over New Year (e.g. 1 Nov – 28 Feb).',
        utcOffsetMin: 'Local time used for dates; China Standard Time is 480 (UTC+8).',
        promotion: 'This many members at a level raise the group one level: e.g. 4 blue points make the item yellow.',
        chain: 'Off (GB 39496-2020 §5.5.4 as written): members are counted at their own level only, so 12 blue points make yellow and 4 blue + 2 yellow make yellow. On (another reading): every N at a level count as one at the next, added to the real ones.',
        aggregationSource: 'Where these counts come from; the items’ continuation (3 yellow → orange, 2 orange → red) is to confirm.',
        retentionDays: 'Raw readings older than this are deleted; hourly and daily figures are kept. Empty keeps them forever.',
        tenMinuteRetentionDays: '10-minute figures (used by 1- to 7-day charts) older than this are deleted; older periods are computed from raw readings, and show no 10-minute curve once those are gone too. Empty keeps them forever.',
        futureToleranceSec: 'Readings stamped further ahead of the server clock than this are refused, to catch wrong device clocks.',
        webhooks: 'Warnings at or above the chosen level are posted here when they open, rise or go up a level.',
        sms: 'Warnings at or above the chosen level are texted to the enterprise principal and safety officer. "None" records the texts without sending; an HTTP gateway needs its URL.',
      },
      f: {
        escalation: {
          responseSec: { red: 'Red: time to respond', orange: 'Orange: time to respond', yellow: 'Yellow: time to respond', blue: 'Blue: time to respond' },
          maxTier: 'Highest level', source: 'Source of the limits', confirmed: 'Source confirmed',
        },
        offline: {
          k: 'Offline factor', warningIntervalSec: 'Interval cap in a warning state', floodSeasonIntervalSec: 'Interval cap in flood season',
          repairOverdueSec: 'Repair overdue after', reminderEverySec: 'Offline reminder every', stationGraceSec: 'Station grace before a sensor alarms alone',
          levels: { offline: 'Point data interrupted: urgency', siteSilent: 'Station data interrupted: urgency', repairOverdue: 'Repair overdue: urgency' },
          floodSeason: {
            start: { month: 'Flood season start (month)', day: 'Flood season start (day)' }, end: { month: 'Flood season end (month)', day: 'Flood season end (day)' },
            source: 'Source of the flood season', confirmed: 'Flood season confirmed',
          },
          utcOffsetMin: 'Local time offset from UTC',
        },
        aggregation: {
          points: { blue: 'Blue points → item yellow', yellow: 'Yellow points → item orange', orange: 'Orange points → item red', chain: 'Chain points' },
          items: { blue: 'Blue items → pond yellow', yellow: 'Yellow items → pond orange', orange: 'Orange items → pond red', chain: 'Chain items' },
          source: 'Source of the counts', confirmed: 'Source confirmed',
        },
        retentionDays: 'Raw readings kept for', tenMinuteRetentionDays: '10-minute figures kept for', futureToleranceSec: 'Future timestamp tolerance',
        webhooks: 'Warning webhooks', sms: 'SMS gateway',
      },
      floodStart: 'Flood season starts', floodEnd: 'Flood season ends', month: 'month', day: 'day',
      webhookUrl: 'URL', minLevel: 'Lowest level', addWebhook: 'Add webhook', removeWebhook: 'Remove', noWebhooks: 'No webhooks',
      smsGateway: 'Gateway', smsUrl: 'Gateway URL', gatewayNone: 'None (record only)', gatewayHttp: 'HTTP gateway',
    },
  },
};
