/**
 * The Chinese catalogue is the reference: its keys define MessageKey, and every other
 * catalogue must provide exactly these keys (a missing or extra key fails to compile).
 * Placeholders are written {name} and filled by translate().
 */
export const messagesZhCN = {
  'app.pleaseWait': '请稍候…',

  'toggle.language': 'English',
  'toggle.languageLabel': 'Switch to English',
  'toggle.largeText': '大字',
  'footer.helpPhone': '咨询电话：{phone}',

  'attract.placeIdCard': '请将身份证放在读卡区开始办理',
  'attract.orTouch': '或轻触屏幕开始',
  'attract.servicesHeading': '本机可办理',
  'attract.noServices': '暂无可办理业务',

  'menu.heading': '请选择要办理的业务',
  'menu.unavailable': '暂不可办理',
  'session.exit': '退出',
  'nav.back': '返回',

  'intro.documents': '请准备以下材料',
  'intro.noDocuments': '无需准备其他材料',
  'intro.fees': '收费标准',
  'intro.noFees': '本业务不收费',
  'intro.free': '免费',
  'intro.feeItem': '项目',
  'intro.feeAmount': '金额',
  'intro.start': '开始办理',
  'intro.unavailableHeading': '本业务暂时无法在本机办理',
  'intro.serviceMissing': '该业务暂未开放，请返回选择其他业务。',

  'oos.title': '本机暂停服务',
  'oos.reasonsHeading': '原因',
  'oos.useWindows': '请到人工服务窗口办理。给您带来不便，敬请谅解。',

  'idle.title': '您还在吗？',
  'idle.secondsUnit': '秒',
  'idle.explain': '倒计时结束后将自动退出，并清除您的信息。',
  'idle.continue': '继续办理',
  'idle.finish': '结束',

  'pin.title': '工作人员登录',
  'pin.prompt': '请输入工作人员密码',
  'pin.attemptsLeft': '还可尝试 {count} 次',
  'pin.wrong': '密码错误，请重新输入',
  'pin.locked': '错误次数过多，已锁定。请在 {time} 后重试',
  'pin.clear': '清除',
  'pin.backspace': '删除一位',
  'pin.ok': '确定',
  'pin.cancel': '取消',

  'maint.title': '维护模式',
  'maint.terminalId': '终端编号',
  'maint.status': '状态',
  'maint.inService': '服务中',
  'maint.outOfService': '暂停服务',
  'maint.versions': '版本',
  'maint.dataDirectory': '数据目录',
  'maint.configSources': '配置来源',
  'maint.configProblems': '配置问题',
  'maint.noConfigProblems': '无配置问题',
  'maint.wholeFile': '（整个文件）',
  'maint.colSource': '来源',
  'maint.colField': '字段',
  'maint.colProblem': '问题',
  'maint.devices': '设备',
  'maint.noDevices': '未配置设备',
  'maint.colId': '编号',
  'maint.colKind': '类型',
  'maint.colBinding': '连接',
  'maint.colState': '状态',
  'maint.colFault': '故障',
  'maint.colSimulated': '模拟',
  'maint.simulatedYes': '模拟',
  'maint.simulatedNo': '真实设备',
  'maint.notices': '系统通知',
  'maint.noNotices': '无通知',
  'maint.takeOutOfService': '暂停服务',
  'maint.returnToService': '恢复服务',
  'maint.blockersHeading': '以下问题解决后才能恢复服务：',
  'maint.reset': '重置终端',
  'maint.exit': '退出维护',

  'deviceKind.id-card-reader': '身份证阅读器',
  'deviceKind.receipt-printer': '凭条打印机',
  'deviceKind.payment-code-scanner': '付款码扫描器',
  'deviceKind.card-payment-terminal': '银行卡终端',
  'deviceKind.camera': '摄像头',

  'deviceState.offline': '离线',
  'deviceState.connecting': '连接中',
  'deviceState.ready': '就绪',
  'deviceState.busy': '忙碌',
  'deviceState.fault': '故障',

  'reconnecting.title': '正在重新连接…',
  'reconnecting.body': '请稍候，无需任何操作',

  'error.rejected': '操作未成功，请重试',
  'error.notAllowed': '当前无法进行此操作',
  'error.disconnected': '连接中断，请稍后重试',
} as const;

export type MessageKey = keyof typeof messagesZhCN;
export type MessageCatalogue = Record<MessageKey, string>;
