/**
 * The columns of the go-live import of cases (CSV, header row): each by its Chinese header (as agencies'
 * spreadsheets have them) or its English key. Documented in intake/README.md and shown on the import page.
 */

export type ImportKey =
  | 'legacyNo'
  | 'channel'
  | 'applicantKind'
  | 'name'
  | 'idKind'
  | 'idNumber'
  | 'creditCode'
  | 'phone'
  | 'email'
  | 'address'
  | 'infoTitle'
  | 'infoDocNo'
  | 'infoDescription'
  | 'arrivedOn'
  | 'receivedOn'
  | 'handler'
  | 'correctionRequestedOn'
  | 'correctionDeadline'
  | 'correctionReceivedOn'
  | 'consultationAddressee'
  | 'consultationSentOn'
  | 'consultationReachedOn'
  | 'consultationAnsweredOn'
  | 'extensionApprovedOn'
  | 'extensionNotifiedOn'
  | 'extensionWorkdays'
  | 'feeNoticeSentOn'
  | 'feeNoticeReceivedOn'
  | 'feeMode'
  | 'feeAmount'
  | 'feePaidOn'
  | 'outcome'
  | 'closedOn';

export interface ImportColumn {
  label: string;
  hint: string;
  required?: true;
  /** The applicant's personal data: encrypted on import, never repeated in a message. */
  personal?: true;
}

export const IMPORT_COLUMNS: Record<ImportKey, ImportColumn> = {
  legacyNo: {
    label: '原申请编号',
    required: true,
    hint: '原系统的申请编号，同一单位内不得重复（再次导入同一编号会被拒绝）',
  },
  channel: {
    label: '申请渠道',
    required: true,
    hint: '网上申请、电子邮件、当面提交、信函（挂号信、快递等需签收）、信函（平信）、传真、口头申请（也可写：网上、当面、挂号信、平信等）',
  },
  applicantKind: {
    label: '申请人类型',
    required: true,
    hint: '自然人（公民）、商业企业、科研机构、社会公益组织、法律服务机构、其他',
  },
  name: { label: '申请人姓名或名称', required: true, personal: true, hint: '加密保存' },
  idKind: { label: '证件类型', hint: '居民身份证、护照等；填写了证件号码而未填证件类型的，按居民身份证校验' },
  idNumber: { label: '证件号码', personal: true, hint: '加密保存；居民身份证号码校验校验码' },
  creditCode: { label: '统一社会信用代码', personal: true, hint: '法人或其他组织；加密保存，校验校验码' },
  phone: {
    label: '联系电话',
    personal: true,
    hint: '手机或固定电话；联系电话、电子邮箱、通信地址至少填写一项',
  },
  email: { label: '电子邮箱', personal: true, hint: '加密保存' },
  address: { label: '通信地址', personal: true, hint: '加密保存' },
  infoTitle: { label: '所需信息名称', hint: '' },
  infoDocNo: { label: '所需信息文号', hint: '' },
  infoDescription: { label: '所需信息描述', required: true, hint: '不超过2000字' },
  arrivedOn: {
    label: '收到日期',
    required: true,
    hint: '申请到达本机关之日。日期可写作2026-03-02、2026/3/2或2026年3月2日',
  },
  receivedOn: {
    label: '收到申请之日',
    hint: '第三十一条的收到申请之日（答复期限由此起算）；当面、口头、需签收信函可不填（即收到日期），网上、电子邮件、平信、传真须填写双方确认之日',
  },
  handler: { label: '承办人', hint: '本单位依申请办理人员的用户名；不填的，导入后为“已受理待分办”' },
  correctionRequestedOn: { label: '补正告知日期', hint: '发出补正告知书之日' },
  correctionDeadline: {
    label: '补正期限',
    hint: '补正告知书给申请人的最后期限；不填按本单位设置（默认15个工作日）',
  },
  correctionReceivedOn: { label: '收到补正日期', hint: '收到补正后的申请之日（答复期限自该日重新起算）' },
  consultationAddressee: { label: '征求意见对象', hint: '第三方或其他机关（默认第三方）' },
  consultationSentOn: { label: '征求意见发出日期', hint: '' },
  consultationReachedOn: { label: '征求意见送达日期', hint: '征求意见书送达被征求意见方之日' },
  consultationAnsweredOn: { label: '收到意见日期', hint: '' },
  extensionApprovedOn: { label: '延期批准日期', hint: '不填即为延期告知日期' },
  extensionNotifiedOn: { label: '延期告知日期', hint: '告知申请人延期之日' },
  extensionWorkdays: { label: '延长工作日数', hint: '1至20，默认20' },
  feeNoticeSentOn: { label: '收费通知日期', hint: '发出收费通知之日' },
  feeNoticeReceivedOn: { label: '收费通知送达日期', hint: '申请人收到收费通知之日' },
  feeMode: { label: '计收方式', hint: '按件或按量（默认按件）' },
  feeAmount: { label: '收费金额（元）', hint: '有收费通知的必填，整数' },
  feePaidOn: { label: '缴费日期', hint: '' },
  outcome: {
    label: '办理结果',
    hint: '已办结的填写：予以公开、部分公开、不予公开（属于国家秘密）等表三各项，或“申请人撤回”“逾期不补正”“逾期未缴费”；办理中的不填',
  },
  closedOn: { label: '办结日期', hint: '答复或撤回之日；逾期不补正、逾期未缴费的按期限自动计算，可不填' },
};

export const IMPORT_KEYS = Object.keys(IMPORT_COLUMNS) as ImportKey[];
export const REQUIRED_IMPORT_KEYS = IMPORT_KEYS.filter((k) => IMPORT_COLUMNS[k].required);
