// What scripts/cluster-test.sh started, as it exported it.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the cluster suite with scripts/cluster-test.sh`);
  return value;
}

export const cluster = {
  /** nginx, both instances behind it. */
  url: required('CLUSTER_URL'),
  /** nginx with the same locations, upstream instance A only / B only. */
  urlOnlyA: required('CLUSTER_URL_A'),
  urlOnlyB: required('CLUSTER_URL_B'),
  /** The instances themselves (health only). */
  apiA: required('CLUSTER_API_A'),
  apiB: required('CLUSTER_API_B'),
  pidA: Number(required('CLUSTER_PID_A')),
  /** nginx's TLS listener (self-signed certificate), both instances behind it: PUBLIC_HOST. */
  publicHost: required('CLUSTER_PUBLIC_HOST'),
  twilioToken: required('CLUSTER_TWILIO_TOKEN'),
  /** RUNBOOK.md step 7's `AgentLocator.Api …` (Production, the server's env file): pass `admin create-business …`. */
  operatorCommand: required('CLUSTER_OPERATOR_COMMAND'),
};
