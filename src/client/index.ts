/**
 * The one module that speaks HTTP to the control plane. Everything else in pai imports from here.
 */
export { ControlPlaneClient, toKindInfo, type ControlPlane, type KindRef } from './control-plane-client.js';
export { ControlPlaneError, ControlPlaneUnreachableError, type ControlPlaneReason, type ErrorBody } from '../resources/errors.js';
export { DEFAULT_RETRY_POLICY, backoffDelayMs, shouldRetry, type RetryPolicy } from '../lib/retry.js';
export { DEFAULT_TIMEOUTS, type Timeouts, type TransportOptions } from './transport.js';
export type * from '../resources/wire.js';
