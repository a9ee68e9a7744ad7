using System.Text.Json;

namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>welcome</c>: onboarding material, sent at most once per incarnation; answer with
/// <c>welcome-ack</c> once it is absorbed.
/// </summary>
public sealed record WelcomeFrame(string WelcomeId, JsonElement Payload) : NodeFrame;
