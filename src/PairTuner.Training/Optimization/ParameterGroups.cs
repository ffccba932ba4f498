using TorchSharp.Modules;

namespace PairTuner.Training.Optimization;

/// <summary>
/// fit()'s two AdamW groups: parameters whose Hugging Face name contains <c>bias</c>,
/// <c>LayerNorm.bias</c> or <c>LayerNorm.weight</c> get no weight decay; all others do.
/// </summary>
public static class ParameterGroups
{
    private static readonly string[] NoDecay = ["bias", "LayerNorm.bias", "LayerNorm.weight"];

    public static bool DecaysWeight(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !NoDecay.Any(part => name.Contains(part, StringComparison.Ordinal));
    }

    public static (IReadOnlyList<(string Name, Parameter Parameter)> Decay, IReadOnlyList<(string Name, Parameter Parameter)> NoDecay) Split(
        IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var decay = new List<(string, Parameter)>();
        var noDecay = new List<(string, Parameter)>();
        foreach (var (name, parameter) in parameters)
        {
            if (!parameter.requires_grad)
            {
                continue;
            }

            (DecaysWeight(name) ? decay : noDecay).Add((name, parameter));
        }

        return (decay, noDecay);
    }
}
