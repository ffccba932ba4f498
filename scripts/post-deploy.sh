#!/bin/sh
# azd postdeploy hook: subscribe the Functions blob extension to BlobCreated events in pairs/.
# It runs after deploy because the webhook URL needs the blobs_extension system key, which the
# host creates only once the app code is running. Needs the Azure CLI, signed in (azd does not
# pass its token to az); every call names azd's subscription, whatever az's default is.
# PAIRTUNER_HOOK_WAIT_SECONDS: seconds between polls for the key (default 10).
set -eu

: "${AZURE_SUBSCRIPTION_ID:?azd did not set AZURE_SUBSCRIPTION_ID; run through azd up/deploy}"
: "${AZURE_RESOURCE_GROUP:?azd did not set AZURE_RESOURCE_GROUP; run through azd up/deploy}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"

function_name="PairsUploadedEventGrid"
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

echo "Waiting for the blobs_extension key of ${AZURE_FUNCTION_APP_NAME}..."
key=""
for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
  if key=$(az functionapp keys list --subscription "$AZURE_SUBSCRIPTION_ID" -g "$AZURE_RESOURCE_GROUP" \
      -n "$AZURE_FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" -o tsv 2>"$errors"); then
    [ -n "$key" ] && break
  else
    # The host answers 5xx while it starts: wait for that. Anything else (sign-in, subscription,
    # permissions, a wrong name) will not fix itself: show what az said and stop.
    if ! grep -qiE 'ServiceUnavailable|BadGateway|GatewayTimeout|InternalServerError|host runtime|timed out|temporarily' "$errors"; then
      echo "az functionapp keys list failed (attempt $attempt):" >&2
      cat "$errors" >&2
      exit 1
    fi
    echo "The app is not answering yet (attempt $attempt): $(head -c 300 "$errors")" >&2
  fi
  sleep "${PAIRTUNER_HOOK_WAIT_SECONDS:-10}"
done
if [ -z "$key" ]; then
  echo "The app has no blobs_extension system key after 2 minutes: check that it started (az functionapp log deployment show) and run 'azd hooks run postdeploy' again." >&2
  [ -s "$errors" ] && { echo "Last az error:" >&2; cat "$errors" >&2; }
  exit 1
fi

endpoint="https://${AZURE_FUNCTION_APP_NAME}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"
# The key is part of the endpoint: pass it to az only, never print it (nor az's echo of the request).
if ! az eventgrid system-topic event-subscription create \
  --subscription "$AZURE_SUBSCRIPTION_ID" \
  --name pairs-blob-created \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/pairs/ \
  --event-delivery-schema EventGridSchema \
  --max-delivery-attempts 30 \
  --output none 2>"$errors"; then
  echo "az eventgrid system-topic event-subscription create failed:" >&2
  sed "s/code=[^&\"' ]*/code=***/g" "$errors" >&2
  exit 1
fi
echo "Event Grid now delivers BlobCreated in pairs/ to ${function_name}."
