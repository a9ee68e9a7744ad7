namespace AgentMesh.Persistence.Serialization;

/// <summary>An event ready for the journal: its manifest and its UTF-8 JSON, a fresh array the caller owns.</summary>
public readonly record struct SerializedEvent(string Manifest, byte[] Payload);
