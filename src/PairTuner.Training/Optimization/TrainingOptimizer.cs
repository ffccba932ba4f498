using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PairTuner.Training.Optimization;

/// <summary>
/// One optimizer step as fit() takes it: clip the gradient norm, set the scheduled learning rate,
/// AdamW with decoupled weight decay on the decaying group only. When the model computes in bf16,
/// AdamW works on fp32 master copies of the weights (a 2e-5 update is below bf16's resolution for
/// most weights and would be lost): gradients are copied up, the masters step, and the model's
/// weights are refreshed from them.
/// </summary>
public sealed class TrainingOptimizer : IDisposable
{
    private readonly (string Name, Parameter Model, Parameter Master)[] _parameters;
    private readonly bool _mixed;
    private readonly TrainingOptimizerOptions _options;

    public TrainingOptimizer(IEnumerable<(string Name, Parameter Parameter)> modelParameters, TrainingOptimizerOptions options, LinearWarmupSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

        var trainable = modelParameters.Where(p => p.Parameter.requires_grad).ToArray();
        _mixed = trainable.Any(p => p.Parameter.dtype != ScalarType.Float32);
        _parameters = trainable
            .Select(p => (p.Name, p.Parameter, _mixed ? new Parameter(p.Parameter.detach().to(ScalarType.Float32).clone(), requires_grad: true) : p.Parameter))
            .ToArray();

        var (decay, noDecay) = ParameterGroups.Split(_parameters.Select(p => (p.Name, p.Master)));
        DecayNames = decay.Select(p => p.Name).ToArray();
        NoDecayNames = noDecay.Select(p => p.Name).ToArray();
        var groups = new List<AdamW.ParamGroup>
        {
            new(decay.Select(p => p.Parameter), new AdamW.Options { LearningRate = options.Lr, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Eps, weight_decay = options.WeightDecay }),
            new(noDecay.Select(p => p.Parameter), new AdamW.Options { LearningRate = options.Lr, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Eps, weight_decay = 0.0 }),
        };
        Optimizer = optim.AdamW(groups, options.Lr, options.Beta1, options.Beta2, options.Eps, options.WeightDecay, amsgrad: false);
    }

    public AdamW Optimizer { get; }

    public LinearWarmupSchedule Schedule { get; }

    public IReadOnlyList<string> DecayNames { get; }

    public IReadOnlyList<string> NoDecayNames { get; }

    /// <summary>True when AdamW steps fp32 masters of lower-precision model weights.</summary>
    public bool UsesMasterWeights => _mixed;

    /// <summary>The weights that are the truth of the run: the fp32 masters when mixed, else the model's own.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Weights => _parameters.Select(p => (p.Name, p.Master));

    public void ZeroGrad()
    {
        foreach (var (_, model, master) in _parameters)
        {
            model.grad?.zero_();
            if (_mixed)
            {
                master.grad?.zero_();
            }
        }
    }

    /// <summary>Takes optimizer step <paramref name="step"/> (0-based) and returns the gradient norm before clipping.</summary>
    public double Step(long step)
    {
        using var scope = NewDisposeScope();
        if (_mixed)
        {
            foreach (var (_, model, master) in _parameters)
            {
                if (model.grad is null)
                {
                    continue;
                }

                if (master.grad is null)
                {
                    master.grad = model.grad.to(ScalarType.Float32);
                }
                else
                {
                    master.grad.copy_(model.grad);
                }
            }
        }

        var masters = _parameters.Select(p => p.Master).Where(p => p.grad is not null).ToArray();
        var norm = _options.MaxGradNorm > 0
            ? nn.utils.clip_grad_norm_(masters, _options.MaxGradNorm)
            : GradNorm(masters);

        var lr = Schedule.LearningRate(step);
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }

        Optimizer.step();

        if (_mixed)
        {
            using (no_grad())
            {
                foreach (var (_, model, master) in _parameters)
                {
                    model.copy_(master);
                }
            }
        }

        return norm;
    }

    /// <summary>Copies master weights into the model (after loading a checkpoint in mixed precision).</summary>
    public void SyncModelFromMasters()
    {
        if (!_mixed)
        {
            return;
        }

        using (no_grad())
        {
            foreach (var (_, model, master) in _parameters)
            {
                model.copy_(master);
            }
        }
    }

    public void SaveState(string path) => Optimizer.save_state_dict(path);

    public void LoadState(string path) => Optimizer.load_state_dict(path);

    public void Dispose()
    {
        Optimizer.Dispose();
        if (_mixed)
        {
            foreach (var (_, _, master) in _parameters)
            {
                master.Dispose();
            }
        }
    }

    private static double GradNorm(IEnumerable<Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var total = 0.0;
        foreach (var p in parameters)
        {
            var n = p.grad!.norm().ToDouble();
            total += n * n;
        }

        return Math.Sqrt(total);
    }
}
