import type { ExposureBatch, ExposureCount } from "./exposure-aggregate.js";

/** What the reporter knows about itself when it encodes a batch. */
export interface ReporterInfo {
  /** Random id of this reporter (one per page load or process). */
  reporterId: string;
  /** Exposures this reporter has dropped so far (monotonic), so a receiver can see loss. */
  droppedTotal: number;
}

/** How batches are written on the wire; the default is `jsonExposureFormat`. */
export interface ExposureFormat {
  /** Sent as Content-Type (and as the beacon Blob type). */
  contentType: string;
  /** Serialises one batch. */
  encode(batch: ExposureBatch, info: ReporterInfo): string;
  /** Whether a response status is worth retrying (default: 408, 429 and 5xx). */
  isRetryable?(status: number): boolean;
}

/** The body of one POST in the default JSON format (`format: "victor-flags.exposures/v1"`). */
export interface ExposurePayload {
  format: "victor-flags.exposures/v1";
  reporterId: string;
  batchId: string;
  /** ISO 8601 start and end of the window the counts cover. */
  windowStart: string;
  windowEnd: string;
  droppedTotal: number;
  exposures: ExposureCount[];
}

/**
 * The default wire format: one JSON object per batch. Sent as `text/plain` so a beacon or a
 * cross-origin POST needs no CORS preflight; the receiver parses the body as JSON regardless.
 */
export const jsonExposureFormat: ExposureFormat = {
  contentType: "text/plain;charset=UTF-8",
  encode(batch, info) {
    const payload: ExposurePayload = {
      format: "victor-flags.exposures/v1",
      reporterId: info.reporterId,
      batchId: batch.id,
      windowStart: new Date(batch.windowStart).toISOString(),
      windowEnd: new Date(batch.windowEnd).toISOString(),
      droppedTotal: info.droppedTotal,
      exposures: batch.exposures,
    };
    return JSON.stringify(payload);
  },
};

/** The default retry rule: timeouts (408), rate limits (429) and server errors (5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
