metadata description = 'Event Grid system topic on the storage account. The subscription that delivers BlobCreated in pairs/ to the Functions blob extension is created after deploy (scripts/post-deploy.*), because its endpoint needs the blobs_extension system key, which exists only once the app code runs.'

@description('System topic name.')
param name string

@description('Azure region.')
param location string

@description('Tags to apply.')
param tags object = {}

@description('Storage account the topic watches.')
param storageAccountId string

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
