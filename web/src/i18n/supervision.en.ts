import type { supervisionZh } from './supervision.zh.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const supervisionEn: Shape<typeof supervisionZh> = {
  menu: { supervisionClasses: 'Supervision classes', enforcementPlans: 'Enforcement plans', changeRequests: 'Change requests' },
  sup: {
    loadFailed: 'Could not load: {{msg}}',
    retry: 'Retry',
    classes: {
      title: 'Supervision classes', enterprise: 'Enterprise', region: 'Region', class: 'Class', computed: 'Computed', score: 'Score',
      perYear: 'Inspections a year', perYearN: '{{n}} a year', sites: 'Sites', factors: 'Factors', factor: 'Factor', value: 'Value',
      points: 'Points', explanation: 'Explanation', allClasses: 'All classes', overridden: 'Set by hand', overrideBy: 'Set by {{by}} on {{at}}: {{reason}}',
      override: 'Override class', withdraw: 'Withdraw override', reason: 'Reason', reasonRequired: 'Give the reason', newClass: 'New class',
      history: 'Override history', noHistory: 'No overrides yet', none: 'No enterprises in scope', saved: 'Class overridden',
      op: { override: 'Override', withdraw_override: 'Withdrawn' },
      classLabel: { A: 'Class A', B: 'Class B', C: 'Class C', D: 'Class D' },
    },
    plans: {
      title: 'Enforcement plans', visits: 'Visits', blindSpots: 'Blind spots', specialPeriods: 'Special periods', region: 'Region',
      chooseRegion: 'Choose a region', plan: 'Plan', noPlans: 'No plan for this region yet: generate one', generate: 'Generate plan',
      year: 'Year', quarter: 'Quarter', wholeYear: 'Whole year', quarterN: 'Q{{n}}', yearPlan: 'Plan for {{year}}', quarterPlan: 'Plan for {{year}} Q{{q}}',
      createdAt: 'generated {{at}}', generated: 'Plan generated: {{n}} visits', site: 'Site', class: 'Class', due: 'Due', kind: 'Kind',
      status: 'Status', inDepth: 'In depth', priority: 'Priority', seq: 'visit {{n}}', noVisits: 'No visits match',
      allKinds: 'All kinds', allStatuses: 'All statuses', allQuarters: 'All quarters',
      vkind: { planned: 'Planned', unscheduled: 'Unscheduled' },
      vstatus: { due: 'Due', upcoming: 'Upcoming' },
      from: 'From', to: 'To', query: 'Show', blindCount: '{{n}} not inspected (of {{sites}})', noBlind: 'Every site was inspected in this period',
      enterprise: 'Enterprise', periodName: 'Name', periodRange: 'Period', extraVisits: 'Extra visits', addPeriod: 'Add special period',
      noPeriods: 'No special periods', periodSaved: 'Special period added', extraHint: 'Extra unscheduled visits per site of each class (default: one for C and D)',
      presets: 'Common', preset: { spring: 'Spring Festival', sessions: 'Two Sessions', flood: 'Flood season', national: 'National Day' },
    },
    cr: {
      title: 'Monitoring change requests', pending: 'Pending', approved: 'Approved', refused: 'Refused', all: 'All', state: 'State',
      site: 'Site', sensor: 'Sensor', kind: 'Change', change: 'Change (now → asked)', requestedBy: 'Asked by', requestedAt: 'Asked at',
      approve: 'Approve', refuse: 'Refuse', refuseReason: 'Reason for refusing',
      reasonRequired: 'Give the reason', approveConfirm: 'The sensor will be changed as asked. Approve?', none: 'No change requests', done: 'Done',
      sentDown: "The decision was sent to the enterprise's node",
      ckind: { thresholds: 'Loosen thresholds', disable: 'Switch sensor off', delete: 'Delete sensor' },
      weak: {
        loosened: '{{level}} {{from}} → {{to}}', removed: '{{level}} removed (was {{from}})', direction: 'direction {{from}} → {{to}}',
        delayed: '{{field}} {{from}} → {{to}}', implausible: '{{level}} {{value}} outside the range {{min}}–{{max}}', rate_rule_removed: 'rate rule removed',
        disabled: 'on → off', retired: 'in use → deleted',
      },
      field: { hysteresis: 'Hysteresis', minDurationSec: 'Duration (s)', minCount: 'Repeat count' },
      level: { blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' },
    },
  },
};
