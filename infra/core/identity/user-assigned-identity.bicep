metadata description = 'A user-assigned managed identity: how the Function App and the trainer reach Azure without secrets.'

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags to apply.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
