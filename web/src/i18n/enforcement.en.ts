export const enforcementEn = {
  menu: { responsibility: 'Responsibility' },
  enf: {
    kind: { planned: 'Planned', unscheduled: 'Unscheduled', in_depth: 'In-depth' },
    istate: { open: 'Open', completed: 'Completed' },
    grade: { general: 'General', major: 'Major hazard' },
    lstate: { valid: 'Valid', expiring: 'Expiring', expired: 'Expired', suspended: 'Suspended', revoked: 'Revoked', cancelled: 'Cancelled' },
    pstate: { decided: 'Decided', notified: 'Notified', paid: 'Paid', appealed: 'Appealed', upheld: 'Upheld', overturned: 'Overturned', closed: 'Closed' },
    pact: { notify: 'Notify', pay: 'Paid', appeal: 'Appeal', uphold: 'Uphold', overturn: 'Overturn', correct: 'Correct', close: 'Close' },
    inspections: { title: 'Inspections', new: 'Inspect on site', start: 'Start', addFinding: 'Record finding', complete: 'Complete', none: 'No inspections' },
    licences: { title: 'Safety licences', daysLeft: '{{n}} days left', overdue: '{{n}} days overdue', warning: '{{n}} licences expiring or expired', none: 'No licences' },
    penalties: { title: 'Violations and penalties', decide: 'Decide a penalty', none: 'No penalties' },
    cases: { title: 'Illegal-activity cases', none: 'No cases' },
    scores: { title: 'Principal scoring', none: 'No scores' },
    resp: { title: 'Responsibility', gaps: 'Gaps', assign: 'Assign', none: 'No gaps' },
  },
};
