using PairTuner.Contracts.Jobs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Tokenization;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace PairTuner.Training.Trainer;

/// <summary>
/// The real model behind <see cref="ISentenceModel"/>: the encoder engineer's
/// <see cref="SentenceEncoder"/> (HF-named BERT, mean pooling, normalize) with the WordPiece
/// tokenizer, loaded from any <c>--model</c> source through <see cref="ModelLoader"/>, saved as a
/// sentence-transformers folder (which writes <c>onnx/model.onnx</c> itself when the base is the
/// builtin ONNX export's shape).
/// </summary>
public sealed class EncoderSentenceModel : ISentenceModel
{
    private const int EvalBatchSize = 64;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly TokenizerFileSet _tokenizerFiles;
    private readonly string _nameOrPath;

    private EncoderSentenceModel(SentenceEncoder encoder, BertWordPieceTokenizer tokenizer, TokenizerFileSet tokenizerFiles, int maxSeqLength, string source, string nameOrPath)
    {
        Encoder = encoder;
        _tokenizer = tokenizer;
        _tokenizerFiles = tokenizerFiles;
        MaxSeqLength = maxSeqLength;
        Source = source;
        _nameOrPath = nameOrPath;
    }

    public SentenceEncoder Encoder { get; }

    public int MaxSeqLength { get; }

    public string Source { get; }

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters => Encoder.named_parameters();

    /// <summary>Loads <see cref="TrainingOptions.Model"/> onto <see cref="TrainingOptions.Device"/> in <see cref="TrainingOptions.Precision"/>.</summary>
    public static EncoderSentenceModel Load(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var encoderOptions = new EncoderOptions
        {
            Precision = options.Precision,
            Device = options.Device,
        };
        var resolved = ModelResolver.Open(options.Model, encoderOptions, options.MaxSeqLength);
        var builtin = ModelReference.IsBuiltin(options.Model);
        return new EncoderSentenceModel(resolved.Encoder, resolved.Tokenizer, resolved.TokenizerFiles, options.MaxSeqLength, resolved.Source,
            builtin ? "sentence-transformers/all-MiniLM-L6-v2" : options.Model);
    }

    public void SetTraining(bool training) => Encoder.train(training);

    /// <summary>Vocabulary entries that are whole lower-case words of 3+ letters: each tokenizes to exactly itself.</summary>
    public IReadOnlyList<string> WholeWords()
        => _tokenizer.Vocabulary.Tokens.Where(t => t.Length >= 3 && t.All(c => c is >= 'a' and <= 'z')).ToArray();

    public Tensor Embed(IReadOnlyList<string> texts) => Encoder.Embed(_tokenizer.EncodeBatch(texts));

    /// <summary>Evaluation embeddings: dropout off, no autograd, texts batched by length to pad little.</summary>
    public EmbeddingMatrix Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var wasTraining = Encoder.training;
        Encoder.eval();
        try
        {
            var matrix = EmbeddingMatrix.Create(texts.Count, Encoder.Dimension);
            var rows = _tokenizer.EncodeAll(texts);
            var order = Enumerable.Range(0, texts.Count).OrderBy(i => rows[i].Length).ToArray();
            using var noGrad = no_grad();
            for (var start = 0; start < order.Length; start += EvalBatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var chunk = order.AsSpan(start, Math.Min(EvalBatchSize, order.Length - start)).ToArray();
                var batch = _tokenizer.Pad(chunk.Select(i => rows[i]).ToArray());
                var values = Encoder.Embed(batch).cpu().data<float>().ToArray();
                for (var r = 0; r < chunk.Length; r++)
                {
                    values.AsSpan(r * Encoder.Dimension, Encoder.Dimension).CopyTo(matrix.Row(chunk[r]));
                }
            }

            return matrix;
        }
        finally
        {
            Encoder.train(wasTraining);
        }
    }

    public string Save(string folder)
    {
        var stateDict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, parameter) in Encoder.named_parameters())
            {
                stateDict[name] = parameter.detach().to(ScalarType.Float32).cpu();
            }

            return SentenceTransformersFolder.Save(
                folder,
                Encoder.Config,
                stateDict,
                _tokenizerFiles,
                new SentenceTransformersFolderOptions { MaxSeqLength = MaxSeqLength, NameOrPath = _nameOrPath });
        }
        finally
        {
            foreach (var tensor in stateDict.Values)
            {
                tensor.Dispose();
            }
        }
    }

    public void Dispose() => Encoder.Dispose();
}
