import type { DeviceBinding, DeviceConfig } from '../../config/terminalConfigSchema.js';
import { IdCardReader } from '../idcard/reader/idCardReader.js';
import { IdCardReaderSimulator } from '../idcard/simulator/idCardReaderSimulator.js';
import { syntheticResidentCard } from '../idcard/simulator/simulatedCard.js';
import { bindingLabel } from '../model/bindingLabel.js';
import type { Device } from '../model/device.js';
import { CardPaymentTerminal } from '../payment/ecr/cardPaymentTerminal.js';
import { SimulatedCardPaymentTerminal } from '../payment/ecr/simulatedCardPaymentTerminal.js';
import { PaymentCodeScanner, type ScannerWire } from '../payment/scanner/paymentCodeScanner.js';
import { SimulatedPaymentCodeScanner } from '../payment/scanner/simulatedPaymentCodeScanner.js';
import { PermitReader } from '../permit/reader/permitReader.js';
import { SimulatedPermitReader } from '../permit/simulator/simulatedPermitReader.js';
import { InMemoryPrintJournal } from '../printer/device/inMemoryPrintJournal.js';
import type { PrintJournal } from '../printer/device/printJournal.js';
import { ReceiptPrinter } from '../printer/device/receiptPrinter.js';
import { ReceiptPrinterSimulator } from '../printer/simulator/receiptPrinterSimulator.js';
import type { ByteTransport } from '../transport/byteTransport.js';
import { HidTransport } from '../transport/hidTransport.js';
import { createInMemoryTransportPair } from '../transport/inMemoryTransportPair.js';
import { SerialTransport } from '../transport/serialTransport.js';
import { UsbBulkTransport } from '../transport/usbBulkTransport.js';
import { RendererCamera } from './rendererCamera.js';
import { UnsupportedBindingDevice } from './unsupportedBindingDevice.js';

/** The simulators behind `simulated` bindings, by device id, for tests, demos and staff training. */
export interface DeviceSimulators {
  idCardReaders: Map<string, IdCardReaderSimulator>;
  printers: Map<string, ReceiptPrinterSimulator>;
  scanners: Map<string, SimulatedPaymentCodeScanner>;
  cardTerminals: Map<string, SimulatedCardPaymentTerminal>;
  permitReaders: Map<string, SimulatedPermitReader>;
  /** The simulated cable of every simulated device, for unplug/replug on command. */
  links: Map<string, SimulatedLink>;
}

export interface SimulatedLink {
  unplug(): void;
  replug(): void;
}

export function emptyDeviceSimulators(): DeviceSimulators {
  return { idCardReaders: new Map(), printers: new Map(), scanners: new Map(), cardTerminals: new Map(), permitReaders: new Map(), links: new Map() };
}

export interface ConfiguredDevices {
  devices: Device[];
  simulators: DeviceSimulators;
}

const HID_POS_VENDORS: Record<string, 'honeywell' | 'newland'> = { '0c2e': 'honeywell', '1eab': 'newland' };

/**
 * Builds a driver for every configured device. `simulated` bindings get the real driver on
 * an in-memory link to a simulator that speaks the device's wire protocol byte for byte;
 * serial, USB and HID bindings get the real driver on the real transport. Combinations this
 * build cannot drive report why as a fault, never a crash.
 */
export async function createConfiguredDevices(
  configs: DeviceConfig[],
  options: { printJournal?: PrintJournal } = {},
): Promise<ConfiguredDevices> {
  const simulators = emptyDeviceSimulators();
  const devices: Device[] = [];
  for (const config of configs) {
    devices.push(await createDevice(config, simulators, options.printJournal ?? new InMemoryPrintJournal()));
  }
  return { devices, simulators };
}

async function createDevice(config: DeviceConfig, simulators: DeviceSimulators, journal: PrintJournal): Promise<Device> {
  const { id, kind, binding } = config;
  const simulated = binding.transport === 'simulated';
  const label = bindingLabel(binding);
  switch (kind) {
    case 'id-card-reader': {
      if (simulated) {
        const pair = simulatedLink(id, simulators);
        const simulator = new IdCardReaderSimulator(pair.device);
        simulator.placeCard(syntheticResidentCard());
        simulator.removeCard();
        await simulator.start();
        simulators.idCardReaders.set(id, simulator);
        return new IdCardReader({ id, transport: pair.host, binding: label, simulated: true });
      }
      const transport = binding.transport === 'serial' ? serial(binding) : binding.transport === 'usb' ? usbBulk(binding) : null;
      if (!transport) return unsupported(config, label, 'ID-card readers attach over serial or USB bulk', '身份证阅读器须通过串口或 USB 连接');
      return new IdCardReader({ id, transport, binding: label, simulated: false, baudRate: binding.transport === 'serial' ? binding.baudRate : undefined });
    }
    case 'receipt-printer': {
      if (simulated) {
        const pair = simulatedLink(id, simulators);
        const simulator = new ReceiptPrinterSimulator(pair.device);
        await simulator.start();
        simulators.printers.set(id, simulator);
        return new ReceiptPrinter({ id, transport: pair.host, journal, binding: label, simulated: true });
      }
      if (binding.transport !== 'serial') return unsupported(config, label, 'receipt printers attach over serial in this version', '本版本的凭条打印机须通过串口连接');
      return new ReceiptPrinter({ id, transport: serial(binding), journal, binding: label, simulated: false });
    }
    case 'payment-code-scanner': {
      if (simulated) {
        const pair = simulatedLink(id, simulators);
        const wire: ScannerWire = { type: 'hid-pos', vendor: 'newland' };
        const simulator = new SimulatedPaymentCodeScanner(pair.device, wire);
        await simulator.open();
        simulators.scanners.set(id, simulator);
        return new PaymentCodeScanner({ id, transport: pair.host, wire, binding: label, simulated: true });
      }
      if (binding.transport === 'serial') {
        return new PaymentCodeScanner({ id, transport: serial(binding), wire: { type: 'serial', suffix: 'CR' }, binding: label });
      }
      if (binding.transport === 'hid') {
        const vendor = HID_POS_VENDORS[binding.vendorId];
        if (!vendor) return unsupported(config, label, `no HID-POS report layout known for vendor ${binding.vendorId}`, `未知厂商 ${binding.vendorId} 的 HID-POS 报文格式`);
        const transport = new HidTransport({ vendorId: hex(binding.vendorId), productId: hex(binding.productId), usagePage: 0x8c });
        return new PaymentCodeScanner({ id, transport, wire: { type: 'hid-pos', vendor }, binding: label });
      }
      return unsupported(config, label, 'payment-code scanners attach over HID or serial', '扫码器须通过 HID 或串口连接');
    }
    case 'card-payment-terminal': {
      if (simulated) {
        const pair = simulatedLink(id, simulators);
        const simulator = new SimulatedCardPaymentTerminal(pair.device);
        await simulator.open();
        simulators.cardTerminals.set(id, simulator);
        return new CardPaymentTerminal({ id, transport: pair.host, binding: label, simulated: true });
      }
      if (binding.transport !== 'serial') return unsupported(config, label, 'card terminals attach over serial (ECR)', '银行卡终端须通过串口连接');
      return new CardPaymentTerminal({ id, transport: serial(binding), binding: label });
    }
    case 'camera':
      return new RendererCamera(id, simulated);
    case 'permit-reader': {
      if (simulated) {
        const pair = simulatedLink(id, simulators);
        const simulator = new SimulatedPermitReader(pair.device);
        await simulator.start();
        simulators.permitReaders.set(id, simulator);
        return new PermitReader({ id, transport: pair.host, binding: label, simulated: true });
      }
      if (binding.transport !== 'serial') return unsupported(config, label, 'permit readers attach over serial (text mode) in this version', '本版本的通行证识读器须通过串口（文本模式）连接');
      return new PermitReader({ id, transport: serial(binding), binding: label });
    }
  }
}

function simulatedLink(id: string, simulators: DeviceSimulators): ReturnType<typeof createInMemoryTransportPair> {
  const pair = createInMemoryTransportPair(`simulated ${id}`);
  // Replugging powers the simulated device up again: its end of the cable opens by itself.
  simulators.links.set(id, { unplug: pair.unplug, replug: () => (pair.replug(), void pair.device.open()) });
  return pair;
}

function serial(binding: Extract<DeviceBinding, { transport: 'serial' }>): ByteTransport {
  return new SerialTransport({ path: binding.path, baudRate: binding.baudRate });
}

function usbBulk(binding: Extract<DeviceBinding, { transport: 'usb' }>): ByteTransport {
  return new UsbBulkTransport({ vendorId: hex(binding.vendorId), productId: hex(binding.productId) });
}

function hex(id: string): number {
  return Number.parseInt(id, 16);
}

function unsupported(config: DeviceConfig, label: string, en: string, zh: string): Device {
  return new UnsupportedBindingDevice(config.id, config.kind, label, { 'zh-CN': zh, en });
}
