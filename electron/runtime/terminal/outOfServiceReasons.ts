import type { Language } from '../../../config/localizedText.js';
import { formatConfigProblem, type ConfigProblem } from '../../../config/configProblem.js';

export interface AvailabilityInputs {
  manualOutOfService: boolean;
  configProblems: ConfigProblem[];
  withinOperatingHours: boolean;
  operatingHours: { start: string; end: string };
}

/**
 * Why the terminal is not serving citizens, in the UI language; empty means in service.
 * Config problems are listed in full: they carry no personal data and tell staff what to fix.
 */
export function outOfServiceReasons(inputs: AvailabilityInputs, language: Language): string[] {
  const zh = language === 'zh-CN';
  const reasons: string[] = [];
  if (inputs.configProblems.length > 0) {
    reasons.push(zh ? '终端配置文件有误，请工作人员处理：' : 'The terminal configuration has errors for staff to fix:');
    reasons.push(...inputs.configProblems.map(formatConfigProblem));
  }
  if (inputs.manualOutOfService) {
    reasons.push(zh ? '工作人员已暂停本机服务' : 'Hall staff have taken this terminal out of service');
  }
  if (!inputs.withinOperatingHours) {
    const { start, end } = inputs.operatingHours;
    reasons.push(zh ? `本机服务时间 ${start}–${end}` : `Service hours are ${start}–${end}`);
  }
  return reasons;
}
