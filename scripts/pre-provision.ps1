# azd preprovision hook (Windows): warn before provisioning when AZURE_LOCATION has no serverless
# GPU of the chosen type (PAIRTUNER_TRAINER_GPU) or no Flex Consumption. Warnings only:
# infra/regions.txt is a dated list, and Azure's answer wins.
$ErrorActionPreference = 'Stop'

$location = ("$env:AZURE_LOCATION" -replace '\s', '').ToLowerInvariant()
$gpu = if ($env:PAIRTUNER_TRAINER_GPU) { $env:PAIRTUNER_TRAINER_GPU } else { 'T4' }
$regionsFile = Join-Path $PSScriptRoot '..' 'infra' 'regions.txt'

if (-not $location) {
    Write-Warning 'pre-provision: AZURE_LOCATION is not set; azd will ask for it.'
    exit 0
}

if ($gpu -notin 'T4', 'A100', 'none') {
    Write-Error "PAIRTUNER_TRAINER_GPU is '$gpu'; use T4, A100 or none."
    exit 1
}

if ($gpu -ne 'none') {
    $regions = Get-Content $regionsFile | Where-Object { $_ -and -not $_.StartsWith('#') } | ForEach-Object {
        $fields = -split $_
        [pscustomobject]@{ Region = $fields[0]; Gpus = $fields[1..($fields.Count - 1)] }
    }
    $here = $regions | Where-Object Region -eq $location
    if (-not $here -or $gpu -notin $here.Gpus) {
        $listed = ($regions | Where-Object { $gpu -in $_.Gpus } | ForEach-Object Region) -join ' '
        Write-Warning "$location has no serverless $gpu GPU for Container Apps (infra/regions.txt lists: $listed). The trainer job will not start there; choose one of those regions (azd env set AZURE_LOCATION ...) or train on CPU (azd env set PAIRTUNER_TRAINER_GPU none)."
    }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Write-Warning "pre-provision: Azure CLI not found, so Flex Consumption in $location was not checked (az functionapp list-flexconsumption-locations)."
    exit 0
}
$subscription = if ($env:AZURE_SUBSCRIPTION_ID) { @('--subscription', $env:AZURE_SUBSCRIPTION_ID) } else { @() }
$flex = az functionapp list-flexconsumption-locations @subscription --query '[].name' -o tsv 2>&1
if ($LASTEXITCODE -ne 0) {
    Write-Warning "pre-provision: could not ask Azure where Flex Consumption runs (az said: $flex)."
    exit 0
}
$flexRegions = @($flex | ForEach-Object { ("$_" -replace '\s', '').ToLowerInvariant() })
if ($location -notin $flexRegions) {
    Write-Warning "$location does not offer Flex Consumption, the Function App's plan; provisioning will fail there. Regions that do: $($flexRegions -join ' ')"
}
