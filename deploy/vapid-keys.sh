#!/usr/bin/env bash
# Prints a new Web Push (VAPID) key pair as the two lines agentlocator.env takes. Needs openssl.
# The API checks at start-up that the two are a pair. Generate once: a new pair invalidates every browser subscription.
set -euo pipefail
pem=$(mktemp)
trap 'rm -f "$pem"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$pem"
base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# SEC1 DER: 7 header bytes, then the 32-byte private scalar. SubjectPublicKeyInfo DER ends with the 65-byte point.
echo "VAPID_PRIVATE_KEY=$(openssl ec -in "$pem" -outform DER 2>/dev/null | tail -c +8 | head -c 32 | base64url)"
echo "VAPID_PUBLIC_KEY=$(openssl ec -in "$pem" -pubout -outform DER 2>/dev/null | tail -c 65 | base64url)"
