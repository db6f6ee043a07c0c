import type { Mineral } from '../domain/registry/site.ts';

/**
 * A believable Shanxi demo registry: enterprises in several cities with underground and open-pit mines
 * and tailings ponds of different grades. Names are invented; places, minerals and magnitudes are typical.
 */
export interface DemoEnterprise {
  key: string;
  name: string;
  region: string;
  address: string;
  principal: string;
  safetyOfficer: string;
  sites: DemoSite[];
}
export interface DemoSite {
  code: string;
  name: string;
  kind: 'tailings_pond' | 'underground' | 'open_pit';
  status: 'construction' | 'producing' | 'suspended' | 'awaiting_closure' | 'closed';
  minerals: Mineral[];
  lng: number;
  lat: number;
  miningMethod?: string;
  designCapacity?: number;
  actualCapacity?: number;
  depth?: number;
  peopleUnderground?: number;
  standardGrade?: number;
  damType?: 'upstream' | 'centerline' | 'downstream' | 'one_time';
  damHeight?: number;
  totalStorage?: number;
  crestElevation?: number;
  headsUp?: boolean;
  residentsDistance?: number;
  /** A new or expanded pond under review (the siting rules apply to it). */
  isNew?: boolean;
}

const ug = (code: string, name: string, minerals: Mineral[], lng: number, lat: number, o: Partial<DemoSite> = {}): DemoSite => ({
  code, name, kind: 'underground', status: 'producing', minerals, lng, lat, miningMethod: '充填法', designCapacity: 30, actualCapacity: 26, depth: 420, peopleUnderground: 18, standardGrade: 2, ...o,
});
const op = (code: string, name: string, minerals: Mineral[], lng: number, lat: number, o: Partial<DemoSite> = {}): DemoSite => ({
  code, name, kind: 'open_pit', status: 'producing', minerals, lng, lat, miningMethod: '台阶式开采', designCapacity: 60, actualCapacity: 52, standardGrade: 2, ...o,
});
const pond = (code: string, name: string, lng: number, lat: number, o: Partial<DemoSite> = {}): DemoSite => ({
  code, name, kind: 'tailings_pond', status: 'producing', minerals: ['iron'], lng, lat, damType: 'upstream', damHeight: 48, totalStorage: 860, crestElevation: 1210, residentsDistance: 2600, standardGrade: 2, ...o,
});

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  { key: 'dx-iron', name: '代县金岭矿业有限公司', region: '140923', address: '忻州市代县上馆镇', principal: '王建国', safetyOfficer: '李志强', sites: [
    ug('140923-UG-01', '金岭铁矿', ['iron'], 112.96, 39.07, { designCapacity: 60, actualCapacity: 55, depth: 610, peopleUnderground: 42 }),
    pond('140923-TP-01', '金岭铁矿东沟尾矿库', 112.99, 39.09, { damHeight: 96, totalStorage: 4200, crestElevation: 1340, residentsDistance: 1800 }),
  ] },
  { key: 'fz-iron', name: '繁峙县宏达铁业有限责任公司', region: '140924', address: '忻州市繁峙县砂河镇', principal: '赵红兵', safetyOfficer: '孙海', sites: [
    op('140924-OP-01', '宏达露天铁矿', ['iron'], 113.27, 39.19, { designCapacity: 120, actualCapacity: 98 }),
    pond('140924-TP-01', '宏达铁矿西沟尾矿库', 113.24, 39.21, { damHeight: 62, totalStorage: 1350, crestElevation: 1290 }),
  ] },
  { key: 'fz-gold', name: '繁峙县义兴寨金矿有限公司', region: '140924', address: '忻州市繁峙县岩头乡', principal: '周立新', safetyOfficer: '吴晓东', sites: [
    ug('140924-UG-01', '义兴寨金矿', ['gold'], 113.52, 39.02, { designCapacity: 15, actualCapacity: 14, depth: 820, peopleUnderground: 36, miningMethod: '浅孔留矿法' }),
    pond('140924-TP-02', '义兴寨金矿尾矿库', 113.55, 39.03, { minerals: ['gold'], damHeight: 38, totalStorage: 240, crestElevation: 1520, residentsDistance: 900, headsUp: true }),
  ] },
  { key: 'wt-iron', name: '五台县山羊坪矿业有限公司', region: '140922', address: '忻州市五台县东冶镇', principal: '郝文斌', safetyOfficer: '冯磊', sites: [
    ug('140922-UG-01', '山羊坪铁矿', ['iron'], 113.28, 38.69, { designCapacity: 20, actualCapacity: 12, status: 'suspended' }),
  ] },
  { key: 'yp-iron', name: '原平市同川矿业有限公司', region: '140981', address: '忻州市原平市段家堡乡', principal: '刘宝华', safetyOfficer: '陈刚', sites: [
    op('140981-OP-01', '同川露天铁矿', ['iron'], 112.85, 38.62, { designCapacity: 25, actualCapacity: 18 }),
    pond('140981-TP-01', '同川尾矿库', 112.83, 38.6, { damHeight: 28, totalStorage: 85, crestElevation: 1105, status: 'awaiting_closure' }),
  ] },
  { key: 'jl-iron', name: '静乐县鑫源矿业有限公司', region: '140926', address: '忻州市静乐县娑婆乡', principal: '马永红', safetyOfficer: '郭俊', sites: [
    ug('140926-UG-01', '鑫源铁矿', ['iron'], 111.94, 38.36, { designCapacity: 8, actualCapacity: 8, depth: 260, peopleUnderground: 12 }),
  ] },
  { key: 'lx-iron', name: '岚县袁家村铁矿有限公司', region: '141127', address: '吕梁市岚县社科乡', principal: '杨国栋', safetyOfficer: '高峰', sites: [
    op('141127-OP-01', '袁家村露天铁矿', ['iron'], 111.55, 38.25, { designCapacity: 2200, actualCapacity: 1900, standardGrade: 1 }),
    pond('141127-TP-01', '袁家村铁矿尾矿库', 111.5, 38.23, { damHeight: 150, totalStorage: 21000, crestElevation: 1480, damType: 'centerline', residentsDistance: 4200, standardGrade: 1 }),
  ] },
  { key: 'jc-iron', name: '交城县义望铁矿有限公司', region: '141122', address: '吕梁市交城县西社镇', principal: '任志刚', safetyOfficer: '段鹏', sites: [
    ug('141122-UG-01', '义望铁矿', ['iron'], 111.92, 37.62, { designCapacity: 30, actualCapacity: 24, depth: 380, peopleUnderground: 22 }),
    pond('141122-TP-01', '义望铁矿尾矿库', 111.9, 37.6, { damHeight: 55, totalStorage: 620, crestElevation: 1250 }),
  ] },
  { key: 'xy-bauxite', name: '孝义市兴旺铝土矿业有限公司', region: '141181', address: '吕梁市孝义市西辛庄镇', principal: '侯建军', safetyOfficer: '梁晨', sites: [
    op('141181-OP-01', '兴旺露天铝土矿', ['bauxite'], 111.62, 37.1, { designCapacity: 80, actualCapacity: 71 }),
    ug('141181-UG-01', '兴旺地下铝土矿', ['bauxite'], 111.58, 37.12, { designCapacity: 40, actualCapacity: 35, depth: 230, peopleUnderground: 28, miningMethod: '房柱法' }),
  ] },
  { key: 'xx-bauxite', name: '兴县华润铝矿有限公司', region: '141123', address: '吕梁市兴县魏家滩镇', principal: '贾卫东', safetyOfficer: '韩斌', sites: [
    op('141123-OP-01', '魏家滩露天铝土矿', ['bauxite'], 111.17, 38.52, { designCapacity: 150, actualCapacity: 130 }),
  ] },
  { key: 'zy-iron', name: '中阳县钢铁矿业有限公司', region: '141129', address: '吕梁市中阳县枝柯镇', principal: '白天明', safetyOfficer: '薛强', sites: [
    pond('141129-TP-01', '枝柯尾矿库', 111.21, 37.3, { damHeight: 72, totalStorage: 1800, crestElevation: 1330, residentsDistance: 2100 }),
  ] },
  { key: 'yq-copper', name: '中条山有色金属集团垣曲铜矿有限公司', region: '140827', address: '运城市垣曲县新城镇', principal: '张振华', safetyOfficer: '姚军', sites: [
    ug('140827-UG-01', '铜矿峪铜矿', ['copper'], 111.67, 35.3, { designCapacity: 600, actualCapacity: 540, depth: 860, peopleUnderground: 160, miningMethod: '自然崩落法', standardGrade: 1 }),
    pond('140827-TP-01', '十八河尾矿库', 111.72, 35.28, { minerals: ['copper'], damHeight: 126, totalStorage: 11500, crestElevation: 720, damType: 'upstream', residentsDistance: 3200, standardGrade: 1 }),
    // Proposed beside the Yellow River, about 1.9 km from its main course: the siting rule flags it.
    pond('140827-TP-02', '东滩尾矿库（拟建）', 111.71, 35.03, { minerals: ['copper'], status: 'construction', isNew: true, damHeight: 38, totalStorage: 420, crestElevation: 330, damType: 'upstream', residentsDistance: 2600 }),
  ] },
  { key: 'yq-lead', name: '垣曲县宝源铅锌矿业有限公司', region: '140827', address: '运城市垣曲县王茅镇', principal: '尉迟亮', safetyOfficer: '雷鸣', sites: [
    ug('140827-UG-02', '宝源铅锌矿', ['lead', 'zinc'], 111.79, 35.35, { designCapacity: 12, actualCapacity: 11, depth: 340, peopleUnderground: 16, miningMethod: '浅孔留矿法' }),
  ] },
  { key: 'pl-bauxite', name: '平陆县晋南铝土矿有限公司', region: '140829', address: '运城市平陆县曹川镇', principal: '黄永胜', safetyOfficer: '罗斌', sites: [
    op('140829-OP-01', '曹川露天铝土矿', ['bauxite'], 111.37, 34.93, { designCapacity: 45, actualCapacity: 30 }),
  ] },
  { key: 'lq-silver', name: '灵丘县支家地银铅矿业有限公司', region: '140224', address: '大同市灵丘县独峪乡', principal: '胡振宇', safetyOfficer: '萧然', sites: [
    ug('140224-UG-01', '支家地银铅矿', ['silver', 'lead'], 114.35, 39.55, { designCapacity: 20, actualCapacity: 19, depth: 520, peopleUnderground: 31 }),
    pond('140224-TP-01', '支家地尾矿库', 114.37, 39.53, { minerals: ['silver'], damHeight: 58, totalStorage: 760, crestElevation: 1280 }),
  ] },
  { key: 'gl-gypsum', name: '广灵县恒达石膏矿业有限公司', region: '140223', address: '大同市广灵县作疃乡', principal: '曹文', safetyOfficer: '丁建', sites: [
    ug('140223-UG-01', '恒达石膏矿', ['gypsum'], 114.28, 39.76, { designCapacity: 30, actualCapacity: 27, depth: 180, peopleUnderground: 20, miningMethod: '房柱法' }),
  ] },
  { key: 'hy-iron', name: '浑源县大磁窑铁矿有限公司', region: '140225', address: '大同市浑源县大磁窑镇', principal: '邱海涛', safetyOfficer: '袁峰', sites: [
    ug('140225-UG-01', '大磁窑铁矿', ['iron'], 113.63, 39.68, { designCapacity: 9, actualCapacity: 9, depth: 300, peopleUnderground: 14 }),
    pond('140225-TP-01', '大磁窑尾矿库', 113.65, 39.66, { damHeight: 24, totalStorage: 65, crestElevation: 1180, damType: 'downstream' }),
  ] },
  { key: 'lf-limestone', name: '娄烦县汇丰石灰岩矿有限公司', region: '140123', address: '太原市娄烦县静游镇', principal: '申小平', safetyOfficer: '秦朗', sites: [
    op('140123-OP-01', '汇丰石灰岩矿', ['limestone'], 111.81, 38.06, { designCapacity: 100, actualCapacity: 86, status: 'producing' }),
  ] },
  { key: 'gj-iron', name: '古交市狐偃山矿业有限公司', region: '140181', address: '太原市古交市邢家社乡', principal: '程建', safetyOfficer: '邓涛', sites: [
    ug('140181-UG-01', '狐偃山铁矿', ['iron'], 112.05, 37.92, { designCapacity: 15, actualCapacity: 10, depth: 450, peopleUnderground: 25 }),
    pond('140181-TP-01', '狐偃山尾矿库', 112.07, 37.9, { damHeight: 44, totalStorage: 380, crestElevation: 1150, status: 'suspended' }),
  ] },
  { key: 'zq-iron', name: '左权县鸿达矿业有限公司', region: '140722', address: '晋中市左权县麻田镇', principal: '魏宏', safetyOfficer: '蒋军', sites: [
    ug('140722-UG-01', '鸿达铁矿', ['iron'], 113.53, 36.95, { designCapacity: 10, actualCapacity: 7, depth: 280, peopleUnderground: 10 }),
  ] },
  { key: 'yc-limestone', name: '阳城县晋阳建材石料有限公司', region: '140522', address: '晋城市阳城县北留镇', principal: '范国强', safetyOfficer: '陆平', sites: [
    op('140522-OP-01', '北留石灰岩矿', ['limestone'], 112.45, 35.56, { designCapacity: 200, actualCapacity: 170, standardGrade: 3 }),
  ] },
  { key: 'xf-iron', name: '襄汾县塔儿山矿业有限公司', region: '141023', address: '临汾市襄汾县陶寺乡', principal: '柴明', safetyOfficer: '武斌', sites: [
    ug('141023-UG-01', '塔儿山铁矿', ['iron'], 111.55, 35.85, { designCapacity: 12, actualCapacity: 9, depth: 350, peopleUnderground: 19 }),
    pond('141023-TP-01', '塔儿山尾矿库', 111.56, 35.87, { damHeight: 36, totalStorage: 150, crestElevation: 760, residentsDistance: 700, headsUp: true, status: 'awaiting_closure' }),
  ] },
];
