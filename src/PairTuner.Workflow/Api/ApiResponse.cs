using System.Text.Json;
using PairTuner.Core.Serialization;

namespace PairTuner.Workflow.Api;

/// <summary>What a handler answers: a status code, a JSON body (PairTuner's one JSON shape) and headers.</summary>
public sealed record ApiResponse(int StatusCode, object? Body)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as UTF-8 JSON; empty when there is none.</summary>
    public byte[] BodyBytes() => Body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(Body, Body.GetType(), PairTunerJson.Options);

    public static ApiResponse Ok(object body) => new(200, body);

    public static ApiResponse Error(int statusCode, string message, IReadOnlyList<ApiErrorDetail>? details = null) =>
        new(statusCode, new ApiError(message, details is { Count: > 0 } ? details : null));
}
