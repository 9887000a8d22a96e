import type { LocalizedText } from '../../../config/localizedText.js';
import type { ServiceKind } from '../../../config/terminalConfigSchema.js';

/**
 * Which service kinds have a flow installed in this build. The citizen flows (endorsement,
 * property transfer) plug in here; until they do, the menu offers the service's information
 * and says plainly that it must be done at a staffed window.
 */
export const installedFlows: ReadonlySet<ServiceKind> = new Set<ServiceKind>();

export const flowNotInstalledReason: LocalizedText = {
  'zh-CN': '本机暂不能办理此项业务，请到人工窗口办理',
  en: 'This terminal cannot complete this service yet. Please go to a staffed window.',
};
