using System.Net;
using System.Text.Json;

namespace PairTuner.Workflow.Launchers.ContainerApps;

/// <summary>Turns ARM's error answers into messages a user can act on.</summary>
internal static class ResourceManagerErrors
{
    public static ResourceManagerException Describe(HttpStatusCode status, string body, string operation, ContainerAppsJobOptions options, bool outcomeUnknown = false)
    {
        var (code, armMessage) = Parse(body);
        var job = $"Container Apps job '{options.JobName}' in resource group '{options.ResourceGroup}'";
        var detail = string.IsNullOrEmpty(armMessage) ? string.Empty : $" Azure said: {armMessage}";

        var message = (status, code) switch
        {
            (HttpStatusCode.Unauthorized, _) =>
                $"Could not {operation}: Azure rejected the credentials. In Azure the Function App uses its managed identity (check AZURE_CLIENT_ID); locally, sign in with 'az login'.{detail}",
            (HttpStatusCode.Forbidden, _) or (_, "AuthorizationFailed") =>
                $"Could not {operation}: the Function App's identity may not start or stop the {job}. Give it the 'PairTuner trainer job operator' role on the job (infra/core/security/trainer-job-roles.bicep does; run 'azd provision').{detail}",
            (HttpStatusCode.NotFound, _) or (_, "ResourceNotFound" or "ResourceGroupNotFound") =>
                $"Could not {operation}: the {job} does not exist in subscription '{options.SubscriptionId}'. Check PairTuner__ContainerAppsJob__JobName/ResourceGroup/SubscriptionId, or run 'azd provision'.{detail}",
            _ when IsQuota(code, armMessage) =>
                $"Could not {operation}: the subscription has no quota for the trainer's workload profile (serverless GPU). Request GPU quota for Azure Container Apps in this region, or provision with PAIRTUNER_TRAINER_GPU=none to train on CPU.{detail}",
            (HttpStatusCode.Conflict, _) =>
                $"Could not {operation}: the {job} is busy with another operation (409). It will be retried; if it persists, check the job in the portal.{detail}",
            (HttpStatusCode.TooManyRequests, _) =>
                $"Could not {operation}: Azure Resource Manager kept throttling the requests (429) after every retry. Try again later.{detail}",
            _ when (int)status >= 500 =>
                $"Could not {operation}: Azure Resource Manager failed ({(int)status}) after every retry. Try again later; the run can be resumed.{detail}",
            _ => $"Could not {operation}: Azure Resource Manager answered {(int)status} {code}.{detail}",
        };

        return new ResourceManagerException(message, status, code, outcomeUnknown: outcomeUnknown);
    }

    private static bool IsQuota(string? code, string? message) =>
        (code?.Contains("Quota", StringComparison.OrdinalIgnoreCase) ?? false) ||
        (message?.Contains("quota", StringComparison.OrdinalIgnoreCase) ?? false);

    private static (string? Code, string? Message) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            // ARM wraps errors as { "error": { "code", "message" } }; some RPs answer the inner object alone.
            var error = doc.RootElement.TryGetProperty("error", out var inner) ? inner : doc.RootElement;
            return (
                error.TryGetProperty("code", out var c) ? c.GetString() : null,
                error.TryGetProperty("message", out var m) ? m.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, body.Length > 300 ? body[..300] : body);
        }
    }
}
