using System.Text.Json;
using PairTuner.Core.Serialization;

namespace PairTuner.Workflow.Api;

/// <summary>What a handler answers: a status code, a JSON body (PairTuner's one JSON shape) and headers.</summary>
public sealed record ApiResponse(int StatusCode, object? Body)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A body that is not JSON (a file from storage, a zip), written straight to the response as it is
    /// read so no whole file is held in memory; <see cref="Body"/> is null then.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? Content { get; init; }

    /// <summary>The content type of <see cref="Content"/>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body as UTF-8 JSON; empty when there is none.</summary>
    public byte[] BodyBytes() => Body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(Body, Body.GetType(), PairTunerJson.Options);

    public static ApiResponse Ok(object body) => new(200, body);

    /// <summary>A 200 whose body <paramref name="content"/> writes; <paramref name="fileName"/> makes browsers save it.</summary>
    public static ApiResponse Streamed(string contentType, Func<Stream, CancellationToken, Task> content, string? fileName = null) =>
        new(200, null)
        {
            Content = content,
            ContentType = contentType,
            Headers = fileName is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"{fileName}\"" },
        };

    public static ApiResponse Error(int statusCode, string message, IReadOnlyList<ApiErrorDetail>? details = null) =>
        new(statusCode, new ApiError(message, details is { Count: > 0 } ? details : null));
}
