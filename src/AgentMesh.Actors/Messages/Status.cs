namespace AgentMesh.Actors;

/// <summary>Replies that carry an outcome; an ask answered with <see cref="Failure"/> throws its exception.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}
