using System.Reflection;

namespace PairTuner.Tests;

/// <summary>
/// The assemblies an application can load, found through metadata references from its entry
/// assembly: what the shipping tests check to keep the benchmarks, ONNX Runtime or the local host
/// out of the trainer and the Functions app.
/// </summary>
internal static class AssemblyClosure
{
    /// <summary>Every assembly name reachable from <paramref name="root"/> (the framework's own not followed).</summary>
    public static SortedSet<string> Of(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !seen.Add(name) || IsFramework(name))
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // Referenced but not shipped (an optional dependency of a package): its name still counts.
                }
            }
        }

        return seen;
    }

    private static bool IsFramework(string name)
        => name is "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
