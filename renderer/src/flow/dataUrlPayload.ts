/**
 * The base64 payload of a `data:<type>;base64,` URL (what canvas.toDataURL gives) when it is
 * of that type and within the bridge contract's length limits; null otherwise, e.g. when the
 * browser fell back to another format.
 */
export function base64Payload(dataUrl: string, type: string, limits: { min: number; max: number }): string | null {
  const prefix = `data:${type};base64,`;
  if (!dataUrl.startsWith(prefix)) return null;
  const payload = dataUrl.slice(prefix.length);
  if (payload.length < limits.min || payload.length > limits.max) return null;
  return /^[A-Za-z0-9+/]*={0,2}$/.test(payload) ? payload : null;
}
