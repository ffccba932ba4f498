using PairTuner.Core.Jobs;
using PairTuner.Training.Evaluation;
using PairTuner.Training.ModelIO.Folders;
using PairTuner.Training.ModelIO.Loading;
using PairTuner.Training.Modeling;
using PairTuner.Training.Onnx;
using PairTuner.Training.Tokenization;
using PairTuner.Training.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairTuner.Training.Trainer;

/// <summary>
/// The real model behind <see cref="ISentenceModel"/>: the encoder engineer's
/// <see cref="SentenceEncoder"/> (HF-named BERT, mean pooling, normalize) with the WordPiece
/// tokenizer, loaded from any <c>--model</c> source, saved as a sentence-transformers folder (plus
/// <c>onnx/model.onnx</c> when the base is the builtin ONNX export).
/// </summary>
public sealed class EncoderSentenceModel : ISentenceModel
{
    private const int EvalBatchSize = 64;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly TokenizerFileSet _tokenizerFiles;
    private readonly bool _builtin;
    private readonly string _nameOrPath;

    private EncoderSentenceModel(SentenceEncoder encoder, BertWordPieceTokenizer tokenizer, TokenizerFileSet tokenizerFiles, int maxSeqLength, string source, bool builtin, string nameOrPath)
    {
        Encoder = encoder;
        _tokenizer = tokenizer;
        _tokenizerFiles = tokenizerFiles;
        MaxSeqLength = maxSeqLength;
        Source = source;
        _builtin = builtin;
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
        using var loaded = LoadWeights(options.Model);
        var encoderOptions = new EncoderOptions
        {
            Precision = options.Precision == Core.Jobs.Precision.Bf16 ? Modeling.Precision.Bf16 : Modeling.Precision.Fp32,
            Device = options.Device,
        };
        var encoder = SentenceEncoder.FromStateDict(loaded.Config, loaded.StateDict, encoderOptions);
        var tokenizer = BertWordPieceTokenizer.FromVocabFile(loaded.VocabPath, new BertTokenizerOptions { MaxSequenceLength = options.MaxSeqLength });
        var builtin = string.IsNullOrEmpty(options.Model) || options.Model == TokenizerLoader.BuiltinModel;
        return new EncoderSentenceModel(encoder, tokenizer, loaded.Tokenizer, options.MaxSeqLength, loaded.Source, builtin,
            builtin ? "sentence-transformers/all-MiniLM-L6-v2" : options.Model);
    }

    public void SetTraining(bool training) => Encoder.train(training);

    private static LoadedModel LoadWeights(string model)
    {
        try
        {
            return ModelLoader.FromEnvironment().Load(model);
        }
        catch (NotSupportedException) when (string.IsNullOrEmpty(model) || model == TokenizerLoader.BuiltinModel)
        {
            // Until the model loader converts the builtin ONNX itself, read its weights here.
            var folder = Path.Combine(Path.GetTempPath(), "pairtuner-builtin-vocab");
            Directory.CreateDirectory(folder);
            var vocab = Path.Combine(folder, ModelFiles.Vocab);
            if (!File.Exists(vocab))
            {
                using var source = BuiltinMiniLm.OpenVocab();
                using var target = File.Create(vocab);
                source.CopyTo(target);
            }

            using var onnx = BuiltinMiniLm.OpenOnnx();
            var weights = OnnxWeights.ReadStateDict(onnx, BertConfig.MiniLmL6);
            return new LoadedModel(BertConfig.MiniLmL6, weights, new TokenizerFileSet(vocab), 256, folder, "builtin all-MiniLM-L6-v2");
        }
    }

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

            var saved = SentenceTransformersFolder.Save(
                folder,
                Encoder.Config,
                stateDict,
                _tokenizerFiles,
                new SentenceTransformersFolderOptions { MaxSeqLength = MaxSeqLength, NameOrPath = _nameOrPath });

            if (_builtin)
            {
                // The builtin base is an ONNX export: write the tuned weights into the same graph.
                var onnxPath = Path.Combine(saved, ModelFiles.OnnxModel);
                Directory.CreateDirectory(Path.GetDirectoryName(onnxPath)!);
                using var baseOnnx = BuiltinMiniLm.OpenOnnx();
                using var output = File.Create(onnxPath);
                OnnxWeights.WriteBack(baseOnnx, stateDict, output, Encoder.Config);
            }

            return saved;
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
