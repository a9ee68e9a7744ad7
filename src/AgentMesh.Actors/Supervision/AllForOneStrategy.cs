namespace AgentMesh.Actors.Supervision;

/// <summary>A restart or stop applies to every child of the supervisor, for children that only make sense together.</summary>
public sealed class AllForOneStrategy(int maxNrOfRetries = -1, TimeSpan? withinTimeRange = null, Func<Exception, Directive>? decider = null)
    : SupervisorStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    public override bool AppliesToAllChildren => true;
}
