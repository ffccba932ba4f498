using System.Security.Cryptography;
using PairTuner.Core.Pairs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.Trainer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Tests.TestModels;

/// <summary>
/// A model that trains as <see cref="TinyEncoder"/> does, but whose evaluations score what a test
/// scripts: the first time it is evaluated with a set of weights, the next value of the script says
/// how many eval queries (<see cref="EvalPairs"/>: <c>query i</c> / <c>answer i</c>) find their
/// answer first; the others find it last, so cosine_ndcg@10 is exactly that count over the queries.
/// The same weights always score the same, so a test can tell which weights were published. The
/// script is shared by every model made from it, as a relaunched trainer's new model would be.
/// </summary>
internal sealed class ScriptedQualityModel : ISentenceModel
{
    private readonly TinySentenceModel _inner = new(new TinyEncoder(dropoutProbability: 0));
    private readonly Script _script;

    public ScriptedQualityModel(Script script) => _script = script;

    public string Source => "scripted";

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters => _inner.NamedParameters;

    public void SetTraining(bool training) => _inner.SetTraining(training);

    public Tensor Embed(IReadOnlyList<string> texts) => _inner.Embed(texts);

    public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var correct = _script.CorrectFor(Fingerprint(_inner.NamedParameters));
        var rows = texts.Select(text =>
        {
            var parts = text.Split(' ');
            var i = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var row = new float[_script.Queries];
            row[i] = parts[0] == "answer" && i >= correct ? -1 : 1;
            return row;
        }).ToArray();
        return EmbeddingMatrix.FromRows(rows);
    }

    public string Save(string folder) => _inner.Save(folder);

    public void Dispose() => _inner.Dispose();

    public static string Fingerprint(IEnumerable<(string Name, Parameter Parameter)> weights)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, parameter) in weights.OrderBy(w => w.Name, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            using var cpu = parameter.detach().cpu();
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Eval pairs for <paramref name="queries"/> queries: <c>query i</c> with <c>answer i</c>.</summary>
    public static IReadOnlyList<Pair> EvalPairs(int queries)
        => Enumerable.Range(0, queries).Select(i => new Pair($"query {i}", $"answer {i}")).ToArray();

    /// <summary>How many queries each new set of weights gets right, in the order they are first evaluated.</summary>
    public sealed class Script(int queries, params int[] correct)
    {
        private readonly Dictionary<string, int> _byWeights = new(StringComparer.Ordinal);
        private int _next;

        public int Queries { get; } = queries;

        /// <summary>Weights first seen, in order, with the count they were given.</summary>
        public List<(string Fingerprint, int Correct)> Seen { get; } = [];

        public int CorrectFor(string fingerprint)
        {
            if (!_byWeights.TryGetValue(fingerprint, out var value))
            {
                value = correct[Math.Min(_next++, correct.Length - 1)];
                _byWeights.Add(fingerprint, value);
                Seen.Add((fingerprint, value));
            }

            return value;
        }
    }
}
