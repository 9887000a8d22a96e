import type { LocalizedText } from '../../config/localizedText.js';
import type { DeviceKind } from '../model/deviceStatus.js';
import type { SimulatorAction } from './simulatorActionSchema.js';

export interface TrainingAction {
  label: LocalizedText;
  action: SimulatorAction;
}

const common: TrainingAction[] = [
  { label: { 'zh-CN': '拔出设备', en: 'Unplug' }, action: { action: 'unplug' } },
  { label: { 'zh-CN': '插回设备', en: 'Plug back in' }, action: { action: 'replug' } },
];

/**
 * The buttons the maintenance screen offers per simulated device, for staff training and
 * demos: what a citizen or the hardware does, and every fault the simulators take.
 */
export const SIMULATOR_TRAINING_ACTIONS: Readonly<Partial<Record<DeviceKind, readonly TrainingAction[]>>> = {
  'id-card-reader': [
    { label: { 'zh-CN': '放上测试身份证', en: 'Place the test ID card' }, action: { action: 'idcard.place-card' } },
    { label: { 'zh-CN': '拿走身份证', en: 'Take the card away' }, action: { action: 'idcard.remove-card' } },
    { label: { 'zh-CN': '读卡中移开证件', en: 'Card moved during the read' }, action: { action: 'idcard.fault', fault: 'card-removed-mid-read' } },
    { label: { 'zh-CN': '下一帧校验错误', en: 'Next reply: bad checksum' }, action: { action: 'idcard.fault', fault: 'bad-checksum' } },
    { label: { 'zh-CN': '下一帧前有乱码', en: 'Next reply: line noise' }, action: { action: 'idcard.fault', fault: 'garbage' } },
    { label: { 'zh-CN': '下一条指令无响应', en: 'Next command: no answer' }, action: { action: 'idcard.fault', fault: 'silence' } },
    { label: { 'zh-CN': '安全模块故障', en: 'SAM fails its self-test' }, action: { action: 'idcard.sam-failure', on: true } },
    { label: { 'zh-CN': '安全模块恢复', en: 'SAM recovers' }, action: { action: 'idcard.sam-failure', on: false } },
    ...common,
  ],
  'receipt-printer': [
    { label: { 'zh-CN': '纸将尽', en: 'Paper near end' }, action: { action: 'printer.paper-near-end', on: true } },
    { label: { 'zh-CN': '缺纸', en: 'Paper out' }, action: { action: 'printer.paper-end', on: true } },
    { label: { 'zh-CN': '打印中缺纸', en: 'Paper runs out mid-job' }, action: { action: 'printer.paper-out-mid-job' } },
    { label: { 'zh-CN': '换上新纸卷', en: 'Load a new roll' }, action: { action: 'printer.paper-end', on: false } },
    { label: { 'zh-CN': '打开上盖', en: 'Open the cover' }, action: { action: 'printer.cover-open', on: true } },
    { label: { 'zh-CN': '合上上盖', en: 'Close the cover' }, action: { action: 'printer.cover-open', on: false } },
    { label: { 'zh-CN': '下次切纸卡刀', en: 'Cutter jams on the next cut' }, action: { action: 'printer.cutter-jam' } },
    { label: { 'zh-CN': '清除卡刀', en: 'Clear the cutter' }, action: { action: 'printer.cutter-cleared' } },
    { label: { 'zh-CN': '打印机无响应', en: 'Printer hangs' }, action: { action: 'printer.silent', on: true } },
    { label: { 'zh-CN': '打印机恢复响应', en: 'Printer answers again' }, action: { action: 'printer.silent', on: false } },
    ...common,
  ],
  'payment-code-scanner': [
    { label: { 'zh-CN': '出示微信付款码', en: 'Show a WeChat Pay code' }, action: { action: 'scanner.present-code', wallet: 'wechat' } },
    { label: { 'zh-CN': '出示支付宝付款码', en: 'Show an Alipay code' }, action: { action: 'scanner.present-code', wallet: 'alipay' } },
    { label: { 'zh-CN': '出示云闪付付款码', en: 'Show a UnionPay code' }, action: { action: 'scanner.present-code', wallet: 'unionpay' } },
    { label: { 'zh-CN': '扫码噪声', en: 'Scanner noise' }, action: { action: 'scanner.noise' } },
    { label: { 'zh-CN': '无法识别的码', en: 'Unreadable code' }, action: { action: 'scanner.unreadable' } },
    ...common,
  ],
  'permit-reader': [
    { label: { 'zh-CN': '放上测试港澳通行证', en: 'Place the test HK/Macau permit' }, action: { action: 'permit.present', document: 'hk-macau-permit' } },
    { label: { 'zh-CN': '放上测试台湾通行证', en: 'Place the test Taiwan permit' }, action: { action: 'permit.present', document: 'taiwan-permit' } },
    { label: { 'zh-CN': '下次识读出生日期校验错', en: 'Next read: birth-date check fails' }, action: { action: 'permit.misread', check: 'birth-date' } },
    { label: { 'zh-CN': '识读噪声', en: 'Reader noise' }, action: { action: 'permit.noise' } },
    ...common,
  ],
  'card-payment-terminal': [
    { label: { 'zh-CN': '交易批准', en: 'Approve payments' }, action: { action: 'card-terminal.behaviour', behaviour: 'approve' } },
    { label: { 'zh-CN': '交易拒绝', en: 'Decline payments' }, action: { action: 'card-terminal.behaviour', behaviour: 'decline' } },
    { label: { 'zh-CN': '持卡人取消', en: 'Cardholder cancels' }, action: { action: 'card-terminal.behaviour', behaviour: 'cancel' } },
    { label: { 'zh-CN': '批准后无响应', en: 'Silent after approving' }, action: { action: 'card-terminal.behaviour', behaviour: 'approve-then-silent' } },
    { label: { 'zh-CN': '终端无响应', en: 'Terminal silent' }, action: { action: 'card-terminal.behaviour', behaviour: 'silent' } },
    { label: { 'zh-CN': '下一帧校验错误', en: 'Next answer corrupted' }, action: { action: 'card-terminal.corrupt-next' } },
    ...common,
  ],
};
