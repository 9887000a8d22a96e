/**
 * What the platform client needs from the network: send one request, get either a complete
 * response or a failure that says whether the request may have reached the platform. The
 * node:http(s) implementation is nodeHttpTransport.ts; tests inject fakes.
 */

export interface TransportRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array | null;
  /** Deadline for the whole exchange: connect, send, and the complete response body. */
  timeoutMs: number;
}

export type TransportFailureCause =
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'network'
  | 'response-too-large';

export type TransportResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Uint8Array }
  | {
      kind: 'failure';
      /**
       * True once the whole request was handed to an established connection: from then on
       * the platform may have processed it even though no complete answer came back.
       */
      sent: boolean;
      cause: TransportFailureCause;
      detail: string;
    };

export interface PlatformTransport {
  send(request: TransportRequest): Promise<TransportResult>;
  /** Closes idle kept-alive connections. */
  close(): void;
}
