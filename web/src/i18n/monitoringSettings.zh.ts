// 监测设置页的中文文案：叫应时限、离线判定、汛期、预警汇总、数据保存期限、通知渠道。
export const monitoringSettingsZh = {
  mon: {
    settings: {
      title: '监测设置', readOnly: '您可以查看这些设置；只有系统管理员可以修改。', version: '第 {{v}} 版',
      saved: '监测设置已保存（第 {{v}} 版）', save: '保存设置', reset: '撤销修改', history: '变更记录',
      sourceDefault: '默认值', sourceSettings: '已修改', sourceRef: '默认值依据：{{ref}}', permanent: '永久保存',
      conflict: '监测设置已被他人修改。重新加载后，您尚未保存的修改将被放弃。',
      unit: { min: '分钟', h: '小时', d: '天', times: '倍', count: '个' },
      group: {
        escalation: '预警叫应与逐级上报', offline: '离线判定与上报周期', floodSeason: '汛期', aggregation: '预警汇总规则（GB 39496-2020 第 5.5.4 条）',
        retention: '数据保存期限', notify: '通知渠道', pointsToItem: '测点 → 监测项目', itemsToSite: '监测项目 → 尾矿库',
      },
      help: {
        responseSec: '预警发出后企业须在此时限内叫应（签收响应）；超时未叫应，预警自动上报上一级，并在上一级重新计时。',
        maxTier: '无人叫应时最高上报到的层级。',
        escalationSource: '这些时限的出处；核实后请勾选“依据已核实”。',
        k: '测点超过“上报周期 × 此倍数”没有数据即判为离线。',
        warningIntervalSec: '尾矿库处于预警状态时，测点上报周期按不超过此值计（GB 51108-2015 第 4.5.4 条：30 分钟）。',
        floodSeasonIntervalSec: '汛期内测点上报周期按不超过此值计，离线判定随之加快。',
        repairOverdueSec: '测点离线超过此时限仍未修复，视为超期未修复（GB 51108-2015 第 10.0.1 条：7 天），可作为重大隐患线索。',
        reminderEverySec: '离线持续期间，每隔此时间再次提醒。',
        stationGraceSec: '测点无数据而同站其他测点也未再上报时，先按监测站整体处理，超过此时间才单独报警：整站中断只报一条数据中断报警（平台默认值）。',
        levels: '数据中断报警的响应紧急程度：按该等级的叫应时限处理，但属联网数据传输报警，显示为“数据中断”，不计入各级预警（平台默认值，非标准规定）。',
        floodSeason: '按当地日历日期判断，可跨年（如 11 月 1 日—次年 2 月 28 日）。',
        utcOffsetMin: '判断日期所用的当地时间；中国标准时间为 480（UTC+8）。',
        promotion: '达到此数量即升高一级：如 4 个蓝色测点使监测项目为黄色。',
        chain: '关闭（按 GB 39496-2020 §5.5.4 原文）：只按测点本级数量计数，12 个蓝色测点为黄色，4 蓝 + 2 黄为黄色；开启（另一种理解）：每 N 个低一级折算为 1 个高一级，与实际数量合并计数。',
        aggregationSource: '这些数量的出处；项目间的续文（3 项黄色→橙色、2 项橙色→红色）待核实。',
        retentionDays: '超过此期限的原始监测数据将被删除；小时和日统计数据不删除。留空为永久保存。',
        tenMinuteRetentionDays: '10 分钟统计数据（1 至 7 天的曲线使用）的保存期限；超过期限的时段改由原始数据计算，原始数据也已删除的时段不再显示 10 分钟曲线。留空为永久保存。',
        futureToleranceSec: '监测数据时间比服务器时间超前超过此值即拒收，用于发现设备时钟错误。',
        webhooks: '预警产生、等级升高或逐级上报时，向这些地址推送（仅推送不低于所选等级的预警）。',
        sms: '向企业负责人和安全管理人员发送预警短信（不低于所选等级）。“不发送”时只记录应发短信；选择 HTTP 网关时须填写网关地址。',
      },
      f: {
        escalation: {
          responseSec: { red: '红色预警叫应时限', orange: '橙色预警叫应时限', yellow: '黄色预警叫应时限', blue: '蓝色预警叫应时限' },
          maxTier: '最高上报层级', source: '叫应时限依据', confirmed: '依据已核实',
        },
        offline: {
          k: '离线判定倍数', warningIntervalSec: '预警期间上报周期上限', floodSeasonIntervalSec: '汛期上报周期上限',
          repairOverdueSec: '超期未修复时限', reminderEverySec: '离线重复提醒间隔', stationGraceSec: '单测点报警前的整站等待时间',
          levels: { offline: '测点数据中断：响应等级', siteSilent: '整站数据中断：响应等级', repairOverdue: '超期未修复：响应等级' },
          floodSeason: {
            start: { month: '汛期开始（月）', day: '汛期开始（日）' }, end: { month: '汛期结束（月）', day: '汛期结束（日）' },
            source: '汛期依据', confirmed: '汛期已核实',
          },
          utcOffsetMin: '当地时间与 UTC 之差',
        },
        aggregation: {
          points: { blue: '蓝色测点数 → 项目黄色', yellow: '黄色测点数 → 项目橙色', orange: '橙色测点数 → 项目红色', chain: '测点逐级折算' },
          items: { blue: '蓝色项目数 → 尾矿库黄色', yellow: '黄色项目数 → 尾矿库橙色', orange: '橙色项目数 → 尾矿库红色', chain: '项目逐级折算' },
          source: '计数依据', confirmed: '依据已核实',
        },
        retentionDays: '原始数据保存期限', tenMinuteRetentionDays: '10 分钟统计数据保存期限', futureToleranceSec: '数据时间超前容许值',
        webhooks: '预警推送地址（Webhook）', sms: '短信网关',
      },
      floodStart: '汛期开始', floodEnd: '汛期结束', month: '月', day: '日',
      webhookUrl: '推送地址', minLevel: '最低等级', addWebhook: '添加推送地址', removeWebhook: '删除', noWebhooks: '未配置推送地址',
      smsGateway: '网关', smsUrl: '网关地址', gatewayNone: '不发送（仅记录）', gatewayHttp: 'HTTP 网关',
    },
  },
};
