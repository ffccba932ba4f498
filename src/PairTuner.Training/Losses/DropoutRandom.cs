using TorchSharp;

namespace PairTuner.Training.Losses;

/// <summary>
/// Dropout masks come from torch's global generators. Instead of saving and restoring their state
/// (sentence-transformers' RandContext does that with torch.random.fork_rng; TorchSharp can read the
/// CPU generator's state but not CUDA's), PairTuner reseeds them from a seed derived from the run's
/// seed and the step (and, in the cached loss, the column and mini-batch). The same seed gives the
/// same masks on CPU and GPU, so a cached loss's second pass replays its first pass's masks and a
/// resumed run replays the uninterrupted run's masks, with no generator state to carry around.
/// </summary>
public static class DropoutRandom
{
    public static void Seed(long seed)
    {
        torch.random.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>A well-mixed, non-negative seed for (seed, a, b): SplitMix64's finalizer over the combination.</summary>
    public static long Derive(long seed, long a, long b = 0)
    {
        unchecked
        {
            var x = (ulong)seed;
            x = Mix(x + 0x9E3779B97F4A7C15UL * (ulong)(a + 1));
            x = Mix(x + 0xBF58476D1CE4E5B9UL * (ulong)(b + 1));
            return (long)(x & 0x7FFF_FFFF_FFFF_FFFFUL);
        }
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
