using System.Net;

namespace PairTuner.Workflow.Tests.Launchers.ContainerApps;

/// <summary>How <see cref="SimulatedTrainerJob"/> answers one start: whether Azure starts an execution, and what the caller gets back.</summary>
internal sealed record StartAnswer(bool Creates, bool Dropped = false, HttpStatusCode? Status = null, bool Accepted = false, bool Throttled = false)
{
    /// <summary>Starts an execution and answers 200 with its name.</summary>
    public static StartAnswer Ok { get; } = new(Creates: true);

    /// <summary>Starts an execution and answers 202 with a Location only.</summary>
    public static StartAnswer AcceptedWithoutBody { get; } = new(Creates: true, Accepted: true);

    /// <summary>Starts an execution, but the answer is lost: the connection closes.</summary>
    public static StartAnswer StartedButDropped { get; } = new(Creates: true, Dropped: true);

    /// <summary>Starts an execution, then answers 500 (a gateway failing after the work was done).</summary>
    public static StartAnswer StartedButFailed { get; } = new(Creates: true, Status: HttpStatusCode.InternalServerError);

    /// <summary>Answers 503 without starting anything.</summary>
    public static StartAnswer Unavailable { get; } = new(Creates: false, Status: HttpStatusCode.ServiceUnavailable);

    /// <summary>Answers 429 (throttled by ARM) without starting anything.</summary>
    public static StartAnswer Throttle { get; } = new(Creates: false, Throttled: true);
}
