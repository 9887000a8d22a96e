import { describe, expect, it } from 'vitest';
import { knownSamStatuses, samStatusOf } from '../../../../drivers/idcard/samStatus.js';

describe('SW3 status table', () => {
  it.each([
    [0x90, 'success', 'success', '操作成功'],
    [0x91, 'no-content', 'no-content', '证/卡中此项无内容'],
    [0x9f, 'card-found', 'success', '寻找证/卡成功'],
    [0x10, 'checksum-error', 'failure', '接收数据校验和错'],
    [0x11, 'length-error', 'failure', '接收数据长度错'],
    [0x21, 'command-error', 'failure', '接收数据命令错'],
    [0x23, 'unauthorized-operation', 'failure', '越权操作'],
    [0x24, 'unrecognized-error', 'failure', '无法识别的错误'],
    [0x31, 'card-rejected-sam', 'failure', '证/卡认证SAM失败'],
    [0x32, 'sam-rejected-card', 'failure', 'SAM认证证/卡失败'],
    [0x33, 'verification-failed', 'failure', '信息验证错误'],
    [0x40, 'unknown-card-type', 'failure', '无法识别的卡类型'],
    [0x41, 'read-failed', 'failure', '读证/卡操作失败'],
    [0x47, 'get-challenge-failed', 'failure', '取随机数失败'],
    [0x60, 'sam-self-test-failed', 'failure', 'SAM自检失败'],
    [0x66, 'sam-not-authorized', 'failure', 'SAM未经授权'],
    [0x80, 'no-card', 'failure', '寻找证/卡失败'],
    [0x81, 'select-failed', 'failure', '选取证/卡失败'],
  ])('SW3 %s is %s (%s)', (sw3, code, outcome, zh) => {
    const status = samStatusOf(sw3);
    expect(status).toMatchObject({ sw3, code, outcome, message: { 'zh-CN': zh } });
    expect(status.message.en.length).toBeGreaterThan(3);
  });

  it('knows exactly the 18 codes of research §3', () => {
    expect(knownSamStatuses().map((s) => s.sw3).sort((a, b) => a - b)).toEqual(
      [0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81, 0x90, 0x91, 0x9f],
    );
  });

  it('treats an unknown SW3 as a failure that names the code', () => {
    expect(samStatusOf(0x42)).toEqual({ sw3: 0x42, code: 'unknown-status', outcome: 'failure', message: { 'zh-CN': '未知状态码 42', en: 'unknown status code 42' } });
    expect(samStatusOf(0x00).outcome).toBe('failure');
  });
});
