#!/bin/sh
# azd postdeploy hook: subscribe the Functions blob extension to BlobCreated events in pairs/.
# It runs after deploy because the webhook URL needs the blobs_extension system key, which the
# host creates only once the app code is running. Needs the Azure CLI, signed in (azd does not
# pass its token to az).
set -eu

: "${AZURE_RESOURCE_GROUP:?azd did not set AZURE_RESOURCE_GROUP; run through azd up/deploy}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"

function_name="PairsUploadedEventGrid"
echo "Waiting for the blobs_extension key of ${AZURE_FUNCTION_APP_NAME}..."
key=""
for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  sleep 10
done
if [ -z "$key" ]; then
  echo "The app has no blobs_extension system key yet: check that it started (az functionapp log) and run 'azd hooks run postdeploy' again." >&2
  exit 1
fi

endpoint="https://${AZURE_FUNCTION_APP_NAME}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"
# The key is part of the endpoint: pass it to az only, never print it.
az eventgrid system-topic event-subscription create \
  --name pairs-blob-created \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/pairs/ \
  --event-delivery-schema EventGridSchema \
  --max-delivery-attempts 30 \
  --output none
echo "Event Grid now delivers BlobCreated in pairs/ to ${function_name}."
