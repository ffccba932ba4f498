using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PairTuner.Training.ModelIO.Folders;

namespace PairTuner.Training.ModelIO.Hub;

/// <summary>
/// Downloads the files of a sentence-transformers / BERT model from the Hugging Face Hub (or any
/// server with its URL layout, <c>{endpoint}/{repo}/resolve/{revision}/{file}</c>) into a folder.
/// Redirects are followed here rather than by HttpClient so that the token goes to the Hub's own
/// host and never to the CDN or another host a redirect points at.
/// </summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly HubOptions _options;

    /// <summary>A client over <paramref name="handler"/> (default: sockets, no automatic redirects); <paramref name="disposeHandler"/> false leaves a shared handler open.</summary>
    public HubClient(HubOptions options, HttpMessageHandler? handler = null, bool disposeHandler = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        handler ??= new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All };
        _http = new HttpClient(handler, disposeHandler) { Timeout = options.FileTimeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PairTuner", "1.0"));
    }

    /// <summary>
    /// Downloads what PairTuner needs of <paramref name="id"/> into <paramref name="folder"/> (which must
    /// exist and is normally a staging folder): modules.json and the Pooling config when the repo has
    /// them, config.json, model.safetensors (else pytorch_model.bin), vocab.txt and/or tokenizer.json,
    /// and the optional tokenizer and sentence-transformers configs. Returns the files written.
    /// </summary>
    public async Task<IReadOnlyList<string>> DownloadModelAsync(HubModelId id, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var written = new List<string>();

        async Task<bool> Get(string file, bool required)
        {
            var ok = await DownloadFileAsync(id, file, Path.Combine(folder, file), required, cancellationToken).ConfigureAwait(false);
            if (ok)
            {
                written.Add(file);
            }

            return ok;
        }

        var prefix = string.Empty;
        if (await Get(ModelFiles.Modules, required: false).ConfigureAwait(false))
        {
            var modules = ReadModules(Path.Combine(folder, ModelFiles.Modules), id);
            var transformer = modules.FirstOrDefault(module => module.Type.EndsWith(".Transformer", StringComparison.Ordinal));
            prefix = string.IsNullOrEmpty(transformer?.Path) ? string.Empty : transformer.Path.TrimEnd('/') + "/";
            foreach (var pooling in modules.Where(module => module.Type.EndsWith(".Pooling", StringComparison.Ordinal)))
            {
                await Get($"{pooling.Path.TrimEnd('/')}/{ModelFiles.ModuleConfig}", required: true).ConfigureAwait(false);
            }
        }

        await Get(prefix + ModelFiles.Config, required: true).ConfigureAwait(false);
        if (!await Get(prefix + ModelFiles.Safetensors, required: false).ConfigureAwait(false)
            && !await Get(prefix + ModelFiles.PytorchBin, required: false).ConfigureAwait(false))
        {
            throw new HubDownloadException($"{id}: has neither {prefix}{ModelFiles.Safetensors} nor {prefix}{ModelFiles.PytorchBin}; there are no weights to load.");
        }

        var hasVocab = await Get(prefix + ModelFiles.Vocab, required: false).ConfigureAwait(false);
        var hasTokenizerJson = await Get(prefix + ModelFiles.TokenizerJson, required: false).ConfigureAwait(false);
        if (!hasVocab && !hasTokenizerJson)
        {
            throw new HubDownloadException($"{id}: has neither {prefix}{ModelFiles.Vocab} nor {prefix}{ModelFiles.TokenizerJson}; the tokenizer needs one.");
        }

        await Get(prefix + ModelFiles.TokenizerConfig, required: false).ConfigureAwait(false);
        await Get(prefix + ModelFiles.SpecialTokensMap, required: false).ConfigureAwait(false);
        await Get(prefix + ModelFiles.SentenceBertConfig, required: false).ConfigureAwait(false);
        await Get(ModelFiles.SentenceTransformersConfig, required: false).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Downloads one file to <paramref name="destination"/> (written beside it, then renamed). Returns
    /// false when the file does not exist in the repo and <paramref name="required"/> is false.
    /// </summary>
    public async Task<bool> DownloadFileAsync(HubModelId id, string file, string destination, bool required, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var url = FileUrl(id, file);
        using var response = await SendFollowingRedirectsAsync(url, id, file, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var code = Header(response, "X-Error-Code");
            var repoMissing = code is "RepoNotFound" or "RevisionNotFound";
            if (required || repoMissing)
            {
                throw new HubDownloadException($"{id}: {(repoMissing ? code : $"required file '{file}' not found")} ({url} answered 404{await Reason(response, cancellationToken).ConfigureAwait(false)}).");
            }

            return false;
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var tokenState = _options.Token is null ? $"{HubOptions.TokenVariable} is not set" : $"the token in {HubOptions.TokenVariable} was refused";
            throw new HubDownloadException($"{id}: file '{file}' denied ({url} answered {(int)response.StatusCode} {response.ReasonPhrase}{await Reason(response, cancellationToken).ConfigureAwait(false)}); {tokenState}. The repo may be private, gated or misspelled: set {HubOptions.TokenVariable} to a token with read access.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HubDownloadException($"{id}: file '{file}' failed ({url} answered {(int)response.StatusCode} {response.ReasonPhrase}{await Reason(response, cancellationToken).ConfigureAwait(false)}).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var temporary = $"{destination}.{Guid.NewGuid():N}.partial";
        try
        {
            long written;
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await response.Content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                written = stream.Length;
            }

            if (response.Content.Headers.ContentLength is { } expected && expected != written)
            {
                throw new HubDownloadException($"{id}: file '{file}' was cut off: {written} of {expected} bytes arrived from {url}.");
            }

            File.Move(temporary, destination, overwrite: true);
            return true;
        }
        catch (HttpRequestException ex)
        {
            throw new HubDownloadException($"{id}: file '{file}' download from {url} failed: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary><c>{endpoint}/{repo}/resolve/{revision}/{file}</c>, each part escaped (a revision like <c>refs/pr/1</c> becomes one segment).</summary>
    public Uri FileUrl(HubModelId id, string file)
    {
        ArgumentNullException.ThrowIfNull(id);
        var filePath = string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
        var basePath = _options.Endpoint.AbsoluteUri.TrimEnd('/');
        return new Uri($"{basePath}/{id.Repo}/resolve/{Uri.EscapeDataString(id.Revision)}/{filePath}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri url, HubModelId id, string file, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (_options.Token is { } token && SameOrigin(current, _options.Endpoint))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new HubDownloadException($"{id}: file '{file}': cannot reach {current.GetLeftPart(UriPartial.Authority)} ({ex.Message}). Check {HubOptions.EndpointVariable} and the network; a model already in the cache loads offline.", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HubDownloadException($"{id}: file '{file}': {current} did not answer within {_options.FileTimeout}.", ex);
            }

            var status = (int)response.StatusCode;
            if (status is < 300 or >= 400 || status == 304)
            {
                return response;
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new HubDownloadException($"{id}: file '{file}': {current} answered {status} without a Location header.");
            }

            if (hop >= _options.MaxRedirects)
            {
                throw new HubDownloadException($"{id}: file '{file}': more than {_options.MaxRedirects} redirects from {url}.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (current.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new HubDownloadException($"{id}: file '{file}': {current} redirects from HTTPS to {next.Scheme}; refused.");
            }

            current = next;
        }
    }

    private static bool SameOrigin(Uri left, Uri right)
        => string.Equals(left.Scheme, right.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(left.IdnHost, right.IdnHost, StringComparison.OrdinalIgnoreCase)
           && left.Port == right.Port;

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // The Hub explains refusals in X-Error-Message; other servers in the body. Keep it short.
    private static async Task<string> Reason(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var message = Header(response, "X-Error-Message");
        if (string.IsNullOrWhiteSpace(message))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            message = body.Length > 300 ? body[..300] + "..." : body;
        }

        message = message?.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(message) ? string.Empty : $": {message}";
    }

    private static List<ModuleEntry> ReadModules(string path, HubModelId id)
    {
        try
        {
            return JsonSerializer.Deserialize<List<ModuleEntry>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException ex)
        {
            throw new HubDownloadException($"{id}: modules.json is not a module list ({ex.Message}).", ex);
        }
    }
}
