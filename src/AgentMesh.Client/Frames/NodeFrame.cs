using System.Text.Json.Serialization;

namespace AgentMesh.Client.Frames;

/// <summary>
/// A frame the node sends to the agent: <c>hello-ok</c> and the frames of the spec's
/// "Frames, node → agent" table, plus two client-side kinds that never travel on the wire:
/// <see cref="UnknownFrame"/> (a <c>type</c> this client does not know, from a newer node) and
/// <see cref="MalformedFrame"/> (a frame that could not be read). The hierarchy is closed.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = FrameTypes.PropertyName)]
[JsonDerivedType(typeof(HelloOkFrame), FrameTypes.HelloOk)]
[JsonDerivedType(typeof(WelcomeFrame), FrameTypes.Welcome)]
[JsonDerivedType(typeof(DeliverFrame), FrameTypes.Deliver)]
[JsonDerivedType(typeof(NudgeFrame), FrameTypes.Nudge)]
[JsonDerivedType(typeof(StopSessionFrame), FrameTypes.StopSession)]
[JsonDerivedType(typeof(SuspendedFrame), FrameTypes.Suspended)]
[JsonDerivedType(typeof(ResumedFrame), FrameTypes.Resumed)]
[JsonDerivedType(typeof(SentFrame), FrameTypes.Sent)]
[JsonDerivedType(typeof(RejectedFrame), FrameTypes.Rejected)]
[JsonDerivedType(typeof(ErrorFrame), FrameTypes.Error)]
public abstract record NodeFrame
{
    private protected NodeFrame()
    {
    }
}
