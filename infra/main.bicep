metadata description = 'PairTuner on Azure: Functions (Flex Consumption) orchestrating fine-tuning runs, a GPU Container Apps job as the trainer, one storage account, monitoring. Deployed by `azd up`.'

targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name the resource group and derive resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. Serverless GPUs exist in a few regions only (see README, Deploy to Azure).')
param location string

@description('Object id of the person or pipeline running azd; gets blob access to upload pairs and read results. Empty to skip.')
param principalId string = ''

@description('Principal type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('The trainer\'s hardware, and the one setting for it (azd env PAIRTUNER_TRAINER_GPU): T4 (default), A100, or none for subscriptions without GPU quota (trains on CPU, slowly). It picks the workload profile, the torch backend the trainer image is built with (output TRAINER_TORCH_BACKEND, read by azure.yaml) and the runs\' default device.')
@allowed([
  'T4'
  'A100'
  'none'
])
param trainerGpu string = 'T4'

@description('The trainer image azd deployed last (SERVICE_TRAINER_IMAGE_NAME), so that provisioning again keeps it. Empty before the first deploy: a public placeholder stands in.')
param trainerImage string = ''

@description('Seconds one trainer execution may run.')
@minValue(600)
@maxValue(86400)
param trainerReplicaTimeoutSeconds int = 86400

@description('Platform retries of a failed trainer replica (the workflow itself relaunches with resume).')
@minValue(0)
@maxValue(10)
param trainerReplicaRetryLimit int = 0

var tags = {
  'azd-env-name': environmentName
  app: 'pairtuner'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-pairtuner-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// Everything that follows from the trainer's hardware, in one table so that it cannot disagree:
// the workload profile, the container's size (T4 profiles have 8 vCPU / 56 GiB, A100 24 vCPU /
// 220 GiB), the device runs default to, and the libtorch the image carries.
var consumptionProfile = {
  name: 'Consumption'
  workloadProfileType: 'Consumption'
}
var trainerHardware = {
  T4: {
    workloadProfile: {
      name: 'gpu-t4'
      workloadProfileType: 'Consumption-GPU-NC8as-T4'
    }
    cpu: '8'
    memory: '56Gi'
    device: 'cuda'
    torchBackend: 'cuda'
  }
  A100: {
    workloadProfile: {
      name: 'gpu-a100'
      workloadProfileType: 'Consumption-GPU-NC24-A100'
    }
    cpu: '24'
    memory: '220Gi'
    device: 'cuda'
    torchBackend: 'cuda'
  }
  none: {
    workloadProfile: consumptionProfile
    cpu: '4'
    memory: '8Gi'
    device: 'cpu'
    torchBackend: 'cpu'
  }
}
var trainer = trainerHardware[trainerGpu]

// Until azd deploys the trainer, a public image keeps the job valid.
var trainerPlaceholderImage = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module functionIdentity 'core/identity/user-assigned-identity.bicep' = {
  name: 'function-identity'
  scope: rg
  params: {
    name: 'id-func-${resourceToken}'
    location: location
    tags: tags
  }
}

module trainerIdentity 'core/identity/user-assigned-identity.bicep' = {
  name: 'trainer-identity'
  scope: rg
  params: {
    name: 'id-trainer-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containers: [
      'pairs'
      'runs'
      'models'
      deploymentContainerName
    ]
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module registry 'core/host/container-registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: 'cr${resourceToken}'
    location: location
    tags: tags
  }
}

module containerAppsEnvironment 'core/host/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    name: 'cae-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
    workloadProfiles: trainerGpu == 'none' ? [consumptionProfile] : [consumptionProfile, trainer.workloadProfile]
  }
}

module trainerJob 'core/host/container-apps-job.bicep' = {
  name: 'trainer-job'
  scope: rg
  params: {
    name: 'caj-trainer-${take(resourceToken, 10)}'
    location: location
    tags: tags
    environmentId: containerAppsEnvironment.outputs.id
    workloadProfileName: trainer.workloadProfile.name
    image: empty(trainerImage) ? trainerPlaceholderImage : trainerImage
    identityId: trainerIdentity.outputs.id
    identityClientId: trainerIdentity.outputs.clientId
    registryLoginServer: registry.outputs.loginServer
    blobEndpoint: storage.outputs.blobEndpoint
    cpu: trainer.cpu
    memory: trainer.memory
    replicaTimeoutSeconds: trainerReplicaTimeoutSeconds
    replicaRetryLimit: trainerReplicaRetryLimit
  }
}

module functionApp 'core/host/flex-function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: functionIdentity.outputs.id
    identityClientId: functionIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    appSettings: {
      // The pairs/runs/models account as a Functions identity-based connection (blob triggers use it too).
      PAIRTUNER_STORAGE__blobServiceUri: storage.outputs.blobEndpoint
      PAIRTUNER_STORAGE__queueServiceUri: storage.outputs.queueEndpoint
      PAIRTUNER_STORAGE__credential: 'managedidentity'
      PAIRTUNER_STORAGE__clientId: functionIdentity.outputs.clientId
      PairTuner__Trainer__Launcher: 'ContainerAppsJob'
      PairTuner__ContainerAppsJob__SubscriptionId: subscription().subscriptionId
      PairTuner__ContainerAppsJob__ResourceGroup: rg.name
      PairTuner__ContainerAppsJob__JobName: trainerJob.outputs.name
      PairTuner__ContainerAppsJob__ContainerName: 'trainer'
      // Runs train where the job's hardware is: cuda on a GPU profile, cpu without (a run may still override it).
      PairTuner__Defaults__device: trainer.device
      // In Azure, Event Grid delivers blob events (the polling trigger is not even in the package).
      'AzureWebJobs.PairsUploadedEventGrid.Disabled': 'false'
    }
  }
}

module storageRoles 'core/security/storage-roles.bicep' = {
  name: 'storage-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    blobOwnerPrincipalIds: [
      functionIdentity.outputs.principalId
    ]
    blobContributorPrincipalIds: [
      trainerIdentity.outputs.principalId
    ]
    queueTablePrincipalIds: [
      functionIdentity.outputs.principalId
    ]
    userPrincipalIds: empty(principalId) ? [] : [
      principalId
    ]
    userPrincipalType: principalType
  }
}

module trainerJobRoles 'core/security/trainer-job-roles.bicep' = {
  name: 'trainer-job-roles'
  scope: rg
  params: {
    jobName: trainerJob.outputs.name
    registryName: registry.outputs.name
    functionPrincipalId: functionIdentity.outputs.principalId
    trainerPrincipalId: trainerIdentity.outputs.principalId
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module blobEvents 'core/events/blob-events-system-topic.bicep' = {
  name: 'blob-events'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
  }
}

// azd reads these outputs into the environment (.azure/<env>/.env) for deploy and the hooks.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = blobEvents.outputs.name
output AZURE_TRAINER_JOB_NAME string = trainerJob.outputs.name
// azure.yaml builds the trainer image with this backend (cuda or cpu), so image and profile agree.
output TRAINER_TORCH_BACKEND string = trainer.torchBackend
