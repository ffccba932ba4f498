# azd postdeploy hook (Windows): subscribe the Functions blob extension to BlobCreated events in
# pairs/. Runs after deploy because the webhook URL needs the blobs_extension system key, which
# the host creates only once the app code is running. Needs the Azure CLI, signed in; every call
# names azd's subscription, whatever az's default is.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not (Get-Item "env:$name" -ErrorAction SilentlyContinue)) {
        throw "azd did not set $name; run through azd up or azd deploy."
    }
}

$functionName = 'PairsUploadedEventGrid'
$transient = 'ServiceUnavailable|BadGateway|GatewayTimeout|InternalServerError|host runtime|timed out|temporarily'
Write-Host "Waiting for the blobs_extension key of $env:AZURE_FUNCTION_APP_NAME..."
$key = ''
$lastError = ''
for ($attempt = 1; $attempt -le 12 -and -not $key; $attempt++) {
    $output = az functionapp keys list --subscription $env:AZURE_SUBSCRIPTION_ID -g $env:AZURE_RESOURCE_GROUP `
        -n $env:AZURE_FUNCTION_APP_NAME --query 'systemKeys.blobs_extension' -o tsv 2>&1
    if ($LASTEXITCODE -ne 0) {
        $lastError = ($output | Out-String).Trim()
        # The host answers 5xx while it starts: wait for that. Anything else (sign-in, subscription,
        # permissions, a wrong name) will not fix itself: show what az said and stop.
        if ($lastError -notmatch $transient) {
            throw "az functionapp keys list failed (attempt $attempt): $lastError"
        }
        Write-Host "The app is not answering yet (attempt $attempt): $lastError"
    }
    else {
        $key = ($output | Out-String).Trim()
    }
    if (-not $key) { Start-Sleep -Seconds 10 }
}
if (-not $key) {
    throw "The app has no blobs_extension system key after 2 minutes: check that it started and run 'azd hooks run postdeploy' again. Last az error: $lastError"
}

$endpoint = "https://$($env:AZURE_FUNCTION_APP_NAME).azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"
# The key is part of the endpoint: pass it to az only, never print it (nor az's echo of the request).
$output = az eventgrid system-topic event-subscription create `
    --subscription $env:AZURE_SUBSCRIPTION_ID `
    --name pairs-blob-created `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --system-topic-name $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with /blobServices/default/containers/pairs/ `
    --event-delivery-schema EventGridSchema `
    --max-delivery-attempts 30 `
    --output none 2>&1
if ($LASTEXITCODE -ne 0) {
    $message = ($output | Out-String) -replace 'code=[^&"'' ]*', 'code=***'
    throw "az eventgrid system-topic event-subscription create failed: $message"
}
Write-Host "Event Grid now delivers BlobCreated in pairs/ to $functionName."
