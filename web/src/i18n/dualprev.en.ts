import type { dualprevZh } from './dualprev.zh.ts';

export const dualprevEn: typeof dualprevZh = {
  dp: {
    level: { major: 'Major', significant: 'Significant', general: 'General', low: 'Low' },
    grade: { major: 'Major hazard', general: 'General hazard' },
    state: { registered: 'Registered', planned: 'In rectification', rectified: 'Awaiting verification', verified: 'Verified', closed: 'Closed' },
    tier: { enterprise: 'Enterprise', county: 'Escalated to county', city: 'Escalated to city', province: 'Escalated to province' },
    source: { check: 'Routine check', inspection: 'Inspection', alarm: 'Monitoring alarm', ad_hoc: 'Ad hoc' },
    category: { equipment: 'Unsafe condition', behaviour: 'Unsafe act', environment: 'Environment', management: 'Management' },
    controlLevel: { company: 'Company', section: 'Section', team: 'Team', post: 'Post' },
    measureKind: { engineering: 'Engineering', management: 'Management', training: 'Training', ppe: 'PPE', emergency: 'Emergency' },
    act: { plan: 'Plan', rectify: 'Rectified', verify: 'Verify', reject: 'Send back', close: 'Close', supervise: 'List for supervision', accept: 'Accept close-out', overdue: 'Overdue', escalate: 'Escalated' },
    done: { plan: 'Plan saved', rectify: 'Rectification reported', verify: 'Verified', reject: 'Sent back', close: 'Closed', supervise: 'Listed for supervision', accept: 'Close-out accepted' },
    check: {
      title: 'Hazard investigation', open: 'Checks', none: 'No checks', complete: 'Complete check', completed: 'Check completed', due: 'Due', items: '{{n}} items', post: 'Post',
      ok: 'OK', notOk: 'Not OK', registerHazard: 'Register a hazard', noHazard: 'Fixed on the spot', state: { due: 'Due', missed: 'Missed', done: 'Done' },
      frequency: { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly' },
    },
    candidate: {
      title: 'Hazards suggested by monitoring', open: 'From monitoring', none: 'No suggestions', register: 'Register major hazard', registered: 'Registered',
      reason: { danger: 'Analysed as danger', phreatic_red: 'Phreatic line red', freeboard_red: 'Freeboard/beach red', monitoring_system: 'Monitoring system failing' },
    },
    riskMap: { title: 'Four-colour risk map', open: 'Risk map', upload: 'Upload plan', area: 'Area', saveArea: 'Save area', clear: 'Redraw', noPlan: 'No plan image yet', undrawn: 'Not drawn: {{areas}}' },
    pendingOrder: 'Sent to the node that keeps the hazard; shown here once applied there',
    supervision: { title: 'Listed supervision', order: 'Order', body: 'Supervising body', deadline: 'Rectify by', acceptance: 'Close-out accepted', acceptNote: 'Acceptance note', level: { province: 'Province', city: 'City', county: 'County' } },
    hazard: {
      title: 'Hazards', risk: 'Risk point', report: 'Register a hazard', description: 'Description', location: 'Location', site: 'Site', grade: 'Grade',
      deadline: 'Deadline', state: 'State', source: 'Source', sourceRef: 'Source reference', category: 'Category', criterion: 'Criterion (88号)',
      overdue: 'Overdue', overdueDays: '{{n}} days overdue', onlyOverdue: 'Overdue only', reportedBy: 'Reported by', plan: 'Rectification plan', rectification: 'Rectification',
      verification: 'Verification', history: 'History', supervised: 'Listed for supervision', photos: 'Photo', addPhoto: 'Take or add a photo', none: 'No hazards',
      statFound: 'Found', statRectified: 'Rectified', statOverdue: 'Overdue', statRate: 'On-time rate', statsHint: 'Hazards registered this year',
      criterionHint: 'A major hazard cites a criterion; unconfirmed items are marked',
      export: 'Export Excel',
      offline: 'If the network fails, retry later: sending the same record again never registers it twice.',
    },
    planForm: {
      goal: 'Goal', measures: 'Measures', funds: 'Funds (yuan)', people: 'People responsible', deadline: 'Deadline', interimMeasures: 'Safety measures meanwhile',
      majorHint: 'A major hazard’s plan names measures, funds, people, deadline and interim safety measures',
    },
    note: 'Note', rectifyNote: 'What was done', rejectNote: 'Why it is sent back', verifyNote: 'Verification note', superviseNote: 'Supervision note',
    conflict: 'Someone else acted on this hazard (it is now “{{state}}”); reload and try again.',
    risk: {
      title: 'Risk register', create: 'New risk point', name: 'Risk point', site: 'Site', operation: 'Operation', area: 'Area', process: 'Process / post',
      method: 'Method', score: 'Score', level: 'Level', factors: 'Hazard factors', accidents: 'Accident types', measures: 'Control measures',
      checkItems: 'Check items', department: 'Department', person: 'Person responsible', controlLevel: 'Control level', template: 'From a template', history: 'Assessments',
      review: 'Re-assess', reason: 'Reason', none: 'No risks', lecHint: 'D = L × E × C', lsHint: 'R = L × S',
      L: 'Likelihood L', E: 'Exposure E', C: 'Consequence C', S: 'Severity S', bandsUnconfirmed: 'Bands to be confirmed against the provincial guide',
      addMeasure: 'Add a measure', measureText: 'Measure', kind: 'Kind', listHint: 'One per line',
    },
    operation: {
      excavation: 'Excavation', hoisting: 'Hoisting', haulage: 'Haulage', blasting: 'Blasting', ventilation: 'Ventilation', drainage: 'Drainage',
      fire_prevention: 'Fire prevention', ore_drawing: 'Ore drawing', dam_building: 'Dam building', goaf_treatment: 'Goaf treatment', other: 'Other',
    },
  },
};
