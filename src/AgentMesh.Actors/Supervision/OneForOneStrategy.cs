namespace AgentMesh.Actors.Supervision;

/// <summary>A directive applies to the failed child only.</summary>
public sealed class OneForOneStrategy(int maxNrOfRetries = -1, TimeSpan? withinTimeRange = null, Func<Exception, Directive>? decider = null)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    public override bool AppliesToAllChildren => false;
}
