namespace AgentMesh.Actors.Dispatch;

/// <summary>
/// A kernel message (lifecycle, watch, failure). System messages are processed before user messages
/// and are linked intrusively through <see cref="Next"/>, so an idle actor carries no queue for them.
/// A system message instance is sent once; it must not be reused.
/// </summary>
internal abstract class SystemMessage
{
    /// <summary>Link in a <see cref="SystemMessageList"/>; owned by the list that holds the message.</summary>
    internal SystemMessage? Next;
}
