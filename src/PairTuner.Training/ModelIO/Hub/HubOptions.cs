namespace PairTuner.Training.ModelIO.Hub;

/// <summary>Where the Hugging Face Hub is and how to sign in to it.</summary>
public sealed record HubOptions
{
    public const string EndpointVariable = "HF_ENDPOINT";
    public const string TokenVariable = "HF_TOKEN";
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <summary>The Hub's base address; files are at <c>{Endpoint}/{repo}/resolve/{revision}/{file}</c>.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>A Hugging Face access token sent as <c>Authorization: Bearer</c> to the endpoint's host only; never logged.</summary>
    public string? Token { get; init; }

    /// <summary>Redirects followed per file (the Hub redirects large files to its CDN and renamed repos to their new name).</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Time allowed for one file, download included.</summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Options from <c>HF_ENDPOINT</c> (default https://huggingface.co) and <c>HF_TOKEN</c>.</summary>
    public static HubOptions FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        Uri uri = DefaultEndpoint;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint.TrimEnd('/'), UriKind.Absolute, out uri!))
        {
            throw new InvalidOperationException($"{EndpointVariable}='{endpoint}' is not an absolute URL such as https://huggingface.co.");
        }

        return new HubOptions { Endpoint = uri, Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim() };
    }
}
