export const enforcementZh = {
  menu: { responsibility: '包保责任' },
  enf: {
    kind: { planned: '计划检查', unscheduled: '专项/突击检查', in_depth: '解剖式检查' },
    istate: { open: '检查中', completed: '已完成' },
    grade: { general: '一般问题', major: '重大隐患' },
    lstate: { valid: '有效', expiring: '即将到期', expired: '已过期', suspended: '暂扣', revoked: '吊销', cancelled: '注销' },
    pstate: { decided: '已决定', notified: '已送达', paid: '已缴纳', appealed: '复议/诉讼中', upheld: '维持', overturned: '撤销', closed: '已结案' },
    pact: { notify: '送达', pay: '缴纳罚款', appeal: '申请复议', uphold: '维持', overturn: '撤销', correct: '更正', close: '结案' },
    pkind: { warning: '警告', fine: '罚款', confiscation: '没收违法所得', suspension: '责令停产停业整顿', licence_suspension: '暂扣安全生产许可证', licence_revocation: '吊销安全生产许可证', closure: '提请关闭' },
    cstate: { opened: '已登记', investigating: '调查中', referred: '已移送', closed: '已结案' },
    ckind: { resource_theft: '盗采资源', beyond_boundary: '超层越界', falsified_drawings: '图纸造假', illegal_subcontracting: '违法分包转包', unlicensed_production: '无证开采', other: '其他' },
    role: { leader: '包保责任领导', commissioner: '派驻监管专员' },
    level: { province: '省级', city: '市级', county: '县级', township: '乡镇级' },
    inspections: {
      title: '执法检查', new: '现场检查', site: '检查对象', kind: '检查类型', at: '检查时间', inspectors: '执法人员', notes: '检查情况',
      start: '开始检查', findings: '检查发现的问题', addFinding: '记录问题', description: '问题描述', grade: '问题等级', deadline: '整改期限',
      basis: '依据', hazard: '已推送至企业隐患台账', complete: '完成检查', completed: '检查已完成，文书已编号', record: '现场检查记录', order: '责令限期整改指令书',
      none: '暂无执法检查', noFindings: '尚未记录问题', verify: '复查', verified: '已复查', findingAdded: '已记录，隐患已推送至企业',
    },
    licences: { title: '安全生产许可证', number: '证号', expires: '有效期至', daysLeft: '剩余 {{n}} 天', overdue: '已过期 {{n}} 天', warning: '{{n}} 张许可证即将到期或已过期', none: '暂无许可证' },
    penalties: {
      title: '违法行为与行政处罚', decide: '作出处罚决定', number: '决定书文号', violation: '违法行为', law: '法律依据', article: '条款', amount: '罚款金额（元）',
      kind: '处罚种类', state: '状态', enterprise: '被处罚单位', reason: '理由', document: '文书', decision: '处罚决定书', none: '暂无处罚记录',
    },
    cases: { title: '打非治违案件', caseTitle: '案由', kind: '类型', state: '状态', openedAt: '登记日期', referrals: '待回复移送', none: '暂无案件' },
    scores: { title: '主要负责人记分', person: '主要负责人', total: '本年累计记分', events: '记分次数', due: '需重新考核', none: '暂无记分' },
    resp: {
      title: '包保责任', gaps: '责任空缺', region: '行政区划', chooseRegion: '请选择行政区划', site: '矿山/尾矿库', missing: '缺少', last: '上一任',
      assign: '落实责任人', name: '姓名', post: '职务', level: '层级', phone: '电话', startsOn: '起始日期', endsOn: '截止日期', none: '无责任空缺',
      ended: '（{{date}} 到期）',
    },
  },
};
