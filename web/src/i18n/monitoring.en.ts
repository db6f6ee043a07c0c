import type { monitoringZh } from './monitoring.zh.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const monitoringEn: Shape<typeof monitoringZh> = {
  mon: {
    level: { blue: 'Blue warning', yellow: 'Yellow warning', orange: 'Orange warning', red: 'Red warning', none: 'Normal', unknown: 'No data' },
    levelShort: { blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' },
    kindSite: { tailings_pond: 'Tailings pond', underground: 'Underground mine', open_pit: 'Open pit' },
    overview: {
      title: 'Monitoring overview', map: 'Map', table: 'List', site: 'Mine / pond', region: 'Region', level: 'Status',
      openAlarms: 'Open alarms', offline: 'Offline sensors', sensors: 'Sensors', notConnected: 'Not monitored', silent: 'All offline',
      filterLevel: 'Level', filterRegion: 'Region', live: 'Live', liveOff: 'Live push lost, reconnecting…',
      counts: 'Counts', total: 'Monitored', alarming: 'In warning', offlineSites: 'With offline sensors', noSensors: 'Not monitored',
      noCoords: '{{n}} without coordinates are not on the map', mapNote: 'Sketch map; boundaries for reference only',
      mapNoteOfficial: 'Map approval no. {{no}}', enterprise: 'Enterprise',
      missingItem: 'Required item missing', dataInterrupted: 'Data interrupted',
    },
    site: {
      plan: 'Monitoring points', status: 'Warning status', items: 'Items', point: 'Point', value: 'Latest', sensor: 'Sensor',
      noSensors: 'This site has no online monitoring: no sensors registered.', offline: 'Offline', repairOverdue: 'Repair overdue', online: 'Online',
      range: 'Range', chart: 'Readings', noData: 'No readings in this range', thresholds: 'Thresholds', raw: 'raw',
      step: 'Step: {{step}}', lastSeen: 'Last reading', aggregated: 'Points roll up into items and items into the site as GB 39496-2020 §5.5.4 sets out',
      withdraw: 'Stop work at once and withdraw everyone', withdrawTitle: 'Goaf ground pressure: red warning', section: 'Section', elevation: 'Elevation',
      noPosition: 'Points without a position', planHint: 'Points drawn at their registered plan coordinates (x, y); colour shows the current level',
      r1h: '1 h', r6h: '6 h', r1d: '1 day', r7d: '7 days', r30d: '30 days', r90d: '90 days', r1y: '1 year',
      sectionView: 'Section (by elevation)', planView: 'Plan',
      item: 'Monitoring item', stale: 'Silent: last level kept', disabled: 'Disabled: last level kept', staleShort: 'silent', disabledShort: 'disabled', missingItems: 'Required items without a working point',
    },
    item: {
      dam_displacement: 'Dam displacement', phreatic_line: 'Phreatic line', dry_beach: 'Dry beach', water_level: 'Pond water level', rainfall: 'Rainfall',
      landslide_displacement: 'Landslide displacement', video: 'Video', pore_pressure: 'Pore water pressure', seepage_flow: 'Seepage flow', turbidity: 'Turbidity',
      ground_pressure: 'Ground pressure', people_underground: 'People underground', slope_displacement: 'Slope displacement', gas_co: 'Carbon monoxide', gas_o2: 'Oxygen', gas_h2s: 'Hydrogen sulphide',
    },
    transmission: {
      interrupted: 'Data interrupted', tag: 'Data interrupted', category: 'Network data transmission',
      hint: 'A data interruption is a transmission alarm, not a safety warning; it is not counted among the warning levels', open: 'Data interruptions',
    },
    kind: {
      water_level: 'Water level', freeboard: 'Freeboard', beach_length: 'Dry beach length', beach_slope: 'Dry beach slope', phreatic_depth: 'Phreatic depth',
      phreatic_elevation: 'Phreatic elevation', surface_displacement: 'Surface displacement', internal_displacement: 'Internal displacement',
      landslide_displacement: 'Landslide displacement', rainfall: 'Rainfall', seepage_flow: 'Seepage flow', pore_pressure: 'Pore pressure',
      turbidity: 'Turbidity', ground_pressure: 'Ground pressure', people_underground: 'People underground', slope_displacement: 'Slope displacement',
      gas_co: 'CO', gas_o2: 'O₂', gas_h2s: 'H₂S', video_status: 'Video',
    },
    alarm: {
      title: 'Alarm centre', state: 'State', level: 'Level', kind: 'Kind', site: 'Mine / pond', sensor: 'Sensor', message: 'Message',
      openedAt: 'Opened', value: 'Value', tier: 'With', recovered: 'Recovered', recoveredAt: 'Recovered at', detail: 'Alarm',
      history: 'Handling history', notifications: 'Notifications', noNotifications: 'No notifications recorded', actions: 'Actions',
      new: 'New', cause: 'Cause', measures: 'Measures taken', note: 'Note', live: 'Not closed', stats: 'Statistics',
      statOpen: 'Not closed', statFalse: 'False alarms', statFault: 'Equipment faults', statDanger: 'Real danger', statRecovered: 'Recovered, not closed',
      statsHint: 'Under the current filters (latest 1,000)', channel: 'Channel', recipient: 'To', result: 'Result', at: 'At', by: 'By',
      states: { open: 'Open', acknowledged: 'Acknowledged', analysed: 'Analysed', verified: 'Verified', closed: 'Closed' },
      kinds: { threshold: 'Threshold', rate: 'Rate of change', offline: 'Sensor data interrupted', site_offline: 'Station data interrupted', quality: 'Data quality', network: 'Node data interrupted' },
      categories: { safety: 'Safety warning', transmission: 'Data interrupted', quality: 'Data quality' }, category: 'Category',
      causes: { danger: 'Real danger', equipment_fault: 'Equipment fault', false_alarm: 'False alarm' },
      tiers: { enterprise: 'Enterprise', county: 'County', city: 'City', province: 'Province' },
      act: { ack: 'Acknowledge', analyse: 'Analyse', verify: 'Verify', reject: 'Send back', close: 'Close', escalate: 'Escalate' },
      done: { ack: 'Acknowledged', analyse: 'Analysis recorded', verify: 'Verified', reject: 'Sent back', close: 'Closed', escalate: 'Escalated' },
      history_: { opened: 'Opened', recovered: 'Recovered', relapsed: 'Relapsed', escalated: 'Level raised', deescalated: 'Level lowered', reminded: 'Reminder' },
      rejectNote: 'Say why it is sent back', measuresRequired: 'Say what was done',
    },
  },
  net: {
    title: 'Network', tree: 'Nodes', name: 'Node', level: 'Level', region: 'Region', online: 'State', lastSeen: 'Last contact',
    backlog: 'Backlog', backlogAge: 'Backlog age', dropout: 'Dropout rate', completeness: 'Completeness', sensorsOnline: 'Sensors online',
    isOnline: 'Online', isOffline: 'Offline', revoked: 'Revoked', register: 'Register child node', revoke: 'Revoke',
    revokeConfirm: 'The node’s token stops working at once and it can no longer send data. Revoke “{{name}}”?', revokedOk: 'Revoked',
    token: 'Node token', tokenOnce: 'The token is shown only this once: copy it now into the child node (KUANGAN_NODE_TOKEN).',
    copy: 'Copy', copied: 'Copied', enterprise: 'Enterprise', period: 'Period: last 24 hours', map: 'Map', none: 'No child nodes registered yet',
    levels: { city: 'City', county: 'County', enterprise: 'Enterprise' }, nodeName: 'Name (optional)',
  },
};
