namespace PairTuner.Training.Modeling;

/// <summary>
/// Every parameter of a Hugging Face <c>BertModel</c> (with pooler) of a given shape, by name, in
/// checkpoint order, with its torch shape. For all-MiniLM-L6-v2: 103 tensors, 22,713,216 values.
/// Weight readers check what they found against this list, so a missing tensor is named, not guessed.
/// </summary>
public static class BertParameterNames
{
    public static IReadOnlyList<(string Name, long[] Shape)> For(BertConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long h = config.HiddenSize, i = config.IntermediateSize;
        var names = new List<(string, long[])>
        {
            ("embeddings.word_embeddings.weight", [config.VocabSize, h]),
            ("embeddings.position_embeddings.weight", [config.MaxPositionEmbeddings, h]),
            ("embeddings.token_type_embeddings.weight", [config.TypeVocabSize, h]),
            ("embeddings.LayerNorm.weight", [h]),
            ("embeddings.LayerNorm.bias", [h]),
        };
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            var p = $"encoder.layer.{layer}.";
            foreach (var projection in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                names.Add((p + projection + ".weight", [h, h]));
                names.Add((p + projection + ".bias", [h]));
            }

            names.Add((p + "attention.output.LayerNorm.weight", [h]));
            names.Add((p + "attention.output.LayerNorm.bias", [h]));
            names.Add((p + "intermediate.dense.weight", [i, h]));
            names.Add((p + "intermediate.dense.bias", [i]));
            names.Add((p + "output.dense.weight", [h, i]));
            names.Add((p + "output.dense.bias", [h]));
            names.Add((p + "output.LayerNorm.weight", [h]));
            names.Add((p + "output.LayerNorm.bias", [h]));
        }

        names.Add(("pooler.dense.weight", [h, h]));
        names.Add(("pooler.dense.bias", [h]));
        return names;
    }
}
