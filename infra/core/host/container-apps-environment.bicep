metadata description = 'Container Apps environment with the Consumption profile and, unless disabled, one serverless GPU workload profile for the trainer. Logs go to Azure Monitor (no shared key).'

@description('Environment name.')
param name string

@description('Azure region.')
param location string

@description('Tags to apply.')
param tags object = {}

@description('Log Analytics workspace that receives the environment logs.')
param logAnalyticsWorkspaceId string

@description('Serverless GPU for the trainer: T4 (default), A100, or none for CPU-only subscriptions.')
@allowed([
  'T4'
  'A100'
  'none'
])
param gpu string = 'T4'

var gpuProfiles = {
  T4: {
    name: 'gpu-t4'
    workloadProfileType: 'Consumption-GPU-NC8as-T4'
  }
  A100: {
    name: 'gpu-a100'
    workloadProfileType: 'Consumption-GPU-NC24-A100'
  }
}

var consumptionProfile = {
  name: 'Consumption'
  workloadProfileType: 'Consumption'
}

resource environment 'Microsoft.App/managedEnvironments@2026-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: gpu == 'none' ? [consumptionProfile] : [consumptionProfile, gpuProfiles[gpu]]
    zoneRedundant: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: environment
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

output id string = environment.id
output name string = environment.name
output trainerWorkloadProfileName string = gpu == 'none' ? consumptionProfile.name : gpuProfiles[gpu].name
