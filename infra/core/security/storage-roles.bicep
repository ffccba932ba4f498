metadata description = 'Data-plane roles on the storage account: what each identity needs and no more.'

@description('Storage account name.')
param storageAccountName string

@description('Principal ids that need full blob access (Functions host storage and deployment package).')
param blobOwnerPrincipalIds string[] = []

@description('Principal ids that read and write blobs (the trainer).')
param blobContributorPrincipalIds string[] = []

@description('Principal ids that need queues and tables (Durable Task Azure Storage backend, blob trigger receipts).')
param queueTablePrincipalIds string[] = []

@description('Principal type of the user who runs azd (User), or ServicePrincipal in pipelines.')
param userPrincipalIds string[] = []

@description('Principal type for userPrincipalIds.')
@allowed([
  'User'
  'ServicePrincipal'
])
param userPrincipalType string = 'User'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in blobOwnerPrincipalIds: {
    name: guid(storage.id, principalId, storageBlobDataOwner)
    scope: storage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    }
  }
]

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in blobContributorPrincipalIds: {
    name: guid(storage.id, principalId, storageBlobDataContributor)
    scope: storage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    }
  }
]

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in queueTablePrincipalIds: {
    name: guid(storage.id, principalId, storageQueueDataContributor)
    scope: storage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    }
  }
]

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in queueTablePrincipalIds: {
    name: guid(storage.id, principalId, storageTableDataContributor)
    scope: storage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    }
  }
]

// The person running azd uploads pairs files and reads results with their own identity.
resource userBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in userPrincipalIds: {
    name: guid(storage.id, principalId, storageBlobDataOwner)
    scope: storage
    properties: {
      principalId: principalId
      principalType: userPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    }
  }
]
