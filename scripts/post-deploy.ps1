# azd postdeploy hook (Windows): subscribe the Functions blob extension to BlobCreated events in
# pairs/. Runs after deploy because the webhook URL needs the blobs_extension system key, which
# the host creates only once the app code is running. Needs the Azure CLI, signed in.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not (Get-Item "env:$name" -ErrorAction SilentlyContinue)) {
        throw "azd did not set $name; run through azd up or azd deploy."
    }
}

$functionName = 'PairsUploadedEventGrid'
Write-Host "Waiting for the blobs_extension key of $env:AZURE_FUNCTION_APP_NAME..."
$key = ''
for ($attempt = 1; $attempt -le 12 -and -not $key; $attempt++) {
    $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_APP_NAME `
        --query 'systemKeys.blobs_extension' -o tsv 2>$null
    if (-not $key) { Start-Sleep -Seconds 10 }
}
if (-not $key) {
    throw "The app has no blobs_extension system key yet: check that it started and run 'azd hooks run postdeploy' again."
}

$endpoint = "https://$($env:AZURE_FUNCTION_APP_NAME).azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"
# The key is part of the endpoint: pass it to az only, never print it.
az eventgrid system-topic event-subscription create `
    --name pairs-blob-created `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --system-topic-name $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with /blobServices/default/containers/pairs/ `
    --event-delivery-schema EventGridSchema `
    --max-delivery-attempts 30 `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'az eventgrid system-topic event-subscription create failed.' }
Write-Host "Event Grid now delivers BlobCreated in pairs/ to $functionName."
