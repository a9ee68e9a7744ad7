namespace AgentMesh.Actors;

/// <summary>An actor's constructor or <c>PreStart</c> threw; the original exception is the inner one.</summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException(string actorPath, Exception cause)
        : base($"Actor {actorPath} failed to start: {cause.Message}", cause)
    {
        ActorPath = actorPath;
    }

    public string ActorPath { get; }
}
