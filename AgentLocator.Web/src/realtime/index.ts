// The real-time module's public surface; features import from here.

export { RealtimeProvider, useRealtime } from './RealtimeProvider';
export {
  useConnectionState,
  useHubEvent,
  useHubInvoke,
  useHubSubscription,
  useOnReconnected,
  type HubSubscriptionStatus,
} from './hooks';
export { ConnectionStatus } from './ConnectionStatus';
export { HubEvents, HubMethods } from './events';
export {
  FEATURE_DISABLED_PREFIX,
  isFeatureDisabledHubError,
  RealtimeUnavailableError,
  type ConnectionState,
  type HubEventHandler,
  type RealtimeClient,
} from './realtimeClient';
