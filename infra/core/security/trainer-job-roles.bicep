metadata description = 'Lets the Function App start, watch and stop trainer executions (a custom role with exactly those actions on the one job), and lets the trainer pull its image (AcrPull).'

@description('Name of the trainer Container Apps job.')
param jobName string

@description('Name of the container registry.')
param registryName string

@description('Principal id of the Function App identity.')
param functionPrincipalId string

@description('Principal id of the trainer identity.')
param trainerPrincipalId string

@description('Application Insights component name.')
param applicationInsightsName string

var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource job 'Microsoft.App/jobs@2026-01-01' existing = {
  name: jobName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Least privilege: exactly the requests ContainerAppsJobLauncher sends, on this one job (action names
// from https://learn.microsoft.com/azure/role-based-access-control/permissions/compute#microsoftapp).
// Reading one execution and stopping one are separate actions from listing executions and stopping
// several. tests/PairTuner.Deployment.Tests/Infra/JobOperatorRoleTests.cs holds the launcher's
// recorded requests against this list.
resource jobOperatorRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'pairtuner-trainer-job-operator')
  properties: {
    roleName: 'PairTuner trainer job operator (${resourceGroup().name})'
    description: 'Start, read and stop executions of the PairTuner trainer Container Apps job.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.App/jobs/read' // GET the job: its image, resources and env for the start body
          'Microsoft.App/jobs/start/action' // POST .../start
          'Microsoft.App/jobs/executions/read' // GET .../executions: find an attempt's execution
          'Microsoft.App/jobs/execution/read' // GET .../executions/{name}: its status
          'Microsoft.App/jobs/stop/execution/action' // POST .../executions/{name}/stop
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

resource functionJobOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(job.id, functionPrincipalId, jobOperatorRole.id)
  scope: job
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: jobOperatorRole.id
  }
}

resource trainerAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, trainerPrincipalId, acrPull)
  scope: registry
  properties: {
    principalId: trainerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
  }
}

// Application Insights with local auth disabled accepts telemetry only from identities with this role.
resource functionMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}
