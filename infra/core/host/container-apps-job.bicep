metadata description = 'The trainer: a manually triggered Container Apps job. The workflow starts one execution per training attempt with the run job path as an environment override.'

@description('Job name.')
param name string

@description('Azure region.')
param location string

@description('Tags to apply; the job also gets azd-service-name so azd deploys the image to it.')
param tags object = {}

@description('azd service name this job hosts.')
param serviceName string = 'trainer'

@description('Container Apps environment id.')
param environmentId string

@description('Workload profile the job runs on (GPU or Consumption).')
param workloadProfileName string

@description('Resource id of the user-assigned identity the job runs as (blob access, AcrPull).')
param identityId string

@description('Client id of that identity, for DefaultAzureCredential inside the container.')
param identityClientId string

@description('Registry login server the image comes from.')
param registryLoginServer string

@description('Image: the one azd deployed last (main.bicep passes SERVICE_TRAINER_IMAGE_NAME), or a placeholder before the first deploy.')
param image string

@description('Blob endpoint of the storage account the trainer reads and writes.')
param blobEndpoint string

@description('vCPUs for the trainer container.')
param cpu string

@description('Memory for the trainer container, e.g. 56Gi.')
param memory string

@description('Seconds an execution may run before Container Apps stops it.')
@minValue(600)
@maxValue(86400)
param replicaTimeoutSeconds int = 86400

@description('Platform retries of a failed replica. 0 by default: the orchestration relaunches with resume from the last checkpoint, and a platform retry would race it.')
@minValue(0)
@maxValue(10)
param replicaRetryLimit int = 0

resource job 'Microsoft.App/jobs@2026-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: replicaTimeoutSeconds
      replicaRetryLimit: replicaRetryLimit
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'trainer'
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: [
            {
              name: 'PAIRTUNER_STORAGE__blobServiceUri'
              value: blobEndpoint
            }
            {
              name: 'PAIRTUNER_STORAGE__clientId'
              value: identityClientId
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: identityClientId
            }
          ]
        }
      ]
    }
  }
}

output id string = job.id
output name string = job.name
