using System.Text.Json.Serialization;

namespace AgentMesh.Client.Frames;

/// <summary>
/// A frame the agent sends to the node: <c>hello</c> and the frames of the spec's
/// "Frames, agent → node" table. The hierarchy is closed; each frame validates its values in its
/// constructor and throws <see cref="ArgumentException"/> for what the spec forbids.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = FrameTypes.PropertyName)]
[JsonDerivedType(typeof(HelloFrame), FrameTypes.Hello)]
[JsonDerivedType(typeof(WelcomeAckFrame), FrameTypes.WelcomeAck)]
[JsonDerivedType(typeof(SessionStartedFrame), FrameTypes.SessionStarted)]
[JsonDerivedType(typeof(UsageFrame), FrameTypes.Usage)]
[JsonDerivedType(typeof(ResultFrame), FrameTypes.Result)]
[JsonDerivedType(typeof(SessionEndedFrame), FrameTypes.SessionEnded)]
[JsonDerivedType(typeof(SendFrame), FrameTypes.Send)]
[JsonDerivedType(typeof(FetchFrame), FrameTypes.Fetch)]
public abstract record AgentFrame
{
    private protected AgentFrame()
    {
    }
}
