metadata description = 'Container Apps environment with the workload profiles main.bicep chooses (Consumption, and the trainer\'s serverless GPU profile). Logs go to Azure Monitor, whose diagnostic setting writes them to the Log Analytics tables ContainerAppConsoleLogs and ContainerAppSystemLogs (no shared key; not the *_CL tables of the log-analytics destination).'

@description('Environment name.')
param name string

@description('Azure region.')
param location string

@description('Tags to apply.')
param tags object = {}

@description('Log Analytics workspace that receives the environment logs.')
param logAnalyticsWorkspaceId string

@description('Workload profiles: Consumption, plus the trainer\'s serverless GPU profile when it has one (main.bicep derives them from trainerGpu).')
param workloadProfiles array

resource environment 'Microsoft.App/managedEnvironments@2026-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: workloadProfiles
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
